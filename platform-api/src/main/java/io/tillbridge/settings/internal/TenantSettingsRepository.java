package io.tillbridge.settings.internal;

import io.tillbridge.settings.KpiTargets;
import io.tillbridge.settings.SettingsChange;
import io.tillbridge.settings.TenantSettings;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of the tenant settings: the platform's {@code tenants} row joined with the tenant-owned
 * {@code tenant_settings} row (under row-level security, so the connection must be in the
 * tenant's transaction). A tenant without a settings row reads as version 1 with its name as the
 * business name and the column defaults.
 */
@Singleton
public class TenantSettingsRepository {

    /** The version a tenant's settings have before their row exists. */
    static final int VERSION_WITHOUT_ROW = 1;
    private static final String DEFAULT_CURRENCY = "USD";

    private static final String SELECT = "SELECT t.id, t.slug, t.name, t.plan, t.status, s.business_name, s.currency,"
            + " s.manual_minutes_per_record, s.hourly_staff_cost, s.target_error_rate, s.target_completion_minutes,"
            + " s.version FROM tenants t LEFT JOIN tenant_settings s ON s.tenant_id = t.id WHERE t.id = ?";

    /** The tenant's settings. */
    public Optional<TenantSettings> find(TenantId tenant, Connection c) throws SQLException {
        return query(tenant, c, SELECT);
    }

    /**
     * The tenant's settings, locking the tenant's row until the transaction ends, so that
     * concurrent writers (including the first one, which creates the settings row) take turns.
     */
    public Optional<TenantSettings> findForUpdate(TenantId tenant, Connection c) throws SQLException {
        return query(tenant, c, SELECT + " FOR NO KEY UPDATE OF t");
    }

    /**
     * Writes {@code change} over the settings at {@code currentVersion}, creating the settings row
     * on the first write, and renames the tenant to the business name. Call it after
     * {@link #findForUpdate} has confirmed {@code currentVersion} under the lock.
     *
     * @return false when the settings are not at {@code currentVersion}
     */
    public boolean update(TenantId tenant, Connection c, int currentVersion, SettingsChange change) throws SQLException {
        KpiTargets kpi = change.kpiTargets();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenant_settings AS s (tenant_id, business_name,"
                + " currency, manual_minutes_per_record, hourly_staff_cost, target_error_rate, target_completion_minutes,"
                + " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET business_name = excluded.business_name,"
                + " currency = excluded.currency, manual_minutes_per_record = excluded.manual_minutes_per_record,"
                + " hourly_staff_cost = excluded.hourly_staff_cost, target_error_rate = excluded.target_error_rate,"
                + " target_completion_minutes = excluded.target_completion_minutes, version = s.version + 1,"
                + " updated_at = now() WHERE s.version = ?")) {
            ps.setObject(1, tenant.value());
            ps.setString(2, change.businessName());
            ps.setString(3, change.currency().getCurrencyCode());
            setDecimal(ps, 4, kpi.manualMinutesPerRecord());
            setDecimal(ps, 5, kpi.hourlyStaffCost());
            setDecimal(ps, 6, kpi.targetErrorRate());
            setDecimal(ps, 7, kpi.targetCompletionMinutes());
            ps.setInt(8, currentVersion + 1);
            ps.setInt(9, currentVersion);
            if (ps.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE tenants SET name = ? WHERE id = ?")) {
            ps.setString(1, change.businessName());
            ps.setObject(2, tenant.value());
            ps.executeUpdate();
        }
        return true;
    }

    private static Optional<TenantSettings> query(TenantId tenant, Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                boolean hasRow = rs.getString("business_name") != null;
                return Optional.of(new TenantSettings(
                        rs.getObject("id", UUID.class),
                        rs.getString("slug"),
                        hasRow ? rs.getString("business_name") : rs.getString("name"),
                        hasRow ? rs.getString("currency") : DEFAULT_CURRENCY,
                        rs.getString("plan"),
                        rs.getString("status"),
                        new KpiTargets(rs.getBigDecimal("manual_minutes_per_record"), rs.getBigDecimal("hourly_staff_cost"),
                                rs.getBigDecimal("target_error_rate"), rs.getBigDecimal("target_completion_minutes")),
                        hasRow ? rs.getInt("version") : VERSION_WITHOUT_ROW));
            }
        }
    }

    private static void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.NUMERIC);
        } else {
            ps.setBigDecimal(index, value);
        }
    }
}
