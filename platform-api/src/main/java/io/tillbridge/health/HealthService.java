package io.tillbridge.health;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.activity.SourceActivity;
import io.tillbridge.connections.ConnectionChecks;
import io.tillbridge.connections.ConnectionHealth;
import io.tillbridge.health.internal.HealthRows;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.settings.KpiTargets;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Integration health, computed from runs and record errors each time it is asked for:
 * <ul>
 * <li>{@code paused}: the integration is paused;</li>
 * <li>{@code never_run}: no run of it has ended;</li>
 * <li>{@code failing}: its last {@value #FAILING_AFTER} or more runs failed;</li>
 * <li>{@code degraded}: its last run failed, or over 24 hours more records failed than the tenant's
 * target error rate allows, or its successful runs of 7 days took longer than the target
 * completion time at the 95th percentile, or one of its connections fails its check or loses its
 * access within {@link ConnectionChecks#EXPIRY_WARNING};</li>
 * <li>{@code healthy}: none of these.</li>
 * </ul>
 * Each status other than healthy comes with its reasons in words.
 */
@Singleton
public class HealthService {

    /** Failed runs in a row from which an integration is failing, not only degraded. */
    public static final int FAILING_AFTER = 3;

    /** The statuses, worst first: the overview's order. */
    public static final List<String> STATUSES = List.of("failing", "degraded", "never_run", "paused", "healthy");

    private final TenantTransactions transactions;
    private final HealthRows rows;
    private final TenantSettingsService settings;
    private final SourceActivity activity;
    private final ConnectionChecks connections;
    private final Clock clock;

    public HealthService(TenantTransactions transactions, HealthRows rows, TenantSettingsService settings,
            SourceActivity activity, ConnectionChecks connections, Clock clock) {
        this.transactions = transactions;
        this.rows = rows;
        this.settings = settings;
        this.activity = activity;
        this.connections = connections;
        this.clock = clock;
    }

    /** Every integration's health, worst first, with counts per status, and every connection's health. */
    public TenantHealth overview(TenantScope scope) {
        scope.require(Permission.READ);
        Instant now = clock.instant();
        KpiTargets targets = settings.get(scope).kpiTargets();
        List<ConnectionHealth> checks = connections.all(scope);
        List<IntegrationHealth> all = new ArrayList<>(transactions.read(scope.tenant(), c -> {
            Map<UUID, List<SourceActivity.Freshness>> fresh = activity.freshness(c);
            List<IntegrationHealth> out = new ArrayList<>();
            for (HealthRows.Figures f : rows.all(c, now)) {
                out.add(health(f, targets, extras(c, f, now, fresh.getOrDefault(f.id(), List.of()), checks)));
            }
            return out;
        }));
        all.sort(Comparator.comparingInt(h -> STATUSES.indexOf(h.status())));
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, all.stream().filter(h -> h.status().equals(s)).count()));
        return new TenantHealth(now, counts, all, checks);
    }

    /** One integration's health; 404 when the tenant has no such integration. */
    public IntegrationHealth of(TenantScope scope, UUID integrationId) {
        scope.require(Permission.READ);
        Instant now = clock.instant();
        KpiTargets targets = settings.get(scope).kpiTargets();
        List<ConnectionHealth> checks = connections.all(scope);
        return transactions.read(scope.tenant(), c -> {
            java.util.Optional<HealthRows.Figures> found = rows.one(c, integrationId, now);
            if (found.isEmpty()) {
                return java.util.Optional.<IntegrationHealth>empty();
            }
            HealthRows.Figures f = found.get();
            return java.util.Optional.of(health(f, targets,
                    extras(c, f, now, activity.freshness(c).getOrDefault(f.id(), List.of()), checks)));
        }).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such integration."));
    }

    /** What health adds to the run figures: uptime, freshness per location, the connections' checks. */
    record Extras(Double uptime7d, Double uptime30d, List<LocationFreshness> locations, List<ConnectionHealth> connections) {
    }

    private Extras extras(java.sql.Connection c, HealthRows.Figures f, Instant now,
            List<SourceActivity.Freshness> fresh, List<ConnectionHealth> checks) throws java.sql.SQLException {
        Double uptime7d = null;
        Double uptime30d = null;
        if (f.schedule() != null) {
            HealthRows.Schedule s = f.schedule();
            Uptime.Schedule schedule = new Uptime.Schedule(s.cron(), s.timeZone(), s.intervalSeconds(), s.since());
            uptime7d = uptime(c, f.id(), Uptime.intervals(schedule, now.minus(Duration.ofDays(7)), now));
            uptime30d = uptime(c, f.id(), Uptime.intervals(schedule, now.minus(Duration.ofDays(30)), now));
        }
        List<LocationFreshness> locations = fresh.stream().map(l -> new LocationFreshness(l.location(),
                l.newestRecordAt(), l.arrivedAt(), Math.max(0, Duration.between(l.newestRecordAt(), now).getSeconds())))
                .toList();
        List<ConnectionHealth> used = checks.stream()
                .filter(h -> h.id().equals(f.sourceConnectionId()) || h.id().equals(f.targetConnectionId())).toList();
        return new Extras(uptime7d, uptime30d, locations, used);
    }

    private Double uptime(java.sql.Connection c, UUID integrationId, Uptime.Intervals intervals)
            throws java.sql.SQLException {
        if (intervals.size() == 0) {
            return null;
        }
        return (double) rows.upIntervals(c, integrationId, intervals.starts(), intervals.ends()) / intervals.size();
    }

    static IntegrationHealth health(HealthRows.Figures f, KpiTargets targets, Extras extras) {
        Double rate24h = f.read24h() == 0 ? null : (double) f.failed24h() / f.read24h();
        Double rate7d = f.read7d() == 0 ? null : (double) f.failed7d() / f.read7d();
        List<String> reasons = new ArrayList<>();
        String status;
        if (f.paused()) {
            status = "paused";
            reasons.add("The integration is paused: no run starts until it is resumed.");
        } else if (f.lastRunAt() == null) {
            status = "never_run";
            reasons.add("No run has ended yet.");
        } else {
            if (f.consecutiveFailures() > 0) {
                reasons.add(f.consecutiveFailures() == 1 ? "The last run failed."
                        : "The last " + f.consecutiveFailures() + " runs failed.");
            }
            BigDecimal targetRate = targets.targetErrorRate();
            if (rate24h != null && targetRate != null && rate24h > targetRate.doubleValue()) {
                reasons.add(String.format(Locale.ROOT, "%s of the records of the last 24 hours failed, above the target of %s.",
                        percent(rate24h), percent(targetRate.doubleValue())));
            }
            BigDecimal targetMinutes = targets.targetCompletionMinutes();
            if (f.p95Seconds() != null && targetMinutes != null && f.p95Seconds() > targetMinutes.doubleValue() * 60) {
                reasons.add(String.format(Locale.ROOT, "Runs took %.0f s at the 95th percentile over 7 days, above the"
                        + " target of %s min.", f.p95Seconds(), targetMinutes.stripTrailingZeros().toPlainString()));
            }
            for (ConnectionHealth connection : extras.connections()) {
                if ("failing".equals(connection.status())) {
                    reasons.add("The connection " + connection.name() + " fails its check (" + connection.category()
                            + "): " + connection.message());
                }
                if (connection.accessExpiresSoon()) {
                    reasons.add("The connection " + connection.name() + " loses its access at "
                            + connection.accessExpiresAt() + ": connect it again.");
                }
            }
            status = f.consecutiveFailures() >= FAILING_AFTER ? "failing" : reasons.isEmpty() ? "healthy" : "degraded";
        }
        return new IntegrationHealth(f.id(), f.name(), f.mode(), status, List.copyOf(reasons), f.lastRunAt(),
                f.lastSuccessAt(), f.lastFailureAt(), f.lastWrittenAt(), f.consecutiveFailures(), rate24h, rate7d,
                f.p50Seconds(), f.p95Seconds(), f.queuedRuns(), f.openErrors(), extras.uptime7d(), extras.uptime30d(),
                extras.locations());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}
