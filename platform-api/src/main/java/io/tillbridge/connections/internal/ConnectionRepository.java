package io.tillbridge.connections.internal;

import io.tillbridge.connections.CheckOutcome;
import io.tillbridge.paging.Cursor;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the {@code connections} table. Runs in the tenant's transaction, under row-level security.
 * Secret values are not read here: only the names of the fields the vault holds.
 */
@Singleton
public class ConnectionRepository {

    private static final String COLUMNS = "id, connector_id, name, config::text AS config, last_check_status,"
            +  " last_check_message, last_checked_at, version, created_at, updated_at, sandbox,"
            + " ARRAY(SELECT s.field FROM connection_secrets s WHERE s.tenant_id = connections.tenant_id"
            + " AND s.connection_id = connections.id AND s.field NOT LIKE 'oauth:%' ORDER BY s.field) AS secret_fields";

    public List<ConnectionRow> list(TenantId tenant, Connection c, Optional<Cursor> after, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM connections WHERE tenant_id = ?"
                + (after.isPresent() ? " AND (created_at, id) > (?, ?)" : "") + " ORDER BY created_at, id LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, tenant.value());
            if (after.isPresent()) {
                ps.setObject(i++, OffsetDateTime.ofInstant(Instant.parse(after.get().get(0)), ZoneOffset.UTC));
                ps.setObject(i++, UUID.fromString(after.get().get(1)));
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                List<ConnectionRow> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    public Optional<ConnectionRow> find(TenantId tenant, Connection c, UUID id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM connections WHERE tenant_id = ? AND id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public void insert(TenantId tenant, Connection c, UUID id, String connectorId, String name, Map<String, Object> plain,
            boolean sandbox) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO connections (tenant_id, id, connector_id, name, config,"
                + " sandbox) VALUES (?, ?, ?, ?, ?::jsonb, ?)")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            ps.setString(3, connectorId);
            ps.setString(4, name);
            ps.setString(5, ConfigJson.write(plain));
            ps.setBoolean(6, sandbox);
            ps.executeUpdate();
        }
    }

    /** Replaces name and plain config if the connection is still at {@code version}. */
    public boolean update(TenantId tenant, Connection c, UUID id, int version, String name, Map<String, Object> plain)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connections SET name = ?, config = ?::jsonb,"
                + " version = version + 1, updated_at = now() WHERE tenant_id = ? AND id = ? AND version = ?")) {
            ps.setString(1, name);
            ps.setString(2, ConfigJson.write(plain));
            ps.setObject(3, tenant.value());
            ps.setObject(4, id);
            ps.setInt(5, version);
            return ps.executeUpdate() == 1;
        }
    }

    /** Records the last check; not a change of the connection, so its version stays. */
    public void recordCheck(TenantId tenant, Connection c, UUID id, CheckOutcome outcome) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE connections SET last_check_status = ?,"
                + " last_check_message = ?, last_checked_at = ? WHERE tenant_id = ? AND id = ?")) {
            ps.setString(1, outcome.status());
            ps.setString(2, outcome.message());
            ps.setObject(3, OffsetDateTime.ofInstant(outcome.checkedAt(), ZoneOffset.UTC));
            ps.setObject(4, tenant.value());
            ps.setObject(5, id);
            ps.executeUpdate();
        }
    }

    public boolean delete(TenantId tenant, Connection c, UUID id, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM connections WHERE tenant_id = ? AND id = ? AND version = ?")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            ps.setInt(3, version);
            return ps.executeUpdate() == 1;
        }
    }

    private static ConnectionRow map(ResultSet rs) throws SQLException {
        String status = rs.getString("last_check_status");
        OffsetDateTime checkedAt = rs.getObject("last_checked_at", OffsetDateTime.class);
        CheckOutcome lastCheck = status == null ? null
                : new CheckOutcome(status, rs.getString("last_check_message"), checkedAt.toInstant());
        Array fields = rs.getArray("secret_fields");
        return new ConnectionRow(rs.getObject("id", UUID.class), rs.getString("connector_id"), rs.getString("name"),
                ConfigJson.read(rs.getString("config")),
                new LinkedHashSet<>(Arrays.asList((String[]) fields.getArray())), lastCheck, rs.getInt("version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getBoolean("sandbox"));
    }
}
