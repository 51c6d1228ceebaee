package io.tillbridge.health;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.health.internal.HealthRows;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.settings.KpiTargets;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
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
 * completion time at the 95th percentile;</li>
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
    private final Clock clock;

    public HealthService(TenantTransactions transactions, HealthRows rows, TenantSettingsService settings, Clock clock) {
        this.transactions = transactions;
        this.rows = rows;
        this.settings = settings;
        this.clock = clock;
    }

    /** Every integration's health, worst first, with counts per status. */
    public TenantHealth overview(TenantScope scope) {
        scope.require(Permission.READ);
        Instant now = clock.instant();
        KpiTargets targets = settings.get(scope).kpiTargets();
        List<IntegrationHealth> all = new ArrayList<>(transactions.read(scope.tenant(), c -> rows.all(c, now)).stream()
                .map(f -> health(f, targets)).toList());
        all.sort(Comparator.comparingInt(h -> STATUSES.indexOf(h.status())));
        Map<String, Long> counts = new LinkedHashMap<>();
        STATUSES.forEach(s -> counts.put(s, all.stream().filter(h -> h.status().equals(s)).count()));
        return new TenantHealth(now, counts, all);
    }

    /** One integration's health; 404 when the tenant has no such integration. */
    public IntegrationHealth of(TenantScope scope, UUID integrationId) {
        scope.require(Permission.READ);
        Instant now = clock.instant();
        KpiTargets targets = settings.get(scope).kpiTargets();
        return transactions.read(scope.tenant(), c -> rows.one(c, integrationId, now))
                .map(f -> health(f, targets))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such integration."));
    }

    static IntegrationHealth health(HealthRows.Figures f, KpiTargets targets) {
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
            status = f.consecutiveFailures() >= FAILING_AFTER ? "failing" : reasons.isEmpty() ? "healthy" : "degraded";
        }
        return new IntegrationHealth(f.id(), f.name(), f.mode(), status, List.copyOf(reasons), f.lastRunAt(),
                f.lastSuccessAt(), f.lastFailureAt(), f.lastWrittenAt(), f.consecutiveFailures(), rate24h, rate7d,
                f.p50Seconds(), f.p95Seconds(), f.queuedRuns(), f.openErrors());
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}
