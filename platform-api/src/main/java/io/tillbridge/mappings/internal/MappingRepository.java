package io.tillbridge.mappings.internal;

import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** SQL of mapping versions and of an integration's pinned version. Callers own the transaction and its tenant scope. */
@Singleton
public class MappingRepository {

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
        try (PreparedStatement ps = c.prepareStatement("SELECT mapping_version FROM integrations WHERE tenant_id = ? AND id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, integrationId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int version = rs.getInt(1);
                return Optional.of(rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(version));
            }
        }
    }

    public int insert(TenantId tenant, Connection c, UUID integrationId, String spec, String createdBy, String label)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mapping_versions (tenant_id, integration_id, version,"
                + " spec, created_by, created_by_label) SELECT ?, ?, coalesce(max(version), 0) + 1, ?::jsonb, ?, ?"
                + " FROM mapping_versions WHERE tenant_id = ? AND integration_id = ? RETURNING version")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, integrationId);
            ps.setString(3, spec);
            ps.setString(4, createdBy);
            ps.setString(5, label);
            ps.setObject(6, tenant.value());
            ps.setObject(7, integrationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public List<Row> list(TenantId tenant, Connection c, UUID integrationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT integration_id, version, spec::text, created_at, created_by,"
                + " created_by_label FROM mapping_versions WHERE tenant_id = ? AND integration_id = ? ORDER BY version DESC")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, integrationId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Row> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(map(rs));
                }
                return rows;
            }
        }
    }

    public Optional<Row> find(TenantId tenant, Connection c, UUID integrationId, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT integration_id, version, spec::text, created_at, created_by,"
                + " created_by_label FROM mapping_versions WHERE tenant_id = ? AND integration_id = ? AND version = ?")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, integrationId);
            ps.setInt(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Pins a version; bumps the integration's version so that its ETag changes. */
    public void pin(TenantId tenant, Connection c, UUID integrationId, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE integrations SET mapping_version = ?, version = version + 1,"
                + " updated_at = clock_timestamp() WHERE tenant_id = ? AND id = ?")) {
            ps.setInt(1, version);
            ps.setObject(2, tenant.value());
            ps.setObject(3, integrationId);
            ps.executeUpdate();
        }
    }

    private static Row map(ResultSet rs) throws SQLException {
        return new Row(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getString(5), rs.getString(6));
    }
}
