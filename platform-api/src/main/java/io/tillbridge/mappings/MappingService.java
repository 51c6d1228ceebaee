package io.tillbridge.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.DiscoveredCatalog;
import io.tillbridge.connections.InteractiveCalls;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.CompiledMappingCache;
import io.tillbridge.connector.mapping.FieldError;
import io.tillbridge.connector.mapping.FieldSuggestions;
import io.tillbridge.connector.mapping.MappingCompiler;
import io.tillbridge.connector.mapping.MappingPreview;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.mapping.MappingValidator;
import io.tillbridge.connector.mapping.RecordOutcome;
import io.tillbridge.connector.mapping.ValueSize;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.StreamDescriptor;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.mappings.internal.MappingRepository;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An integration's mapping versions: saving (validated: compiles, fits the target, dry-runs over the
 * source's discovered samples), listing, pinning, previewing and field suggestions. Compiled
 * mappings are cached per tenant, integration and version; a version never changes.
 */
@Singleton
public class MappingService {

    /** Most records a preview maps. */
    public static final int MAX_PREVIEW_RECORDS = 100;
    /** The most the outputs of a preview may weigh together (estimated; DD-018). */
    public static final long MAX_PREVIEW_BYTES = 4L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(MappingService.class);

    private final TenantTransactions transactions;
    private final MappingRepository repository;
    private final IntegrationService integrations;
    private final ConnectionService connections;
    private final AuditLog audit;
    private final InteractiveCalls interactive;
    private final CompiledMappingCache<String> versions = new CompiledMappingCache<>(1000);
    private final CompiledMappingCache<String> drafts = new CompiledMappingCache<>(200);

    public MappingService(TenantTransactions transactions, MappingRepository repository, IntegrationService integrations,
            ConnectionService connections, AuditLog audit, InteractiveCalls interactive) {
        this.interactive = interactive;
        this.transactions = transactions;
        this.repository = repository;
        this.integrations = integrations;
        this.connections = connections;
        this.audit = audit;
    }

    /**
     * Saves a new version. 422 with one error per field (path, what is wrong, how to fix it) when
     * the spec does not parse or compile, misses a field the target requires, does not fit the
     * target's types, or fails on the source's sample records.
     */
    public MappingVersion create(TenantScope scope, UUID integrationId, String specJson) {
        scope.require(Permission.CONFIGURE);
        Integration integration = integrations.get(scope, integrationId);
        MappingSpec spec = parse(specJson);
        Optional<StreamDescriptor> source = discovered(scope, integration.sourceConnectionId(), integration.sourceStream());
        Optional<StreamDescriptor> target = discovered(scope, integration.targetConnectionId(), integration.targetObject());
        List<FieldError> errors = MappingValidator.validate(spec, source.orElse(null), target.orElse(null),
                source.map(MappingValidator::sampleRecords).orElse(List.of()));
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        String stored = MappingSpecJson.write(spec);
        return transactions.write(scope.tenant(), c -> {
            Optional<OptionalInt> pinned = repository.lockIntegration(scope.tenant(), c, integrationId);
            if (pinned.isEmpty()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No such integration.");
            }
            int version = repository.insert(scope.tenant(), c, integrationId, stored,
                    scope.actor().kindWire() + ":" + scope.actor().id(), scope.actor().label());
            MappingRepository.Row row = repository.find(scope.tenant(), c, integrationId, version).orElseThrow();
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("version", version);
            state.put("fields", spec.fields().size());
            audit.append(c, scope.tenant(), scope.actor(),
                    AuditLog.Entry.of("mapping.version-created", "integration", integrationId).after(state));
            return view(row, pinned.get());
        });
    }

