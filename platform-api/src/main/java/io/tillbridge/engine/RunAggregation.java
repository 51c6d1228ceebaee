package io.tillbridge.engine;

import io.tillbridge.connector.mapping.Aggregation;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.FieldError;
import io.tillbridge.connector.mapping.RecordOutcome;
import io.tillbridge.connector.mapping.ValueSize;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.errors.ErrorCategory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run of an integration whose mapping aggregates (for example one daily journal line per business
 * day, location and ledger account from many orders). Every record the run reads is mapped and
 * added to the groups; when the read ends, the groups are written as records of their own, keyed
 * {@code group/<group-by values>}, through the ledger, so a group whose sums did not change is not
 * written again. A group needs every record that belongs to it, so such a run reads its source from
 * the start each time; records that fail to map or whose source reported problems with them
 * ({@link SourceProblems}), and journals whose debits differ from their credits, go to the error inbox. Not thread-safe: one per run.
 * <p>
 * A mapping whose aggregate makes documents writes one record per journal, keyed
 * {@code document/<balance.by values>}; one with {@code final} writes only the groups final by the
 * worker's clock when the read ends, and logs how many are not final yet (they are written by a
 * later run).
 */
final class RunAggregation {

    /** The groups, with the records held for failing to map, outgrew the run's limits. */
    static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    private static final String GROUP = "group/";
    private static final String DOCUMENT = "document/";
    private static final String JOURNAL = "unbalanced-journal/";
    private static final Logger LOG = LoggerFactory.getLogger(RunAggregation.class);

    private final String identity;
    private final CompiledMapping mapping;
    private final Aggregation aggregation;
    private final Map<String, SourceRecord> held = new LinkedHashMap<>();
    private final Map<String, List<RecordMapper.Failure>> failures = new LinkedHashMap<>();
    private final int maxGroups;
    private final long maxBytes;
    private final Clock clock;
    private long read;
    private int pending;
    private long heldBytes;

    RunAggregation(UUID integrationId, int version, CompiledMapping mapping, int maxGroups, long maxBytes) {
        this(integrationId, version, mapping, maxGroups, maxBytes, Clock.systemUTC());
    }

    RunAggregation(UUID integrationId, int version, CompiledMapping mapping, int maxGroups, long maxBytes,
            Clock clock) {
        this.clock = clock;
        this.maxGroups = maxGroups;
        this.maxBytes = maxBytes;
        this.identity = "mapping:" + integrationId + ":v" + version;
        this.mapping = mapping;
        this.aggregation = mapping.newAggregation();
    }

    /**
     * Maps one page of source records into the groups.
     *
     * @throws TooLarge when the groups and held records pass {@code tillbridge.runs.aggregation.max-groups}
     *     or {@code .max-bytes}; the run then fails and writes nothing
     */
    void add(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            read++;
            RecordMapper.Failure problems = SourceProblems.of(record);
            if (problems != null) {
                // Its source could read it only in part: it joins no group (SourceRecord.PROBLEMS).
                hold(record, List.of(problems));
                aggregation.hold(record.data());
            } else {
                RecordOutcome outcome = mapping.map(record);
                List<FieldError> errors = outcome.ok() ? aggregation.add(outcome.outputs()) : outcome.errors();
                if (!outcome.ok()) {
                    // Its journal (with a balance) is held with it rather than posted without it.
                    aggregation.hold(record.data());
                }
                if (!errors.isEmpty()) {
                    hold(record, PinnedMappingMapper.failures(errors));
                }
            }
            if (aggregation.groups() > maxGroups) {
                throw new TooLarge("its aggregation made more than " + maxGroups
                        + " groups (tillbridge.runs.aggregation.max-groups)");
            }
            long bytes = aggregation.estimatedBytes() + heldBytes;
            if (bytes > maxBytes) {
                throw new TooLarge("its aggregation held more than " + maxBytes / (1024 * 1024)
                        + " MiB of groups and records that failed to map (tillbridge.runs.aggregation.max-bytes)");
            }
        }
    }

    private void hold(SourceRecord record, List<RecordMapper.Failure> failed) {
        if (held.put(record.key(), record) == null) {
            heldBytes += ValueSize.of(record.data(), maxBytes) + 256;
        }
        failures.put(record.key(), failed);
    }

    /** How many source records the run read. */
    long read() {
        return read;
    }

    /** How many groups (journals, with a balance) {@link #finish} left for a later run: not final yet. */
    int pending() {
        return pending;
    }

    /**
     * The records to hand to the page writer at the end of the read: one per group, the records that
     * failed to map, and one per journal that does not balance.
     */
    List<SourceRecord> finish(String stream) {
        Aggregation.Result result = aggregation.finish(clock.instant());
        pending = result.pending();
        if (pending > 0) {
            LOG.info("{}: {} {} not final yet; a later run writes {}", identity, pending,
                    pending == 1 ? "group is" : "groups are", pending == 1 ? "it" : "them");
        }
        String prefix = mapping.spec().aggregate().document() != null ? DOCUMENT : GROUP;
        List<SourceRecord> records = new ArrayList<>();
        for (Map<String, Object> group : result.outputs()) {
            String key = prefix + result.keyFields().stream().map(g -> String.valueOf(group.get(g)))
                    .collect(Collectors.joining("|"));
            records.add(new SourceRecord(stream, key, null, group));
        }
        records.addAll(held.values());
        int n = 0;
        for (FieldError error : result.errors()) {
            String key = JOURNAL + (++n) + "/" + (error.value() == null ? error.path() : error.value());
            records.add(new SourceRecord(stream, key, null, Map.of()));
            failures.put(key, List.of(new RecordMapper.Failure(ErrorCategory.VALUE,
                    error.path() == null || error.path().isEmpty() ? null : error.path(), error.message(), error.hint())));
        }
        return records;
    }

    /** Passes the groups through and answers the held records' failures. */
    RecordMapper mapper() {
        return new RecordMapper() {
            @Override
            public String identity() {
                return identity;
            }

            @Override
            public Result map(SourceRecord record) {
                List<Failure> failed = failures.get(record.key());
                if (failed != null) {
                    return new Result(List.of(), failed);
                }
                return Result.of(new Output(record.key(), record.data()));
            }
        };
    }
}
