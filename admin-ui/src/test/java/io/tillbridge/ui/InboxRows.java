package io.tillbridge.ui;

import io.tillbridge.migrations.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

/**
 * Record errors written into a tenant's inbox as a run leaves them, for portal tests and drivers
 * that need open errors without running an integration.
 */
public final class InboxRows {

    private InboxRows() {
    }

    /**
     * Writes one open error of {@code integrationId} whose stored source record has {@code dataJson}
     * as its data; returns the error's id.
     */
    public static UUID insert(UUID tenant, UUID integrationId, String key, String category, String field, String message,
            String dataJson) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = TestDatabase.shared().owner().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement set = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                set.setString(1, tenant.toString());
                set.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO record_errors (tenant_id, id, integration_id,"
                    + " run_id, source_key, category, message, field_path, source_record) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?::jsonb)")) {
                ps.setObject(1, tenant);
                ps.setObject(2, id);
                ps.setObject(3, integrationId);
                ps.setObject(4, UUID.randomUUID());
                ps.setString(5, key);
                ps.setString(6, category);
                ps.setString(7, message);
                ps.setString(8, field);
                ps.setString(9, "{\"stream\": \"orders\", \"key\": \"" + key + "\", \"version\": \"1\", \"data\": "
                        + dataJson + "}");
                ps.executeUpdate();
            }
            c.commit();
        }
        return id;
    }
}