    /** Every version of the integration's mapping, newest first. */
    public List<MappingVersion> list(TenantScope scope, UUID integrationId) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> {
            OptionalInt pinned = requireIntegration(scope.tenant(), c, integrationId);
            return repository.list(scope.tenant(), c, integrationId).stream().map(r -> view(r, pinned)).toList();
        });
    }

    public MappingVersion get(TenantScope scope, UUID integrationId, int version) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> {
            OptionalInt pinned = requireIntegration(scope.tenant(), c, integrationId);
            return view(findVersion(scope.tenant(), c, integrationId, version), pinned);
        });
    }

    /** Makes the integration run with {@code version}. Idempotent. */
    public MappingVersion pin(TenantScope scope, UUID integrationId, int version) {
        scope.require(Permission.CONFIGURE);
        return transactions.write(scope.tenant(), c -> {
            Optional<OptionalInt> before = repository.lockIntegration(scope.tenant(), c, integrationId);
            if (before.isEmpty()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No such integration.");
            }
            MappingRepository.Row row = findVersion(scope.tenant(), c, integrationId, version);
            if (before.get().isPresent() && before.get().getAsInt() == version) {
                return view(row, before.get());
            }
            repository.pin(scope.tenant(), c, integrationId, version);
            Map<String, Object> was = new LinkedHashMap<>();
            was.put("mappingVersion", before.get().isPresent() ? before.get().getAsInt() : null);
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("integration.mapping-pinned", "integration",
                    integrationId).before(was).after(Map.of("mappingVersion", version)));
            return view(row, OptionalInt.of(version));
        });
    }

    /** A pinned mapping version and its compiled form. */
    public record Pinned(int version, CompiledMapping mapping) {
    }

    /**
     * The compiled mapping the integration is pinned to, for a run of the platform (no user scope);
     * empty when none is pinned (the identity mapping applies). Compiled once per version.
     */
    public Optional<CompiledMapping> pinned(TenantId tenant, UUID integrationId) {
        return pinnedVersion(tenant, integrationId).map(Pinned::mapping);
    }

    /** {@link #pinned} with the version number, which a run makes part of every record's ledger hash. */
    public Optional<Pinned> pinnedVersion(TenantId tenant, UUID integrationId) {
        Optional<MappingRepository.Row> row = transactions.read(tenant, c -> {
            Optional<OptionalInt> pinned = repository.pinned(tenant, c, integrationId, false);
            if (pinned.isEmpty() || pinned.get().isEmpty()) {
                return Optional.empty();
            }
            return repository.find(tenant, c, integrationId, pinned.get().getAsInt());
        });
        return row.map(r -> new Pinned(r.version(), versions.get(tenant.value() + "/" + integrationId + "/" + r.version(),
                () -> MappingSpecJson.read(r.spec()).spec())));
    }

    /**
     * Applies a mapping to a few records: the draft {@code spec} of the request, else its
     * {@code version}, else the pinned version; to the request's {@code records}, else the source's
     * discovered samples. Previewing a saved version is reading; previewing a draft {@code spec}
     * runs the caller's own expressions on the platform, so it needs the permission to configure
     * (DD-018): a viewer or operator previewing a draft answers 403.
     */
    public MappingPreviewResult preview(TenantScope scope, UUID integrationId, String requestJson) {
        scope.require(Permission.READ);
        JsonNode request = object(requestJson);
        if (request.hasNonNull("spec")) {
            scope.require(Permission.CONFIGURE);
        }
        Integration integration = integrations.get(scope, integrationId);
        String which;
        CompiledMapping mapping;
        if (request.hasNonNull("spec")) {
            String text = request.get("spec").toString();
            MappingSpec spec = parse(text);
            MappingCompiler.Compilation compilation = MappingCompiler.compile(spec);
            if (!compilation.ok()) {
                throw invalid(compilation.errors());
            }
            mapping = drafts.get(text, () -> spec);
            which = "draft";
        } else {
            int version = request.hasNonNull("version") ? versionOf(request.get("version")) : transactions.read(scope.tenant(),
                    c -> requireIntegration(scope.tenant(), c, integrationId)).orElseThrow(() -> new ProblemException(
                    ProblemType.UNPROCESSABLE, "The integration has no pinned mapping: send a spec or a version to preview."));
            MappingRepository.Row row = transactions.read(scope.tenant(), c -> findVersion(scope.tenant(), c, integrationId, version));
            mapping = versions.get(scope.tenant().value() + "/" + integrationId + "/" + version,
                    () -> MappingSpecJson.read(row.spec()).spec());
            which = String.valueOf(version);
        }
        List<Map<String, Object>> records = records(scope, integration, request.get("records"));
        CompiledMapping chosen = mapping;
        // The caller's expressions run on the platform: bounded in time (DD-018), stopped past it.
        MappingPreview preview = interactive.call(scope.tenant(), interactive.previewTimeout(), () -> chosen.preview(records),
                () -> {
                    throw new ProblemException(ProblemType.UNPROCESSABLE, "The preview took longer than "
                            + InteractiveCalls.readable(interactive.previewTimeout()) + " and was stopped: preview fewer"
                            + " records or simplify the expressions.");
                });
        long size = ValueSize.of(preview.aggregated(), MAX_PREVIEW_BYTES);
        for (RecordOutcome outcome : preview.records()) {
            size += ValueSize.of(outcome.outputs(), MAX_PREVIEW_BYTES);
            if (size > MAX_PREVIEW_BYTES) {
                throw new ProblemException(ProblemType.UNPROCESSABLE, "The preview's outputs are larger than "
                        + MAX_PREVIEW_BYTES / (1024 * 1024) + " MiB: preview fewer records.");
            }
        }
        List<MappingPreviewResult.RecordResult> results = new ArrayList<>(records.size());
        for (int i = 0; i < preview.records().size(); i++) {
            RecordOutcome outcome = preview.records().get(i);
            results.add(new MappingPreviewResult.RecordResult(i, outcome.outputs(),
                    outcome.errors().stream().map(MappingError::of).toList()));
        }
        return new MappingPreviewResult(which, results, preview.aggregated(),
                preview.aggregateErrors().stream().map(MappingError::of).toList());
    }

    /**
     * Proposes field pairs: from the request's {@code source} and {@code target} field lists
     * ({@code name}, {@code type}), else from what discovery finds behind the integration's
     * connections.
     */
    public List<FieldPair> suggest(TenantScope scope, UUID integrationId, String requestJson) {
        scope.require(Permission.READ);
        JsonNode request = object(requestJson);
        Integration integration = integrations.get(scope, integrationId);
        List<FieldDescriptor> source = request.hasNonNull("source") ? fields(request.get("source"), "source")
                : discovered(scope, integration.sourceConnectionId(), integration.sourceStream())
                        .map(StreamDescriptor::fields).orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                                "The source's fields could not be discovered: send them as source."));
        List<FieldDescriptor> target = request.hasNonNull("target") ? fields(request.get("target"), "target")
                : discovered(scope, integration.targetConnectionId(), integration.targetObject())
                        .map(StreamDescriptor::fields).orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                                "The target's fields could not be discovered: send them as target."));
        return FieldSuggestions.suggest(source, target).stream()
                .map(s -> new FieldPair(s.source(), s.target(), s.confidence(), s.reason())).toList();
    }

    private List<Map<String, Object>> records(TenantScope scope, Integration integration, JsonNode given) {
        if (given != null && !given.isNull()) {
            if (!given.isArray()) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "records must be an array of objects.",
                        List.of(new Problem.FieldError("records", "must be an array of objects")));
            }
            if (given.size() > MAX_PREVIEW_RECORDS) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "A preview maps at most " + MAX_PREVIEW_RECORDS
                        + " records.", List.of(new Problem.FieldError("records", "at most " + MAX_PREVIEW_RECORDS + " records")));
            }
            List<Map<String, Object>> records = new ArrayList<>(given.size());
            for (int i = 0; i < given.size(); i++) {
                if (!given.get(i).isObject()) {
                    throw new ProblemException(ProblemType.VALIDATION_FAILED, "records[" + i + "] is not an object.",
                            List.of(new Problem.FieldError("records[" + i + "]", "must be a JSON object")));
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> record = (Map<String, Object>) MappingSpecJson.valueModel(given.get(i));
                records.add(record);
            }
            return records;
        }
        return discovered(scope, integration.sourceConnectionId(), integration.sourceStream())
                .map(MappingValidator::sampleRecords)
                .filter(r -> !r.isEmpty())
                .orElseThrow(() -> new ProblemException(ProblemType.UNPROCESSABLE,
                        "No sample records could be discovered from the source: send records to preview."));
    }

    /** What discovery finds for one stream or object, or empty when the connection cannot be discovered now. */
    private Optional<StreamDescriptor> discovered(TenantScope scope, UUID connectionId, String name) {
        if (!scope.may(Permission.OPERATE)) {
            return Optional.empty();
        }
        try {
            DiscoveredCatalog catalog = connections.discover(scope, connectionId);
            return catalog.streams().stream().filter(s -> s.name().equals(name)).findFirst().map(s -> new StreamDescriptor(
                    s.name(), s.fields().stream().map(f -> new FieldDescriptor(f.name(), type(f.type()), f.nullable(),
                            f.samples())).toList(), s.keyField(), s.cursorField()));
        } catch (ProblemException e) {
            LOG.debug("Discovery of connection {} unavailable for mapping validation: {}", connectionId, e.getMessage());
            return Optional.empty();
        }
    }

    private static List<FieldDescriptor> fields(JsonNode list, String what) {
        if (!list.isArray()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, what + " must be an array of fields.",
                    List.of(new Problem.FieldError(what, "must be an array of {name, type}")));
        }
        List<FieldDescriptor> fields = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode f = list.get(i);
            if (!f.hasNonNull("name") || !f.get("name").isTextual() || f.get("name").asText().isBlank()) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, what + "[" + i + "] has no name.",
                        List.of(new Problem.FieldError(what + "[" + i + "].name", "must not be blank")));
            }
            FieldDescriptor.FieldType type = f.hasNonNull("type") ? type(f.get("type").asText()) : FieldDescriptor.FieldType.UNKNOWN;
            boolean required = f.hasNonNull("required") && f.get("required").asBoolean();
            fields.add(new FieldDescriptor(f.get("name").asText(), type, !required, List.of()));
        }
        return fields;
    }

    private static FieldDescriptor.FieldType type(String name) {
        try {
            return FieldDescriptor.FieldType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return FieldDescriptor.FieldType.UNKNOWN;
        }
    }

    private static MappingSpec parse(String json) {
        MappingSpecJson.Parsed parsed = MappingSpecJson.read(json == null ? "" : json);
        if (!parsed.ok()) {
            throw invalid(parsed.errors());
        }
        return parsed.spec();
    }

    private static JsonNode object(String json) {
        try {
            JsonNode node = MappingSpecJson.parseTree(json == null || json.isBlank() ? "{}" : json);
            if (!node.isObject()) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "The request body must be a JSON object.");
            }
            return node;
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, e.getMessage());
        }
    }

    private static int versionOf(JsonNode node) {
        if (!node.canConvertToInt() || node.asInt() < 1) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "version must be a positive integer.",
                    List.of(new Problem.FieldError("version", "must be a positive integer")));
        }
        return node.asInt();
    }

    private static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(ProblemType.UNPROCESSABLE, "The mapping is not valid: " + errors.size()
                + (errors.size() == 1 ? " error." : " errors.") + " Each names the field and how to fix it.",
                errors.stream().map(e -> new Problem.FieldError(e.path(),
                        e.category().wireName() + ": " + e.message() + (e.hint().isEmpty() ? "" : ". Fix: " + e.hint())))
                        .toList());
    }

    private OptionalInt requireIntegration(TenantId tenant, java.sql.Connection c, UUID integrationId) throws java.sql.SQLException {
        return repository.pinned(tenant, c, integrationId, false)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such integration."));
    }

    private MappingRepository.Row findVersion(TenantId tenant, java.sql.Connection c, UUID integrationId, int version)
            throws java.sql.SQLException {
        return repository.find(tenant, c, integrationId, version)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such mapping version."));
    }

    @SuppressWarnings("unchecked")
    private static MappingVersion view(MappingRepository.Row row, OptionalInt pinned) {
        Map<String, Object> spec = (Map<String, Object>) MappingSpecJson.valueModel(MappingSpecJson.parseTree(row.spec()));
        return new MappingVersion(row.integrationId(), row.version(), pinned.isPresent() && pinned.getAsInt() == row.version(),
                spec, row.createdAt(), row.createdBy(), row.createdByLabel());
    }
}
