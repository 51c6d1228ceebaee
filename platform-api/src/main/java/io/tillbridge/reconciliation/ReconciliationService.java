package io.tillbridge.reconciliation;

import io.micronaut.context.annotation.Value;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.BoundConfig;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.accounting.DocumentNumbers;
import io.tillbridge.connector.mapping.Aggregation;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.FieldError;
import io.tillbridge.connector.mapping.RecordOutcome;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.ledger.Ledger;
import io.tillbridge.ledger.LedgerEntry;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reconciles a journal integration (one whose pinned mapping aggregates into documents, such as the
 * "POS daily sales" templates) over a range of business days.
 *
 * <p>POS side: the source stream is read in full through its connector, as an aggregating run reads
 * it (bounded by {@code tillbridge.reconciliation.max-records} and {@code .max-duration}), and the
 * integration's own mapping makes the documents; a document is final when the mapping's
 * {@code final} rule says so by this service's clock. Target side: the target connector's
 * {@link TargetConnector#current} for the same documents, under the ledger's idempotency keys
 * ({@link Ledger#idempotencyKey} of {@code document/<date>|<location>|<currency>}, as a run keys
 * them), i.e. the first posting plus its adjustments. Both are summed by {@link PostingFamilies} and
 * compared to the cent ({@link ReconciledDay#compare}).
 */
@Singleton
public class ReconciliationService {

    private static final String DOCUMENT = "document/";

    private final IntegrationService integrations;
    private final MappingVersions mappings;
    private final ConnectionService connections;
    private final ConnectorConfigs configs;
    private final ConnectorContexts contexts;
    private final Ledger ledger;
    private final Clock clock;
    private final long maxRecords;
    private final Duration maxDuration;
    private final int maxGroups;

    public ReconciliationService(IntegrationService integrations, MappingVersions mappings,
            ConnectionService connections, ConnectorConfigs configs, ConnectorContexts contexts, Ledger ledger,
            Clock clock, @Value("${tillbridge.reconciliation.max-records:500000}") long maxRecords,
            @Value("${tillbridge.reconciliation.max-duration:2m}") Duration maxDuration,
            @Value("${tillbridge.reconciliation.max-groups:100000}") int maxGroups) {
        if (maxRecords < 1 || maxGroups < 1 || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("tillbridge.reconciliation: max-records, max-duration and max-groups"
                    + " must be positive");
        }
        this.integrations = integrations;
        this.mappings = mappings;
        this.connections = connections;
        this.configs = configs;
        this.contexts = contexts;
        this.ledger = ledger;
        this.clock = clock;
        this.maxRecords = maxRecords;
        this.maxDuration = maxDuration;
        this.maxGroups = maxGroups;
    }

    /** A query from request parameters, with today's date in UTC by this service's clock. */
    public ReconciliationQuery query(String from, String to) {
        return ReconciliationQuery.parse(from, to, LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
    }

    /** The integration reconciled over the query's days, for a caller who may read the tenant (404 otherwise). */
    public Reconciliation reconcile(TenantScope scope, UUID integrationId, ReconciliationQuery query) {
        scope.require(Permission.READ);
        Integration integration = integrations.get(scope, integrationId);
        return reconcile(scope.tenant(), integration, query, clock.instant());
    }

    /** Whether the integration's pinned mapping makes journal documents: whether it can be reconciled at all. */
    public boolean makesJournals(TenantId tenant, UUID integrationId) {
        return journalMapping(tenant, integrationId).isPresent();
    }

    private java.util.Optional<CompiledMapping> journalMapping(TenantId tenant, UUID integrationId) {
        return mappings.pinnedVersion(tenant, integrationId).map(MappingVersions.Pinned::mapping)
                .filter(m -> m.aggregates() && m.spec().aggregate().document() != null);
    }

    /**
     * The integration reconciled for the platform (no user scope), counting as final only the days
     * that were final at {@code finalAsOf}: the others are pending. The alert rule passes an instant
     * in the past to find the days that have stayed unreconciled since.
     */
    public Reconciliation reconcile(TenantId tenant, Integration integration, ReconciliationQuery query,
            Instant finalAsOf) {
        CompiledMapping mapping = journalMapping(tenant, integration.id()).orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE, "The integration's pinned mapping"
                        + " makes no journal documents (an aggregate with balance and document): there is nothing"
                        + " to reconcile."));
        Aggregation aggregation = mapping.newAggregation();
        long read = readSource(tenant, integration, mapping, aggregation);
        Aggregation.Result everything = aggregation.finish(Instant.MAX);
        Set<String> finalKeys = new LinkedHashSet<>();
        for (Map<String, Object> document : aggregation.finish(finalAsOf).outputs()) {
            finalKeys.add(key(document, everything.keyFields()));
        }
        Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
        for (Map<String, Object> document : everything.outputs()) {
            LocalDate date = date(document.get(everything.keyFields().get(0)));
            if (date != null && query.covers(date)) {
                documents.put(key(document, everything.keyFields()), document);
            }
        }
        List<String> held = everything.errors().stream().map(FieldError::message)
                .filter(m -> mentionsRange(m, query)).toList();
        Map<String, LedgerEntry> known = ledger.find(tenant, integration.id(), documents.keySet());
        Map<String, String> idempotencyKeys = new LinkedHashMap<>();
        List<WriteRecord> asked = new ArrayList<>();
        documents.forEach((key, document) -> {
            String idempotencyKey = Ledger.idempotencyKey(tenant, integration.id(), key);
            idempotencyKeys.put(key, idempotencyKey);
            LedgerEntry entry = known.get(key);
            asked.add(new WriteRecord(idempotencyKey, entry == null ? "" : entry.targetRef(), document));
        });
        Map<String, Map<String, Object>> current = asked.isEmpty() ? Map.of() : current(tenant, integration, asked);
        List<ReconciledDay> days = new ArrayList<>();
        documents.forEach((key, document) -> {
            String idempotencyKey = idempotencyKeys.get(key);
            Map<String, Object> posted = current.get(idempotencyKey);
            LedgerEntry entry = known.get(key);
            days.add(ReconciledDay.compare(date(document.get(everything.keyFields().get(0))),
                    text(document.get("location_id")), text(document.get("currency")), finalKeys.contains(key),
                    DocumentNumbers.of(idempotencyKey), entry == null ? null : entry.targetRef(),
                    PostingFamilies.summarise(document), posted == null ? null : PostingFamilies.summarise(posted)));
        });
        days.sort(Comparator.comparing(ReconciledDay::date)
                .thenComparing(d -> Objects.toString(d.locationId(), ""))
                .thenComparing(ReconciledDay::currency));
        return new Reconciliation(integration.id(), query.from(), query.to(), read, held, days);
    }

    /** Reads the source stream in full into the aggregation; answers how many records were read. */
    @SuppressWarnings("unchecked")
    private long readSource(TenantId tenant, Integration integration, CompiledMapping mapping, Aggregation aggregation) {
        BoundConfig bound = bind(tenant, integration.sourceConnectionId(), "source");
        Instant deadline = clock.instant().plus(maxDuration);
        long[] read = {0};
        boolean[] stopped = {false};
        try (SourceConnector<Record> source = (SourceConnector<Record>) contexts.lend(
                configs.registry().create(bound.spec().id()), bound)) {
            source.read(bound.config(), integration.sourceStream(), null, new RecordSink() {
                @Override
                public void record(SourceRecord record) {
                    if (stopped[0]) {
                        return;
                    }
                    read[0]++;
                    if (record.data().get(SourceRecord.PROBLEMS) != null) {
                        aggregation.hold(record.data());
                    } else {
                        RecordOutcome outcome = mapping.map(record);
                        if (outcome.ok()) {
                            aggregation.add(outcome.outputs());
                        } else {
                            aggregation.hold(record.data());
                        }
                    }
                    if (read[0] >= maxRecords || aggregation.groups() > maxGroups
                            || clock.instant().isAfter(deadline)) {
                        stopped[0] = true;
                    }
                }

                @Override
                public void checkpoint(Checkpoint checkpoint) {
                    // A full read, committed nowhere.
                }

                @Override
                public boolean stopRequested() {
                    return stopped[0];
                }
            });
        } catch (ConnectorException e) {
            throw new ProblemException(ProblemType.CONNECTOR_FAILED, "Reading the source: " + e.category() + ": "
                    + e.getMessage());
        }
        if (stopped[0]) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The source holds more than can be reconciled at"
                    + " once (" + maxRecords + " records, " + maxGroups + " journal lines or " + maxDuration.toSeconds()
                    + " s of reading, tillbridge.reconciliation.*); the POS side would be incomplete.");
        }
        return read[0];
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> current(TenantId tenant, Integration integration, List<WriteRecord> asked) {
        BoundConfig bound = bind(tenant, integration.targetConnectionId(), "target");
        try (TargetConnector<Record> target = (TargetConnector<Record>) contexts.lend(
                configs.registry().create(bound.spec().id()), bound)) {
            return target.current(bound.config(), integration.targetObject(), asked);
        } catch (ConnectorException e) {
            throw new ProblemException(ProblemType.CONNECTOR_FAILED, "Reading the target: " + e.category() + ": "
                    + e.getMessage());
        }
    }

    private BoundConfig bind(TenantId tenant, UUID connectionId, String what) {
        BoundConfig bound = connections.bind(tenant, connectionId);
        if (bound.config() == null) {
            throw new ProblemException(ProblemType.CONNECTOR_FAILED, "The " + what + " connection cannot be used: "
                    + bound.problem());
        }
        return bound;
    }

    /** The key a run writes the document under ({@code RunAggregation}): its balance.by values. */
    static String key(Map<String, Object> document, List<String> keyFields) {
        return DOCUMENT + keyFields.stream().map(f -> String.valueOf(document.get(f))).collect(Collectors.joining("|"));
    }

    private static boolean mentionsRange(String message, ReconciliationQuery query) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}").matcher(message);
        if (!m.find()) {
            return false;
        }
        LocalDate date = date(m.group());
        return date != null && query.covers(date);
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value == null) {
            return null;
        }
        String text = value.toString();
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
