package io.tillbridge.kpis;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.health.Uptime;
import io.tillbridge.kpis.internal.KpiRows;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.settings.KpiTargets;
import io.tillbridge.settings.TenantSettings;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The KPIs and return on investment of a tenant, computed from its runs, record errors and source
 * activity each time they are asked for, in buckets of UTC days, ISO weeks or months:
 * <ul>
 * <li>records synced: records the runs wrote to the target (not those found unchanged, not those that
 * failed), from the runs that finished in the bucket (succeeded, failed or cancelled; shadow runs,
 * which write nothing, are left out);</li>
 * <li>hours saved = records synced x manual minutes per record / 60 (2 decimals);</li>
 * <li>money saved = records synced x manual minutes per record / 60 x hourly staff cost (2 decimals,
 * the tenant's currency);</li>
 * <li>errors caught: record errors (held or in the error inbox) that a later run resolved by writing
 * the record, counted in the bucket in which they were resolved; errors a member marked resolved or
 * ignored are not counted;</li>
 * <li>cost per 1,000 records = CPU milliseconds / 3,600,000 x cost per CPU-hour / records synced x
 * 1,000 (6 decimals, {@link KpiCosts});</li>
 * <li>completion p50 / p95: percentiles (continuous, as PostgreSQL's {@code percentile_cont}) of
 * finished - started of the successful runs, in seconds, against the target completion minutes;</li>
 * <li>uptime = of the scheduled intervals (one schedule fire to the next) of the integrations with an
 * enabled schedule, those in which a run queued in the interval succeeded, as health measures it
 * ({@link Uptime}); an interval counts in the bucket of its start, and only intervals that ended
 * within the range and before now count;</li>
 * <li>error rate = records failed / records read, against the target error rate.</li>
 * </ul>
 * Per vendor location, the records are those the source activity counted: records new to the
 * location by their creation time (not by when they were written), with the hours and money they saved.
 */
@Singleton
public class KpiService {

    /** The most locations a report lists, busiest first. */
    public static final int MAX_LOCATIONS = 50;

    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private final TenantTransactions transactions;
    private final KpiRows rows;
    private final TenantSettingsService settings;
    private final KpiCosts costs;
    private final Clock clock;

    public KpiService(TenantTransactions transactions, KpiRows rows, TenantSettingsService settings, KpiCosts costs,
            Clock clock) {
        this.transactions = transactions;
        this.rows = rows;
        this.settings = settings;
        this.costs = costs;
        this.clock = clock;
    }

    /** A query from request parameters (see {@link KpiQuery#parse}), with today's date in UTC by this service's clock. */
    public KpiQuery query(String from, String to, String period, String integrationId) {
        return KpiQuery.parse(from, to, period, integrationId, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /** The KPIs of the query; 404 when it names an integration the tenant does not have. */
    public KpiReport report(TenantScope scope, KpiQuery query) {
        scope.require(Permission.READ);
        TenantSettings tenant = settings.get(scope);
        KpiTargets targets = tenant.kpiTargets();
        Instant from = query.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = query.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        String unit = query.period().truncUnit();
        Raw raw = transactions.read(scope.tenant(), c -> {
            if (query.integrationId() != null && !rows.integrationExists(c, query.integrationId())) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No such integration.");
            }
            return new Raw(rows.runs(c, unit, from, until, query.integrationId()),
                    rows.caught(c, unit, from, until, query.integrationId()),
                    rows.locations(c, unit, from, until, query.integrationId(), MAX_LOCATIONS + 1),
                    uptime(c, query, from, until));
        });
        List<LocalDate> buckets = buckets(query);
        Map<LocalDate, KpiRows.Runs> runs = new HashMap<>();
        raw.runs().forEach(r -> runs.put(r.start(), r));
        Map<LocalDate, Long> caught = new HashMap<>();
        raw.caught().forEach(r -> caught.put(r.start(), r.count()));

        KpiFigures totals = figures(null, runs.get(null), caught.getOrDefault(null, 0L), raw.uptime().get(null), targets);
        List<KpiFigures> series = buckets.stream()
                .map(b -> figures(b, runs.get(b), caught.getOrDefault(b, 0L), raw.uptime().get(b), targets)).toList();

        Map<String, Map<LocalDate, Long>> byLocation = new LinkedHashMap<>();
        raw.locations().forEach(l -> byLocation.computeIfAbsent(l.location(), k -> new HashMap<>()).put(l.start(), l.records()));
        List<LocationKpis> locations = new ArrayList<>();
        for (Map.Entry<String, Map<LocalDate, Long>> entry : byLocation.entrySet()) {
            if (locations.size() == MAX_LOCATIONS) {
                break;
            }
            long total = entry.getValue().values().stream().mapToLong(Long::longValue).sum();
            List<LocationKpis.Bucket> locationSeries = buckets.stream().map(b -> {
                long records = entry.getValue().getOrDefault(b, 0L);
                return new LocationKpis.Bucket(b, records, hoursSaved(records, targets), moneySaved(records, targets));
            }).toList();
            locations.add(new LocationKpis(entry.getKey(), total, hoursSaved(total, targets), moneySaved(total, targets),
                    locationSeries));
        }
        return new KpiReport(query.from(), query.to(), query.period().wire(), query.integrationId(), tenant.currency(),
                costs.cpuHourCost(), costs.currency(), targets, totals, series, List.copyOf(locations),
                byLocation.size() > MAX_LOCATIONS);
    }

    private record Raw(List<KpiRows.Runs> runs, List<KpiRows.Count> caught, List<KpiRows.LocationCount> locations,
            Map<LocalDate, long[]> uptime) {
    }

    /**
     * Scheduled intervals up and in all, per bucket (the key null: the range), over the integrations
     * with an enabled schedule.
     */
    private Map<LocalDate, long[]> uptime(java.sql.Connection c, KpiQuery query, Instant from, Instant until)
            throws java.sql.SQLException {
        Instant now = clock.instant();
        Instant to = until.isAfter(now) ? now : until;
        Map<LocalDate, long[]> counts = new HashMap<>();
        for (KpiRows.Scheduled s : rows.schedules(c, query.integrationId())) {
            Uptime.Intervals intervals = Uptime.intervals(new Uptime.Schedule(s.cron(), s.timeZone(), s.intervalSeconds(),
                    s.since()), from, to);
            List<Boolean> up = rows.up(c, s.integration(), intervals.starts(), intervals.ends());
            for (int i = 0; i < up.size(); i++) {
                LocalDate bucket = query.period().start(LocalDate.ofInstant(intervals.starts().get(i), ZoneOffset.UTC));
                int hit = up.get(i) ? 1 : 0;
                for (LocalDate key : java.util.Arrays.asList(bucket, null)) {
                    long[] pair = counts.computeIfAbsent(key, k -> new long[2]);
                    pair[0] += hit;
                    pair[1]++;
                }
            }
        }
        return counts;
    }

    /** The first day of every bucket that the range touches, in order. */
    static List<LocalDate> buckets(KpiQuery query) {
        List<LocalDate> buckets = new ArrayList<>();
        for (LocalDate start = query.period().start(query.from()); !start.isAfter(query.to());
                start = query.period().next(start)) {
            buckets.add(start);
        }
        return buckets;
    }

    KpiFigures figures(LocalDate start, KpiRows.Runs runs, long caught, long[] intervals, KpiTargets targets) {
        KpiRows.Runs r = runs != null ? runs : new KpiRows.Runs(start, 0, 0, 0, 0, 0, 0, null, null);
        BigDecimal costPerThousand = r.written() == 0 ? null
                : BigDecimal.valueOf(r.cpuMillis()).multiply(costs.cpuHourCost()).multiply(THOUSAND)
                        .divide(MILLIS_PER_HOUR.multiply(BigDecimal.valueOf(r.written())), 6, RoundingMode.HALF_UP);
        BigDecimal uptime = intervals == null || intervals[1] == 0 ? null : ratio(intervals[0], intervals[1]);
        BigDecimal errorRate = r.read() == 0 ? null : ratio(r.failed(), r.read());
        BigDecimal targetRate = targets.targetErrorRate();
        Boolean rateMet = r.read() == 0 || targetRate == null ? null
                : BigDecimal.valueOf(r.failed()).compareTo(targetRate.multiply(BigDecimal.valueOf(r.read()))) <= 0;
        BigDecimal targetSeconds = targets.targetCompletionMinutes() == null ? null
                : targets.targetCompletionMinutes().multiply(SIXTY);
        return new KpiFigures(start, r.read(), r.written(), r.failed(), r.succeededRuns(), r.failedRuns(), r.cpuMillis(),
                caught, hoursSaved(r.written(), targets), moneySaved(r.written(), targets), costPerThousand,
                seconds(r.p50Seconds()), seconds(r.p95Seconds()), uptime, intervals == null ? 0 : intervals[1],
                intervals == null ? 0 : intervals[0], errorRate,
                new KpiVerdicts(rateMet, within(r.p50Seconds(), targetSeconds), within(r.p95Seconds(), targetSeconds)));
    }

    static BigDecimal hoursSaved(long records, KpiTargets targets) {
        BigDecimal minutes = targets.manualMinutesPerRecord();
        return minutes == null ? null
                : BigDecimal.valueOf(records).multiply(minutes).divide(SIXTY, 2, RoundingMode.HALF_UP);
    }

    static BigDecimal moneySaved(long records, KpiTargets targets) {
        BigDecimal minutes = targets.manualMinutesPerRecord();
        BigDecimal cost = targets.hourlyStaffCost();
        return minutes == null || cost == null ? null
                : BigDecimal.valueOf(records).multiply(minutes).multiply(cost).divide(SIXTY, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal ratio(long part, long whole) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 6, RoundingMode.HALF_UP);
    }

    private static BigDecimal seconds(Double seconds) {
        return seconds == null ? null : BigDecimal.valueOf(seconds).setScale(3, RoundingMode.HALF_UP);
    }

    private static Boolean within(Double seconds, BigDecimal targetSeconds) {
        return seconds == null || targetSeconds == null ? null : BigDecimal.valueOf(seconds).compareTo(targetSeconds) <= 0;
    }
}
