package io.tillbridge.runs.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A run as its tenant sees it: trigger, status, timings, counts, checkpoints, error and, in detail, events. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "One run of an integration")
public record RunView(
        UUID id,
        UUID integrationId,
        @Schema(allowableValues = {"manual", "schedule", "webhook", "retry", "replay"}) String trigger,
        @Schema(allowableValues = {"queued", "running", "succeeded", "failed", "cancelled"}) String status,
        int attempt,
        Instant queuedAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "Where the run started reading (the connector's opaque checkpoint)") String checkpointBefore,
        @Schema(description = "The last checkpoint the run committed") String checkpointAfter,
        Counts counts,
        @Schema(description = "Why the run failed: a category (CONFIG, AUTH, TRANSIENT, SYSTEM, RECORD_ERRORS, LIMIT) and a"
                + " message")
        String error,
        boolean cancelRequested,
        @Schema(description = "True when the run worked in shadow mode: it wrote nothing to the target; see its"
                + " shadow changes") boolean shadow,
        @Schema(description = "The run whose stored records this replay re-processed") UUID replayOf,
        @Schema(description = "How often the run was re-queued after a transient failure") int retries,
        @Schema(description = "What happened to the run, in order; in the run's detail only") List<Event> events) {

    /** Records read, written, skipped as unchanged and failed (totals). */
    @Serdeable
    public record Counts(long read,
            @Schema(description = "Written to the target; 0 in a shadow run, whose changes are its shadow changes")
            long written,
            @Schema(description = "Skipped: the ledger or the target already had this version") long unchanged,
            @Schema(description = "Sent to the error inbox") long failed) {
    }

    /** One thing that happened to a run. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(Instant at, String kind, Integer attempt, String detail) {
    }

    public static RunView of(Run run, List<RunEvent> events) {
        return new RunView(run.id(), run.integrationId(), run.trigger().wire(), run.status().wire(), run.attempt(),
                run.queuedAt(), run.startedAt(), run.finishedAt(), run.checkpointBefore(), run.checkpointAfter(),
                new Counts(run.counts().read(), run.counts().written(), run.counts().unchanged(), run.counts().failed()),
                run.error(), run.cancelRequested(), run.shadow(), run.replayOf(), run.retries(),
                events == null ? null : events.stream().map(e -> new Event(e.at(), e.kind(), e.attempt(), e.detail())).toList());
    }
}
