package io.tillbridge.journals;

import io.micronaut.context.annotation.Value;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.BoundConfig;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connections.InteractiveCalls;
import io.tillbridge.connector.mapping.Aggregation;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.FieldError;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.RecordOutcome;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The journals an accounting integration would post for one business day (DD-042), before it is
 * enabled: the integration's source stream is read in full through its connector, as a run reads it
 * from no checkpoint; the records of the day are mapped and aggregated with the pinned (or a given)
 * mapping version, every journal shown whether it is final yet or not, with when it will be; records
 * that did not map are named with the amounts they carry. Nothing is written: no checkpoint, no
 * ledger, no error inbox, no target call.
 * <p>
 * The read is bounded: at most {@code tillbridge.journals.preview.max-records} records (100,000)
 * within {@code tillbridge.journals.preview.timeout} (60 s); past either it stops and answers 422.
 * It runs among the interactive calls ({@link InteractiveCalls}): a tenant runs a few at once.
 */
@Singleton
public class JournalPreviews {

    /** The canonical POS streams, whose records carry {@code business_day}. */
    private static final Set<String> DAY_STREAMS = Set.of(PosStreams.ORDERS, PosStreams.REFUNDS);
    private static final String BUSINESS_DAY = "business_day";
    /** The most distinct errors one preview lists outside its journals. */
    private static final int MAX_ERRORS = 100;

    private final IntegrationService integrations;
    private final MappingVersions versions;
    private final ConnectionService connections;
    private final ConnectorConfigs configs;
    private final ConnectorContexts contexts;
    private final InteractiveCalls interactive;
    private final Clock clock;
    private final int maxRecords;
    private final Duration timeout;

    JournalPreviews(IntegrationService integrations, MappingVersions versions, ConnectionService connections,
            ConnectorConfigs configs, ConnectorContexts contexts, InteractiveCalls interactive, Clock clock,
            @Value("${tillbridge.journals.preview.max-records:100000}") int maxRecords,
            @Value("${tillbridge.journals.preview.timeout:60s}") Duration timeout) {
        if (maxRecords < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tillbridge.journals.preview: max-records and timeout must be positive");
        }
        this.integrations = integrations;
        this.versions = versions;
        this.connections = connections;
        this.configs = configs;
        this.contexts = contexts;
        this.interactive = interactive;
        this.clock = clock;
        this.maxRecords = maxRecords;
        this.timeout = timeout;
    }

