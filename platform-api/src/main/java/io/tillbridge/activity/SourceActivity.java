package io.tillbridge.activity;

import io.tillbridge.activity.internal.ActivityRows;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.runs.queue.RunTransaction;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * When a tenant's source data was created, per integration and vendor location: the newest record
 * (freshness) and how many records new to the location were created in each hour. Read from the
 * records each run takes in: a record's {@code created_at} (RFC 3339) and {@code location_id}, the
 * fields of the canonical POS streams; records without a creation time are not counted.
 * <p>
 * A record counts in its hour only when it is newer than the newest its location had before, so
 * that records read again (look-back windows, updates) are not counted twice. An offline order
 * that arrives hours late is therefore not counted, but it does not make the location look fresh
 * either. A creation time more than {@link #MAX_SKEW} in the future is ignored.
 */
@Singleton
public class SourceActivity {

    /** How far in the future a creation time may be (vendor clocks) before it is ignored. */
    public static final Duration MAX_SKEW = Duration.ofMinutes(10);

    /** The longest location id kept; longer ones are cut. */
    public static final int MAX_LOCATION = 200;

    /** The newest record of one location and when data last arrived from it. */
    public record Freshness(String location, Instant newestRecordAt, Instant arrivedAt) {
    }

    /** The records created in one hour (UTC) at one location. */
    public record Hour(String location, Instant hour, long records) {
    }

    private final TenantTransactions transactions;
    private final Clock clock;

    public SourceActivity(TenantTransactions transactions, Clock clock) {
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Counts {@code records}, taken in by a run of {@code integrationId}, in the run's page transaction. */
    public void record(RunTransaction tx, UUID integrationId, Collection<SourceRecord> records) throws SQLException {
        Instant now = clock.instant();
        Map<String, List<Instant>> byLocation = new HashMap<>();
        for (SourceRecord record : records) {
            Instant created = created(record.data().get("created_at"));
            if (created == null || created.isAfter(now.plus(MAX_SKEW))) {
                continue;
            }
            byLocation.computeIfAbsent(location(record.data().get("location_id")), k -> new ArrayList<>()).add(created);
        }
        if (byLocation.isEmpty()) {
            return;
        }
        Map<String, Instant> newest = ActivityRows.newest(tx.connection(), integrationId, byLocation.keySet());
        List<Freshness> fresh = new ArrayList<>();
        List<Hour> hours = new ArrayList<>();
        for (Map.Entry<String, List<Instant>> e : byLocation.entrySet()) {
            Instant before = newest.get(e.getKey());
            Map<Instant, Long> counts = new TreeMap<>();
            Instant max = before;
            for (Instant created : e.getValue()) {
                if (before == null || created.isAfter(before)) {
                    counts.merge(created.truncatedTo(ChronoUnit.HOURS), 1L, Long::sum);
                }
                if (max == null || created.isAfter(max)) {
                    max = created;
                }
            }
            if (!counts.isEmpty()) {
                fresh.add(new Freshness(e.getKey(), max, now));
                counts.forEach((hour, n) -> hours.add(new Hour(e.getKey(), hour, n)));
            }
        }
        ActivityRows.save(tx.connection(), tx.tenant().value(), integrationId, fresh, hours);
    }

    /** The freshness of each location of every integration of the tenant, in the caller's transaction {@code c}. */
    public Map<UUID, List<Freshness>> freshness(java.sql.Connection c) throws SQLException {
        return ActivityRows.freshnessByIntegration(c);
    }

    /** The freshness of each location of {@code integrationId}, stalest first. */
    public List<Freshness> freshness(TenantId tenant, UUID integrationId) {
        return transactions.read(tenant, c -> ActivityRows.freshness(c, integrationId));
    }

    /** The hours of {@code integrationId}'s activity from {@code from} (inclusive) to {@code to}, oldest first. */
    public List<Hour> hours(TenantId tenant, UUID integrationId, Instant from, Instant to) {
        return transactions.read(tenant, c -> ActivityRows.hours(c, integrationId, from, to));
    }

    static String location(Object value) {
        String text = value instanceof String s ? s.strip() : "";
        return text.length() > MAX_LOCATION ? text.substring(0, MAX_LOCATION) : text;
    }

    static Instant created(Object value) {
        if (!(value instanceof String text) || text.isBlank() || text.length() > 64) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
