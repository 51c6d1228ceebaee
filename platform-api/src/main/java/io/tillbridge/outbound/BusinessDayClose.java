package io.tillbridge.outbound;

import io.tillbridge.events.EventTypes;
import io.tillbridge.events.PlatformEvents;
import io.tillbridge.outbound.internal.BusinessDayRows;
import io.tillbridge.outbound.internal.DeliveryQueue;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code day.closed} once per location and business day. A location's business day D runs
 * from D at its close-out hour to D+1 at its close-out hour, in its time zone; a pass publishes the
 * newest day that has ended (and that began after the location existed), recorded in
 * {@code closed_business_days} in the same transaction, so that passes of several workers publish it
 * once. Days missed while no worker ran are not published afterwards: only the newest ended day is.
 */
@Singleton
public class BusinessDayClose {

    private static final Logger LOG = LoggerFactory.getLogger(BusinessDayClose.class);
    private static final int TENANT_PAGE = 500;

    private final TenantTransactions transactions;
    private final PlatformEvents events;
    private final Clock clock;

    public BusinessDayClose(TenantTransactions transactions, PlatformEvents events, Clock clock) {
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** One pass over every active tenant at the clock's now; answers how many days it closed. */
    public int closeEndedDays() {
        return closeEndedDays(clock.instant());
    }

    /** One pass as of {@code now}. */
    public int closeEndedDays(Instant now) {
        int closed = 0;
        UUID after = null;
        List<UUID> page;
        do {
            UUID from = after;
            page = transactions.withoutTenant(c -> DeliveryQueue.activeTenants(c, from, TENANT_PAGE));
            for (UUID tenant : page) {
                closed += closeEndedDays(new TenantId(tenant), now);
                after = tenant;
            }
        } while (page.size() == TENANT_PAGE);
        return closed;
    }

    /** The tenant's locations, as of {@code now}. */
    public int closeEndedDays(TenantId tenant, Instant now) {
        return transactions.write(tenant, c -> {
            int closed = 0;
            for (BusinessDayRows.LocationDay location : BusinessDayRows.locations(c)) {
                ZoneId zone;
                try {
                    zone = ZoneId.of(location.timeZone());
                } catch (DateTimeException e) {
                    LOG.warn("Location {} of tenant {} has an unknown time zone {}", location.id(), tenant,
                            location.timeZone());
                    continue;
                }
                LocalDate day = lastEndedDay(now, zone, location.closeOutHour());
                Instant began = startOf(day, zone, location.closeOutHour());
                Instant ended = startOf(day.plusDays(1), zone, location.closeOutHour());
                if (location.createdAt() != null && location.createdAt().isAfter(began)) {
                    continue;
                }
                if (BusinessDayRows.close(c, tenant.value(), location.id(), day, now)) {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("locationId", location.id().toString());
                    data.put("locationName", location.name());
                    data.put("businessDay", day.toString());
                    data.put("timeZone", location.timeZone());
                    data.put("closeOutHour", location.closeOutHour());
                    data.put("startedAt", began.toString());
                    data.put("endedAt", ended.toString());
                    data.put("link", "/api/v1/tenants/" + tenant.value() + "/locations/" + location.id());
                    events.publish(c, tenant, EventTypes.DAY_CLOSED, data);
                    closed++;
                }
            }
            return closed;
        });
    }

    /** The newest business day that has ended at {@code now}. */
    static LocalDate lastEndedDay(Instant now, ZoneId zone, int closeOutHour) {
        LocalDate today = now.atZone(zone).toLocalDate();
        // The day that began yesterday ends today at the close-out hour.
        return now.isBefore(startOf(today, zone, closeOutHour)) ? today.minusDays(2) : today.minusDays(1);
    }

    /** When business day {@code day} begins: its close-out hour (shifted forward over a DST gap). */
    static Instant startOf(LocalDate day, ZoneId zone, int closeOutHour) {
        return ZonedDateTime.of(day.atTime(closeOutHour, 0), zone).toInstant();
    }
}
