package io.tillbridge.mappings.internal;

import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** SQL of mapping versions and of an integration's pinned version. Callers own the transaction and its tenant scope. */
@Singleton
public class MappingRepository {

    private static final String COLUMNS = "SELECT integration_id, version, spec::text, created_at, created_by,"
            + " created_by_label FROM mapping_versions WHERE tenant_id = ? AND integration_id = ?";

    /** One stored version. */
    public record Row(UUID integrationId, int version, String spec, Instant createdAt, String createdBy,
            String createdByLabel) {
    }

    /** Locks the integration row and answers its pinned version; empty if the integration does not exist. */
    public Optional<OptionalInt> lockIntegration(TenantId tenant, Connection c, UUID integrationId) throws SQLException {
        return pinned(tenant, c, integrationId, true);
    }

    /** The integration's pinned version (empty inside when none); empty if the integration does not exist. */
    public Optional<OptionalInt> pinned(TenantId tenant, Connection c, UUID integrationId, boolean lock) throws SQLException {
        return Sql.first(c, "SELECT mapping_version FROM integrations WHERE tenant_id = ? AND id = ?"
                + (lock ? " FOR UPDATE" : ""), rs -> {
                    Integer version = Sql.nullableInt(rs, "mapping_version");
                    return version == null ? OptionalInt.empty() : OptionalInt.of(version);
                }, tenant.value(), integrationId);
    }

    /** Stores the next version and answers its number. */
    public int insert(TenantId tenant, Connection c, UUID integrationId, String spec, String createdBy, String label)
            throws SQLException {
        return Sql.first(c, "INSERT INTO mapping_versions (tenant_id, integration_id, version, spec, created_by,"
                + " created_by_label) SELECT ?, ?, coalesce(max(version), 0) + 1, ?::jsonb, ?, ?"
                + " FROM mapping_versions WHERE tenant_id = ? AND integration_id = ? RETURNING version",
                rs -> rs.getInt(1), tenant.value(), integrationId, spec, createdBy, label, tenant.value(), integrationId)
                .orElseThrow();
    }

    public List<Row> list(TenantId tenant, Connection c, UUID integrationId) throws SQLException {
        return Sql.list(c, COLUMNS + " ORDER BY version DESC", MappingRepository::row, tenant.value(), integrationId);
    }

    public Optional<Row> find(TenantId tenant, Connection c, UUID integrationId, int version) throws SQLException {
        return Sql.first(c, COLUMNS + " AND version = ?", MappingRepository::row, tenant.value(), integrationId, version);
    }

    /** Pins a version; bumps the integration's version so that its ETag changes. */
    public void pin(TenantId tenant, Connection c, UUID integrationId, int version) throws SQLException {
        Sql.update(c, "UPDATE integrations SET mapping_version = ?, version = version + 1,"
                + " updated_at = clock_timestamp() WHERE tenant_id = ? AND id = ?", version, tenant.value(), integrationId);
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(Sql.uuid(rs, 1), rs.getInt(2), rs.getString(3), Sql.instant(rs, 4), rs.getString(5),
                rs.getString(6));
    }
}
