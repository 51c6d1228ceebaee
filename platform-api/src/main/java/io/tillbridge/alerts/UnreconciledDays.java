package io.tillbridge.alerts;

import io.micronaut.context.annotation.Value;
import io.tillbridge.alerts.internal.AlertRows;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.reconciliation.ReconciledDay;
import io.tillbridge.reconciliation.Reconciliation;
import io.tillbridge.reconciliation.ReconciliationQuery;
import io.tillbridge.reconciliation.ReconciliationService;
import io.tillbridge.reconciliation.ReconciliationStatus;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The findings of the {@link RuleKind#UNRECONCILED} rule: the business days of the last
 * {@code tillbridge.alerts.unreconciled.days} days (default 14, at most
 * {@link ReconciliationQuery#MAX_DAYS}) of a journal integration that were final {@code threshold} hours ago and are
 * still not matched in the target (differing or missing), one subject per
 * {@code date|location|currency}. Reconciling reads the source and the target in full, so it runs
 * outside the evaluation's transaction and at most once per {@code tillbridge.alerts.unreconciled.every}
 * (default 1 hour) per integration; in between, the last findings stand. An integration whose
 * mapping makes no journals has none; one whose connectors fail answers null (unknown: its open
 * alerts neither resolve nor re-notify on that account).
 */
@Singleton
class UnreconciledDays {

    private static final Logger LOG = LoggerFactory.getLogger(UnreconciledDays.class);

    private record Cached(Instant at, int threshold, Map<String, AlertConditions.Finding> findings) {
    }

    private final TenantTransactions transactions;
    private final IntegrationService integrations;
    private final ReconciliationService reconciliation;
    private final Duration every;
    private final int days;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    UnreconciledDays(TenantTransactions transactions, IntegrationService integrations,
            ReconciliationService reconciliation, @Value("${tillbridge.alerts.unreconciled.every:1h}") Duration every,
            @Value("${tillbridge.alerts.unreconciled.days:14}") int days) {
        if (days < 1 || days > ReconciliationQuery.MAX_DAYS) {
            throw new IllegalArgumentException("tillbridge.alerts.unreconciled.days must be between 1 and "
                    + ReconciliationQuery.MAX_DAYS);
        }
        this.days = days;
        this.transactions = transactions;
        this.integrations = integrations;
        this.reconciliation = reconciliation;
        this.every = every;
    }

    /** The findings as of {@code now}; empty when the rule is off or the integration makes no journals; null when unknown. */
    Map<String, AlertConditions.Finding> findings(TenantId tenant, UUID integrationId, Instant now) {
        List<AlertRule> rules = transactions.read(tenant, c -> AlertRows.rules(c, integrationId));
        Optional<AlertRule> rule = rules.stream().filter(r -> r.kind().equals(RuleKind.UNRECONCILED.wire())
                && r.enabled()).findFirst();
        Optional<Integration> integration = integrations.find(tenant, integrationId);
        if (rule.isEmpty() || integration.isEmpty() || integration.get().paused()) {
            cache.remove(integrationId);
            return Map.of();
        }
        int threshold = rule.get().threshold();
        Cached cached = cache.get(integrationId);
        if (cached != null && cached.threshold() == threshold && now.isBefore(cached.at().plus(every))
                && !now.isBefore(cached.at())) {
            return cached.findings();
        }
        if (!reconciliation.makesJournals(tenant, integrationId)) {
            cache.put(integrationId, new Cached(now, threshold, Map.of()));
            return Map.of();
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Reconciliation result;
        try {
            result = reconciliation.reconcile(tenant, integration.get(),
                    new ReconciliationQuery(today.minusDays(days - 1L), today), now.minus(Duration.ofHours(threshold)));
        } catch (ProblemException e) {
            LOG.warn("Reconciling integration {} of tenant {} for its alert rule failed: {}", integrationId,
                    tenant.value(), e.getMessage());
            return null;
        }
        Map<String, AlertConditions.Finding> out = new LinkedHashMap<>();
        String name = integration.get().name();
        for (ReconciledDay day : result.days()) {
            ReconciliationStatus status = day.statusKind();
            if (status != ReconciliationStatus.DIFFERING && status != ReconciliationStatus.MISSING) {
                continue;
            }
            String location = day.locationId() == null ? "no location" : "location " + day.locationId();
            String what = status == ReconciliationStatus.MISSING
                    ? "the target holds no journal for it (document " + day.documentNumber() + ")"
                    : "the target's journal " + day.documentNumber() + " differs by " + day.differences().stream()
                            .map(d -> d.difference().toPlainString() + " " + day.currency() + " in " + d.family())
                            .collect(Collectors.joining(", "));
            String query = "reconciliation?from=" + day.date() + "&to=" + day.date();
            out.put(day.date() + "|" + (day.locationId() == null ? "" : day.locationId()) + "|" + day.currency(),
                    new AlertConditions.Finding(name + ": " + day.date() + " at " + location + " not reconciled",
                            "The business day " + day.date() + " at " + location + " of \"" + name + "\" has been final"
                                    + " for over " + threshold + " hours and " + what + ".",
                            "/api/v1/tenants/" + tenant.value() + "/integrations/" + integrationId + "/" + query,
                            "integrations/" + integrationId + "/" + query));
        }
        Map<String, AlertConditions.Finding> findings = java.util.Collections.unmodifiableMap(out);
        cache.put(integrationId, new Cached(now, threshold, findings));
        return findings;
    }
}