    /**
     * The journals of {@code request.day()}. 404 for another tenant's integration or an unknown
     * version; 422 for a missing or malformed day, a mapping that makes no journal documents, a source
     * stream without business days, a source that cannot be read, or a read past its bounds.
     */
    public JournalPreview preview(TenantScope scope, UUID integrationId, JournalPreviewRequest request) {
        scope.require(Permission.READ);
        Integration integration = integrations.get(scope, integrationId);
        LocalDate day = day(request);
        MappingVersions.Pinned pinned = request.version() != null
                ? versions.savedOrPinned(scope, integrationId, request.version())
                : versions.pinnedVersion(scope.tenant(), integrationId).orElseThrow(() -> new ProblemException(
                        ProblemType.UNPROCESSABLE, "The integration has no pinned mapping, so it makes no journals:"
                                + " pin a mapping version whose aggregate has a balance and a document, or send one as"
                                + " version."));
        CompiledMapping mapping = pinned.mapping();
        MappingSpec.Aggregate aggregate = mapping.spec().aggregate();
        if (aggregate == null || aggregate.document() == null || aggregate.balance() == null) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Mapping version " + pinned.version()
                    + " makes no journals: a journal preview needs an aggregate with a balance and a document"
                    + " (aggregate.balance and aggregate.document), as the POS daily sales templates have.");
        }
        if (!DAY_STREAMS.contains(integration.sourceStream())) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The source stream '" + integration.sourceStream()
                    + "' has no business days: a journal preview reads " + String.join(" or ", DAY_STREAMS.stream()
                            .sorted().toList()) + ", whose records carry business_day.");
        }
        BoundConfig bound = connections.bind(scope.tenant(), integration.sourceConnectionId());
        if (bound.problem() != null) {
            throw new ProblemException(ProblemType.CONNECTOR_FAILED, "CONFIG: " + bound.problem());
        }
        return interactive.call(scope.tenant(), timeout,
                () -> compute(integrationId, integration.sourceStream(), day, pinned.version(), mapping, bound),
                () -> {
                    throw new ProblemException(ProblemType.UNPROCESSABLE, "Reading the source for the preview took"
                            + " longer than " + InteractiveCalls.readable(timeout) + " and was stopped"
                            + " (tillbridge.journals.preview.timeout).");
                });
    }

    private static LocalDate day(JournalPreviewRequest request) {
        if (request == null || request.day() == null || request.day().isBlank()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "Send the business day to preview as day,"
                    + " such as 2026-11-03.");
        }
        if (request.day().length() > 10) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "day must be a date such as 2026-11-03.");
        }
        try {
            return LocalDate.parse(request.day());
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "day '" + request.day()
                    + "' is not a date such as 2026-11-03.");
        }
    }

    /** The read stopped: more records than the preview may read. */
    private static final class TooMany extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooMany() {
            super(null, null, false, false);
        }
    }

    @SuppressWarnings("unchecked")
    private JournalPreview compute(UUID integrationId, String stream, LocalDate day, int version,
            CompiledMapping mapping, BoundConfig bound) {
        String dayText = day.toString();
        List<SourceRecord> ofDay = new ArrayList<>();
        long[] read = {0};
        Map<String, Integer> byKey = new LinkedHashMap<>();
        try (SourceConnector<Record> source = (SourceConnector<Record>) contexts.lend(
                configs.registry().create(bound.spec().id()), bound)) {
            source.read(bound.config(), stream, null, new RecordSink() {
                @Override
                public void record(SourceRecord record) {
                    if (++read[0] > maxRecords) {
                        throw new TooMany();
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new ProblemException(ProblemType.UNPROCESSABLE, "The preview was stopped.");
                    }
                    if (dayText.equals(String.valueOf(record.data().get(BUSINESS_DAY)))) {
                        // A record read twice keeps its last copy, as the ledger would.
                        Integer at = byKey.get(record.key());
                        if (at == null) {
                            byKey.put(record.key(), ofDay.size());
                            ofDay.add(record);
                        } else {
                            ofDay.set(at, record);
                        }
                    }
                }

                @Override
                public void checkpoint(Checkpoint checkpoint) {
                    // A preview commits nothing.
                }
            });
        } catch (TooMany e) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The source holds more than " + maxRecords
                    + " records in " + stream + ": too many to preview (tillbridge.journals.preview.max-records).");
        } catch (ConnectorException e) {
            throw new ProblemException(ProblemType.CONNECTOR_FAILED, e.category() + ": the source could not be read: "
                    + e.getMessage());
        }
        return aggregate(integrationId, day, version, mapping, read[0], ofDay);
    }

    private JournalPreview aggregate(UUID integrationId, LocalDate day, int version, CompiledMapping mapping,
            long read, List<SourceRecord> records) {
        MappingSpec.Balance balance = mapping.spec().aggregate().balance();
        Aggregation aggregation = mapping.newAggregation();
        Map<List<Object>, Map<List<String>, HeldSum>> held = new LinkedHashMap<>();
        Set<String> errors = new java.util.LinkedHashSet<>();
        for (SourceRecord record : records) {
            if (record.data().get(SourceRecord.PROBLEMS) != null) {
                aggregation.hold(record.data());
                note(errors, "record " + record.key() + ": its source could read it only in part");
                continue;
            }
            RecordOutcome outcome = mapping.map(record);
            if (outcome.ok()) {
                List<FieldError> failed = aggregation.add(outcome.outputs());
                if (!failed.isEmpty()) {
                    Map<String, Object> first = outcome.outputs().isEmpty() ? Map.of() : outcome.outputs().get(0);
                    heldRow(held, errors, record, first, failed, balance);
                }
                continue;
            }
            aggregation.hold(record.data());
            List<CompiledMapping.PartialRow> rows = mapping.rows(record.data());
            if (rows.isEmpty()) {
                outcome.errors().forEach(e -> note(errors, "record " + record.key() + ": " + e.message()));
            }
            for (CompiledMapping.PartialRow row : rows) {
                if (!row.errors().isEmpty()) {
                    heldRow(held, errors, record, row.mapped(), row.errors(), balance);
                }
            }
        }
        Instant now = clock.instant();
        List<JournalPreview.Journal> journals = new ArrayList<>();
        for (Aggregation.JournalState state : aggregation.journals()) {
            List<Object> key = balance.by().stream().map(b -> state.keys().get(b)).toList();
            List<JournalPreview.Line> lines = new ArrayList<>();
            for (Map<String, Object> line : state.lines()) {
                lines.add(new JournalPreview.Line(text(line.get("account")), text(line.get("description")),
                        decimal(line.get(balance.debit())), decimal(line.get(balance.credit()))));
            }
            List<JournalPreview.HeldValue> heldValues = new ArrayList<>();
            held.getOrDefault(key, Map.of()).forEach((k, sum) -> heldValues.add(new JournalPreview.HeldValue(k.get(0),
                    k.get(1), sum.records.size(), sum.debit, sum.credit, sum.message, sum.hint)));
            boolean balances = state.debits().compareTo(state.credits()) == 0;
            boolean allZero = lines.stream().allMatch(l -> l.debit().compareTo(l.credit()) == 0);
            boolean isFinal = state.finalAt() == null || !now.isBefore(state.finalAt());
            journals.add(new JournalPreview.Journal(text(state.keys().get("date")), text(state.keys().get("location_id")),
                    text(state.keys().get("currency")), lines, state.debits(), state.credits(), balances,
                    state.debits().subtract(state.credits()), isFinal, state.finalAt(),
                    balances && state.heldRecords() == 0 && !lines.isEmpty() && !allZero, heldValues));
        }
        return new JournalPreview(integrationId, day.toString(), version, read, records.size(), journals,
                new ArrayList<>(errors));
    }

    /** What the rows carrying one value that did not map add up to. */
    private static final class HeldSum {
        final Set<String> records = new java.util.HashSet<>();
        BigDecimal debit = BigDecimal.ZERO;
        BigDecimal credit = BigDecimal.ZERO;
        String message;
        String hint;
    }

    private static void heldRow(Map<List<Object>, Map<List<String>, HeldSum>> held, Set<String> errors,
            SourceRecord record, Map<String, Object> row, List<FieldError> failed, MappingSpec.Balance balance) {
        if (!row.keySet().containsAll(balance.by())) {
            failed.forEach(e -> note(errors, "record " + record.key() + ": " + e.message()));
            return;
        }
        List<Object> journal = balance.by().stream().map(row::get).toList();
        for (FieldError error : failed) {
            List<String> key = java.util.Arrays.asList(error.path(), error.value() == null ? null
                    : String.valueOf(error.value()));
            HeldSum sum = held.computeIfAbsent(journal, j -> new LinkedHashMap<>()).computeIfAbsent(key, k -> new HeldSum());
            sum.records.add(record.key());
            sum.debit = sum.debit.add(decimal(row.get(balance.debit())));
            sum.credit = sum.credit.add(decimal(row.get(balance.credit())));
            if (sum.message == null) {
                sum.message = error.message();
                sum.hint = error.hint();
            }
        }
    }

    private static void note(Set<String> errors, String error) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(error);
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value == null) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
