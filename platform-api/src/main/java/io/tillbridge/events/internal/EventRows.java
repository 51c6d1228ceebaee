package io.tillbridge.events.internal;

import io.tillbridge.events.PlatformEvent;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.runs.RecordJson;
import java.sql.Connection;
import java.sql.SQLException;

/** SQL of {@code platform_events}. Callers own the transaction and its tenant scope. */
public final class EventRows {

    private EventRows() {
    }

    public static void insert(Connection c, PlatformEvent event) throws SQLException {
        Sql.update(c, "INSERT INTO platform_events (tenant_id, id, type, occurred_at, data) VALUES (?, ?, ?, ?, ?::jsonb)",
                event.tenant(), event.id(), event.type(), Sql.timestamp(event.occurredAt()), RecordJson.write(event.data()));
    }
}
