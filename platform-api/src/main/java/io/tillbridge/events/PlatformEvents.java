package io.tillbridge.events;

import io.tillbridge.events.internal.EventRows;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The tenant's event log ({@code platform_events}). An event is written in the transaction of the
 * change it tells of, so that it exists exactly when the change committed; outbound webhooks
 * deliver it from there.
 */
@Singleton
public class PlatformEvents {

    private final Clock clock;

    public PlatformEvents(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records an event of {@code type} ({@link EventTypes}) in the caller's tenant transaction
     * {@code c}, and answers it.
     */
    public PlatformEvent publish(Connection c, TenantId tenant, String type, Map<String, Object> data)
            throws SQLException {
        if (!EventTypes.ALL.contains(type)) {
            throw new IllegalArgumentException("unknown event type " + type);
        }
        PlatformEvent event = new PlatformEvent(UUID.randomUUID(), tenant.value(), type, clock.instant(), data);
        EventRows.insert(c, event);
        return event;
    }
}
