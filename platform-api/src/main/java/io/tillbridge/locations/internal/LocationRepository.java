package io.tillbridge.locations.internal;

import io.tillbridge.locations.Location;
import io.tillbridge.locations.LocationDraft;
import io.tillbridge.paging.Cursor;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the {@code locations} table. Every statement runs in the tenant's transaction, so
 * row-level security limits it to that tenant's rows; the tenant id is still written explicitly
 * where a row is inserted.
 */
@Singleton
public class LocationRepository {

    private static final String COLUMNS = "id, name, time_zone, close_out_hour, vendor_location_id, version, created_at, updated_at";

    /** Up to {@code limit} locations after {@code after}, in creation order. */
    public List<Location> list(TenantId tenant, Connection c, Optional<Cursor> after, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM locations WHERE tenant_id = ?"
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
                List<Location> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(map(rs));
                }
                return out;
            }
        }
    }

    /** The location, locked for update when {@code lock} is set. */
    public Optional<Location> find(TenantId tenant, Connection c, UUID id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM locations WHERE tenant_id = ? AND id = ?"
                + (lock ? " FOR UPDATE" : ""))) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    public Location insert(TenantId tenant, Connection c, UUID id, LocationDraft draft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO locations (tenant_id, id, name, time_zone, close_out_hour,"
                + " vendor_location_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS)) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            ps.setString(3, draft.name());
            ps.setString(4, draft.timeZone().getId());
            ps.setInt(5, draft.closeOutHour());
            ps.setString(6, draft.vendorLocationId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        }
    }

    /** Replaces the location's settings if it is still at {@code version}; empty otherwise. */
    public Optional<Location> update(TenantId tenant, Connection c, UUID id, int version, LocationDraft draft)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE locations SET name = ?, time_zone = ?, close_out_hour = ?,"
                + " vendor_location_id = ?, version = version + 1, updated_at = now() WHERE tenant_id = ? AND id = ? AND version = ?"
                + " RETURNING " + COLUMNS)) {
            ps.setString(1, draft.name());
            ps.setString(2, draft.timeZone().getId());
            ps.setInt(3, draft.closeOutHour());
            ps.setString(4, draft.vendorLocationId());
            ps.setObject(5, tenant.value());
            ps.setObject(6, id);
            ps.setInt(7, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Deletes the location if it is still at {@code version}. */
    public boolean delete(TenantId tenant, Connection c, UUID id, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM locations WHERE tenant_id = ? AND id = ? AND version = ?")) {
            ps.setObject(1, tenant.value());
            ps.setObject(2, id);
            ps.setInt(3, version);
            return ps.executeUpdate() == 1;
        }
    }

    private static Location map(ResultSet rs) throws SQLException {
        return new Location(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("time_zone"),
                rs.getInt("close_out_hour"), rs.getString("vendor_location_id"), rs.getInt("version"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
