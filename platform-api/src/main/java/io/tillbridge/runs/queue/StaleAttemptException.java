package io.tillbridge.runs.queue;

import io.tillbridge.runs.RunStatus;
import java.util.UUID;

/**
 * Refuses work fenced by an attempt that no longer owns its run: another worker claimed the run
 * after this one's lease expired, or the run is already finished. Nothing of the work was kept; the
 * refusal is recorded as a {@code stale-attempt-refused} event of the run.
 */
public class StaleAttemptException extends IllegalStateException {

    private final UUID runId;
    private final int attempt;
    private final int currentAttempt;
    private final RunStatus currentStatus;

    public StaleAttemptException(UUID runId, int attempt, int currentAttempt, RunStatus currentStatus) {
        super("Run " + runId + ": attempt " + attempt + " is stale (the run is at attempt " + currentAttempt
                + ", " + currentStatus.wire() + "); its work was refused");
        this.runId = runId;
        this.attempt = attempt;
        this.currentAttempt = currentAttempt;
        this.currentStatus = currentStatus;
    }

    public UUID runId() {
        return runId;
    }

    public int attempt() {
        return attempt;
    }

    public int currentAttempt() {
        return currentAttempt;
    }

    public RunStatus currentStatus() {
        return currentStatus;
    }
}
