package io.tillbridge.integrations.internal;

import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.TemplateOrigin;
import io.tillbridge.paging.Cursor;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of the integrations table. Callers own the transaction and its tenant scope. */
@Singleton
public class IntegrationRepository {

    private static final String COLUMNS = "id, name, source_connection_id, source_stream, target_connection_id,"
            + " target_object, mode, status, mapping, version, created_at, updated_at, max_record_errors, template_id,"
            + " template_version, template_key, template_install_id";

    public List<Integration> list(TenantId tenant, Connection c, Optional<Cursor> after, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM integrations WHERE tenant_id = ?"
                + (after.isPresent() ? " AND (created_at, id) > (?::timestamptz, ?::uuid)" : "")
                + " ORDER BY created_at, id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, tenant.value());
            if (after.isPresent()) {
                ps.setString(i++, after.get().get(0));
                ps.setString(i++, after.get().get(1));
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<Integration> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    public Optional<Integration> find(TenantId tenant, Connection c, UUID id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM integrations WHERE tenant_id = ? AND id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Inserts an integration; {@code origin} is the template it is installed from, null for one made by hand. */
    public void insert(TenantId tenant, Connection c, UUID id, IntegrationDraft d, TemplateOrigin origin)
            throws SQLException {
        Sql.update(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id, source_stream,"
                + " target_connection_id, target_object, mode, max_record_errors, template_id, template_version,"
                + " template_key, template_install_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tenant.value(), id, d.name(), d.sourceConnectionId(), d.sourceStream(), d.targetConnectionId(),
                d.targetObject(), d.mode(), d.maxRecordErrors(), origin == null ? null : origin.id(),
                origin == null ? null : origin.version(), origin == null ? null : origin.key(),
                origin == null ? null : origin.installId());
    }

    public boolean update(TenantId tenant, Connection c, UUID id, int version, IntegrationDraft d) throws SQLException {
        return Sql.update(c, "UPDATE integrations SET name = ?, source_connection_id = ?, source_stream = ?,"
                + " target_connection_id = ?, target_object = ?, mode = ?, max_record_errors = ?, version = version + 1,"
                + " updated_at = clock_timestamp() WHERE tenant_id = ? AND id = ? AND version = ?", d.name(),
                d.sourceConnectionId(), d.sourceStream(), d.targetConnectionId(), d.targetObject(), d.mode(),
                d.maxRecordErrors(), tenant.value(), id, version) == 1;
    }

    public boolean setStatus(TenantId tenant, Connection c, UUID id, String status) throws SQLException {
        return Sql.update(c, "UPDATE integrations SET status = ?, version = version + 1, updated_at = clock_timestamp()"
                + " WHERE tenant_id = ? AND id = ?", status, tenant.value(), id) == 1;
    }

    public boolean delete(TenantId tenant, Connection c, UUID id, int version) throws SQLException {
        return Sql.update(c, "DELETE FROM integrations WHERE tenant_id = ? AND id = ? AND version = ?",
                tenant.value(), id, version) == 1;
    }

    private static Integration map(ResultSet rs) throws SQLException {
        return new Integration(rs.getObject("id", UUID.class), rs.getString("name"),
                rs.getObject("source_connection_id", UUID.class), rs.getString("source_stream"),
                rs.getObject("target_connection_id", UUID.class), rs.getString("target_object"), rs.getString("mode"),
                rs.getString("status"), rs.getString("mapping"), rs.getInt("version"),
                (Integer) rs.getObject("max_record_errors"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                origin(rs));
    }

    private static TemplateOrigin origin(ResultSet rs) throws SQLException {
        String template = rs.getString("template_id");
        return template == null ? null : new TemplateOrigin(template, rs.getInt("template_version"),
                rs.getString("template_key"), rs.getObject("template_install_id", UUID.class));
    }
}
