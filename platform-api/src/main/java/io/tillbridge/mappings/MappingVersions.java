package io.tillbridge.mappings;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.CompiledMappingCache;
import io.tillbridge.connector.mapping.FieldError;
import io.tillbridge.connector.mapping.MappingCompiler;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.mapping.MappingValidator;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.StreamDescriptor;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.mappings.internal.MappingRepository;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * An integration's mapping versions: saving (validated: compiles, fits the target, dry-runs over the
 * source's discovered samples), listing, reading and pinning, and the pinned version a run maps
 * with. Compiled versions are cached per tenant, integration and version; a version never changes.
 */
@Singleton
public class MappingVersions {

    private final TenantTransactions transactions;
    private final MappingRepository repository;
    private final IntegrationService integrations;
    private final DiscoveredStreams discovered;
    private final AuditLog audit;
    private final CompiledMappingCache<String> compiled = new CompiledMappingCache<>(1000);

    MappingVersions(TenantTransactions transactions, MappingRepository repository, IntegrationService integrations,
            DiscoveredStreams discovered, AuditLog audit) {
        this.transactions = transactions;
        this.repository = repository;
        this.integrations = integrations;
        this.discovered = discovered;
        this.audit = audit;
    }

    /**
     * Saves {@code spec} as the next version. 422 ({@link InvalidMappingException}) with one error per
     * field (path, what is wrong, how to fix it) when the spec does not compile, misses a field the
     * target requires, does not fit the target's types, or fails on the source's sample records.
     */
    public MappingVersion create(TenantScope scope, UUID integrationId, MappingSpec spec) {
        scope.require(Permission.CONFIGURE);
        Integration integration = integrations.get(scope, integrationId);
        Optional<StreamDescriptor> source = discovered.find(scope, integration.sourceConnectionId(),
                integration.sourceStream());
        Optional<StreamDescriptor> target = discovered.find(scope, integration.targetConnectionId(),
                integration.targetObject());
        List<FieldError> errors = MappingValidator.validate(spec, source.orElse(null), target.orElse(null),
                source.map(MappingValidator::sampleRecords).orElse(List.of()));
        if (PosStreams.ALL.contains(integration.sourceStream())) {
            // The canonical streams' samples are illustrations (a "Coffee" category, a sample tender),
            // not the merchant's data: a value map that holds what it does not map yet may leave them
            // out; the merchant's own values are held by the runs and listed to map (DD-032).
            errors = errors.stream().filter(e -> e.category() != FieldError.Category.UNMAPPED_VALUE).toList();
        }
        if (!errors.isEmpty()) {
            throw new InvalidMappingException(errors);
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

    /**
     * Saves {@code spec} as the integration's next version and pins it, without the checks against
     * the connections' discovered streams that {@link #create} makes (they would call the connected
     * systems inside the caller's transaction): for a spec checked before it was offered, such as a
     * template's, compiled and tried on canonical records when the platform starts (DD-039). Joins
     * the caller's transaction, so that an install makes all of its versions or none. 422 when the
     * spec does not compile.
     */
    public MappingVersion createPinned(TenantScope scope, UUID integrationId, MappingSpec spec) {
        scope.require(Permission.CONFIGURE);
        MappingCompiler.Compilation compilation = MappingCompiler.compile(spec);
        if (!compilation.ok()) {
            throw new InvalidMappingException(compilation.errors());
        }
        String stored = MappingSpecJson.write(spec);
        return transactions.write(scope.tenant(), c -> {
            Optional<OptionalInt> pinned = repository.lockIntegration(scope.tenant(), c, integrationId);
            if (pinned.isEmpty()) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No such integration.");
            }
            int version = repository.insert(scope.tenant(), c, integrationId, stored,
                    scope.actor().kindWire() + ":" + scope.actor().id(), scope.actor().label());
            repository.pin(scope.tenant(), c, integrationId, version);
            MappingRepository.Row row = repository.find(scope.tenant(), c, integrationId, version).orElseThrow();
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("version", version);
            state.put("fields", spec.fields().size());
            audit.append(c, scope.tenant(), scope.actor(),
                    AuditLog.Entry.of("mapping.version-created", "integration", integrationId).after(state));
            Map<String, Object> was = new LinkedHashMap<>();
            was.put("mappingVersion", pinned.get().isPresent() ? pinned.get().getAsInt() : null);
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("integration.mapping-pinned", "integration",
                    integrationId).before(was).after(Map.of("mappingVersion", version)));
            return view(row, OptionalInt.of(version));
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

    /** A saved mapping version and its compiled form. */
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
        return row.map(r -> compiled(tenant, r));
    }

    /**
     * The saved {@code version} compiled, or without one the pinned version: 404 for a version that
     * does not exist, 422 when none is given and none is pinned.
     */
    public Pinned savedOrPinned(TenantScope scope, UUID integrationId, Integer version) {
        int chosen = version != null ? version : transactions.read(scope.tenant(),
                c -> requireIntegration(scope.tenant(), c, integrationId)).orElseThrow(() -> new ProblemException(
                ProblemType.UNPROCESSABLE, "The integration has no pinned mapping: send a spec or a version to preview."));
        MappingRepository.Row row = transactions.read(scope.tenant(), c -> findVersion(scope.tenant(), c, integrationId, chosen));
        return compiled(scope.tenant(), row);
    }

    private Pinned compiled(TenantId tenant, MappingRepository.Row row) {
        return new Pinned(row.version(), compiled.get(tenant.value() + "/" + row.integrationId() + "/" + row.version(),
                () -> MappingSpecJson.read(row.spec()).spec()));
    }

    private OptionalInt requireIntegration(TenantId tenant, Connection c, UUID integrationId) throws SQLException {
        return repository.pinned(tenant, c, integrationId, false)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such integration."));
    }

    private MappingRepository.Row findVersion(TenantId tenant, Connection c, UUID integrationId, int version)
            throws SQLException {
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
