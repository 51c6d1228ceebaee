package io.tillbridge.alerts;

import io.tillbridge.alerts.internal.AlertRows;
import io.tillbridge.events.EventTypes;
import io.tillbridge.events.PlatformEvents;
import io.tillbridge.tenants.ActiveTenants;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the alert rules: for each rule and subject, opens an alert when the condition holds
 * and none is open (one open alert per rule and subject, by a unique index), re-notifies an open
 * one every {@code renotifyMinutes} unless it is acknowledged or snoozed, and resolves it when the
 * condition no longer holds. Each change writes its notifications (one pending delivery per
 * channel of the rule) and its event ({@code alert.opened}, {@code alert.resolved}) in the same
 * transaction; {@link AlertNotifier} sends them after the commit.
 *
 * <p>Work is done tenant by tenant over the active tenants ({@link ActiveTenants}: suspended ones are
 * skipped; row-level security applies), one short transaction per
 * integration; rules missing for an integration are created with defaults first.
 */
@Singleton
public class AlertEvaluator {

    /** What one evaluation changed. */
    public record Outcome(int opened, int renotified, int resolved) {
        Outcome plus(Outcome o) {
            return new Outcome(opened + o.opened, renotified + o.renotified, resolved + o.resolved);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

    private final TenantTransactions transactions;
    private final ActiveTenants tenants;
    private final PlatformEvents events;
    private final AlertNotifier notifier;
    private final Clock clock;
    private final UnreconciledDays unreconciled;

    public AlertEvaluator(TenantTransactions transactions, ActiveTenants tenants, PlatformEvents events,
            AlertNotifier notifier, Clock clock, UnreconciledDays unreconciled) {
        this.unreconciled = unreconciled;
        this.transactions = transactions;
        this.tenants = tenants;
        this.events = events;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Evaluates every tenant's rules as of the clock's now and sends what is due. */
    public Outcome evaluateAll() {
        return evaluateAll(clock.instant());
    }

    /** Evaluates every tenant's rules as of {@code now} and sends what is due. */
    public Outcome evaluateAll(Instant now) {
        Outcome[] total = {new Outcome(0, 0, 0)};
        tenants.forEach(tenant -> {
            try {
                total[0] = total[0].plus(evaluate(tenant, now));
            } catch (RuntimeException e) {
                // One tenant's failure does not stop the others; the next evaluation tries again.
                LOG.error("Evaluating the alert rules of tenant {} failed", tenant.value(), e);
            }
            return true;
        });
        return total[0];
    }

    /** Evaluates one tenant's rules as of {@code now}, then sends its due notifications. */
    public Outcome evaluate(TenantId tenant, Instant at) {
        // The database keeps microseconds: compare in them, so that a stored time equals the instant it was written at.
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        List<UUID> integrations = transactions.write(tenant, c -> {
            AlertRows.ensureDefaults(c, tenant.value());
            return AlertRows.integrations(c);
        });
        Outcome total = new Outcome(0, 0, 0);
        for (UUID integration : integrations) {
            // Outside the transaction: it reads the integration's source and target.
            Map<String, AlertConditions.Finding> days = unreconciled.findings(tenant, integration, now);
            total = total.plus(transactions.write(tenant, c -> evaluate(c, tenant, integration, now, days)));
        }
        notifier.deliverDue(tenant, now);
        return total;
    }

    /** Evaluates one integration's rules as of the clock's now (e.g. after one of its runs) and sends. */
    public Outcome evaluateIntegration(TenantId tenant, UUID integrationId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Right after a run, on its thread: the unreconciled rule (a full read of source and target) waits for the
        // scheduled evaluation, and its alerts stay as they are meanwhile.
        Outcome outcome = transactions.write(tenant, c -> {
            AlertRows.ensureDefaults(c, tenant.value());
            return evaluate(c, tenant, integrationId, now, null);
        });
        notifier.deliverDue(tenant, now);
        return outcome;
    }

    /** {@code unreconciledDays}: the unreconciled rule's findings; null when unknown (its alerts stay as they are). */
    private Outcome evaluate(Connection c, TenantId tenant, UUID integrationId, Instant now,
            Map<String, AlertConditions.Finding> unreconciledDays) throws SQLException {
        AlertRows.lockRules(c, integrationId);
        List<AlertRule> rules = AlertRows.rules(c, integrationId);
        int growthHours = rules.stream().filter(r -> r.kind().equals(RuleKind.BACKLOG.wire()) && r.growthHours() != null)
                .map(AlertRule::growthHours).findFirst().orElse(RuleKind.DEFAULT_GROWTH_HOURS);
        Optional<AlertRows.Figures> figures = AlertRows.figures(c, integrationId, now, growthHours);
        if (figures.isEmpty()) {
            return new Outcome(0, 0, 0);
        }
        AlertRows.Targets targets = AlertRows.targets(c);
        AlertConditions conditions = new AlertConditions(c, tenant.value(), integrationId, now, figures.get(),
                targets.errorRate(), targets.completionMinutes(), unreconciledDays);
        Outcome outcome = new Outcome(0, 0, 0);
        for (AlertRule rule : rules) {
            if (unreconciledDays == null && rule.kind().equals(RuleKind.UNRECONCILED.wire())) {
                continue;
            }
            outcome = outcome.plus(reconcile(c, tenant, rule, conditions.holding(rule), now));
        }
        return outcome;
    }

    private Outcome reconcile(Connection c, TenantId tenant, AlertRule rule, Map<String, AlertConditions.Finding> holding,
            Instant now) throws SQLException {
        Map<String, Alert> open = AlertRows.openAlerts(c, rule.id());
        int opened = 0;
        int renotified = 0;
        int resolved = 0;
        for (Map.Entry<String, AlertConditions.Finding> e : holding.entrySet()) {
            AlertConditions.Finding f = e.getValue();
            Alert existing = open.get(e.getKey());
            if (existing == null) {
                Optional<Alert> created = AlertRows.open(c, tenant.value(), rule.id(), rule.integrationId(), rule.kind(),
                        e.getKey(), f.title(), f.message(), f.apiPath(), f.portalPath(), now);
                if (created.isPresent()) {
                    events.publish(c, tenant, EventTypes.ALERT_OPENED, notifier.eventData(created.get()));
                    notifier.enqueue(c, tenant, rule, created.get(), "opened", now);
                    opened++;
                }
            } else if (existing.acknowledgedAt() == null
                    && (existing.snoozedUntil() == null || !now.isBefore(existing.snoozedUntil()))
                    && !now.isBefore(existing.lastNotifiedAt().plus(Duration.ofMinutes(rule.renotifyMinutes())))) {
                Alert again = AlertRows.renotified(c, existing.id(), f.message(), now);
                notifier.enqueue(c, tenant, rule, again, "renotified", now);
                renotified++;
            }
        }
        for (Alert alert : open.values()) {
            if (!holding.containsKey(alert.subject())) {
                Alert done = AlertRows.resolve(c, alert.id(), now);
                events.publish(c, tenant, EventTypes.ALERT_RESOLVED, notifier.eventData(done));
                notifier.enqueue(c, tenant, rule, done, "resolved", now);
                resolved++;
            }
        }
        return new Outcome(opened, renotified, resolved);
    }
}
