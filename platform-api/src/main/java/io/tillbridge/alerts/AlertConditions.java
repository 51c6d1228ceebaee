package io.tillbridge.alerts;

import io.tillbridge.alerts.internal.AlertRows;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Whether each rule's condition holds for an integration as of an instant, and for which subjects,
 * with the words and links of the alert. Reads the figures in the caller's tenant transaction.
 */
final class AlertConditions {

    /** What an alert says about one subject while its condition holds. */
    record Finding(String title, String message, String apiPath, String portalPath) {
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private final Connection c;
    private final UUID tenant;
    private final UUID integrationId;
    private final Instant now;
    private final AlertRows.Figures figures;
    private final BigDecimal targetErrorRate;
    private final BigDecimal targetCompletionMinutes;
    private final Map<String, Finding> unreconciled;

    AlertConditions(Connection c, UUID tenant, UUID integrationId, Instant now, AlertRows.Figures figures,
            BigDecimal targetErrorRate, BigDecimal targetCompletionMinutes, Map<String, Finding> unreconciled) {
        this.unreconciled = unreconciled == null ? Map.of() : unreconciled;
        this.c = c;
        this.tenant = tenant;
        this.integrationId = integrationId;
        this.now = now;
        this.figures = figures;
        this.targetErrorRate = targetErrorRate;
        this.targetCompletionMinutes = targetCompletionMinutes;
    }

    /** The subjects for which {@code rule}'s condition holds now ('' for the integration itself). */
    Map<String, Finding> holding(AlertRule rule) throws SQLException {
        Map<String, Finding> out = new LinkedHashMap<>();
        if (!rule.enabled() || figures.paused()) {
            return out;
        }
        String name = "\"" + figures.name() + "\"";
        switch (RuleKind.of(rule.kind()).orElseThrow()) {
            case CONSECUTIVE_FAILURES -> {
                if (figures.consecutiveFailures() >= rule.threshold() && figures.lastFailedRun() != null) {
                    out.put("", new Finding(figures.name() + ": " + figures.consecutiveFailures() + " runs failed in a row",
                            "The last " + figures.consecutiveFailures() + " runs of " + name
                                    + " failed (the rule fires from " + rule.threshold() + ").",
                            api("runs/" + figures.lastFailedRun()), "runs/" + figures.lastFailedRun()));
                }
            }
            case ERROR_RATE -> {
                if (targetErrorRate != null && figures.read24h() > 0) {
                    double rate = (double) figures.failed24h() / figures.read24h();
                    if (rate > targetErrorRate.doubleValue()) {
                        out.put("", new Finding(figures.name() + ": error rate above target",
                                String.format(Locale.ROOT, "%s of the records of %s of the last 24 hours failed (%d of %d),"
                                        + " above the target of %s.", percent(rate), name, figures.failed24h(),
                                        figures.read24h(), percent(targetErrorRate.doubleValue())),
                                api("integrations/" + integrationId), "integrations/" + integrationId));
                    }
                }
            }
            case COMPLETION_TIME -> {
                if (targetCompletionMinutes != null && figures.p95Seconds() != null
                        && figures.p95Seconds() > targetCompletionMinutes.doubleValue() * 60) {
                    out.put("", new Finding(figures.name() + ": runs slower than target",
                            String.format(Locale.ROOT, "Runs of %s took %.0f s at the 95th percentile over 7 days, above the"
                                    + " target of %s min.", name, figures.p95Seconds(),
                                    targetCompletionMinutes.stripTrailingZeros().toPlainString()),
                            api("integrations/" + integrationId), "integrations/" + integrationId));
                }
            }
            case CREDENTIALS -> {
                for (AlertRows.FailingConnection f : AlertRows.failingConnections(c, integrationId)) {
                    out.put(f.id().toString(), new Finding("Connection \"" + f.name() + "\" failing",
                            "The connection \"" + f.name() + "\" of " + name + " has failed its check since "
                                    + f.failingSince() + (f.message() == null ? "." : ": " + f.message()),
                            api("connections/" + f.id()), "connections/" + f.id()));
                }
            }
            case DATA_STOPPED -> silence(rule, name, out);
            case BACKLOG -> {
                long growth = figures.openErrorsNow() - figures.openErrorsBefore();
                int hours = rule.growthHours() == null ? RuleKind.DEFAULT_GROWTH_HOURS : rule.growthHours();
                int growthLimit = rule.growth() == null ? RuleKind.DEFAULT_GROWTH : rule.growth();
                if (figures.queuedRuns() >= rule.threshold()) {
                    out.put("", new Finding(figures.name() + ": runs queuing up",
                            figures.queuedRuns() + " runs of " + name + " are queued or running (the rule fires from "
                                    + rule.threshold() + ").", api("integrations/" + integrationId),
                            "integrations/" + integrationId));
                } else if (growth >= growthLimit) {
                    out.put("", new Finding(figures.name() + ": open errors growing",
                            "Open record errors of " + name + " grew by " + growth + " over the last " + hours
                                    + " hours, from " + figures.openErrorsBefore() + " to " + figures.openErrorsNow()
                                    + " (the rule fires from " + growthLimit + ").",
                            api("errors?integrationId=" + integrationId), "errors"));
                }
            }
            // Computed before the transaction (it reads the source and the target): UnreconciledDays.
            case UNRECONCILED -> out.putAll(unreconciled);
            default -> throw new IllegalStateException(rule.kind());
        }
        return out;
    }

    private void silence(AlertRule rule, String name, Map<String, Finding> out) throws SQLException {
        int weeks = rule.learnWeeks() == null ? RuleKind.DEFAULT_LEARN_WEEKS : rule.learnWeeks();
        double factor = rule.factor() == null ? RuleKind.DEFAULT_FACTOR : rule.factor().doubleValue();
        Duration minimum = Duration.ofMinutes(rule.threshold());
        AlertRows.Zones zones = null;
        for (Map.Entry<String, Instant> fresh : AlertRows.freshness(c, integrationId).entrySet()) {
            String location = fresh.getKey();
            if (zones == null) {
                zones = AlertRows.zones(c);
            }
            ZoneId zone = zone(zones, location);
            Map<Instant, Long> hours = AlertRows.hours(c, integrationId, location,
                    now.minus(Duration.ofDays(7L * weeks)));
            UsualActivity usual = UsualActivity.learn(hours, zone, now, weeks);
            UsualActivity.Verdict verdict = usual.judge(now, fresh.getValue(), factor, minimum);
            if (verdict.silent()) {
                String label = location.isEmpty() ? "records without a location" : "location \"" + location + "\"";
                long silentMinutes = Duration.between(fresh.getValue(), now).toMinutes();
                out.put(location, new Finding(figures.name() + ": data stopped arriving from "
                        + (location.isEmpty() ? "its source" : location),
                        "No new record from " + label + " of " + name + " for " + silentMinutes + " min (newest created "
                                + LOCAL.format(fresh.getValue().atZone(zone)) + "), during its business hours; usually"
                                + " at least one every " + verdict.expectedGap().toMinutes() + " min at this time"
                                + " (learned from " + usual.weeksWithData() + " weeks; time zone " + zone.getId() + ").",
                        api("integrations/" + integrationId), "integrations/" + integrationId));
            }
        }
    }

    /** The location's zone: the tenant location that maps to it, else the only location's, else UTC. */
    static ZoneId zone(AlertRows.Zones zones, String vendorLocation) {
        String id = zones.byVendorLocation().getOrDefault(vendorLocation, zones.only().orElse(null));
        if (id == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private String api(String path) {
        return "/api/v1/tenants/" + tenant + "/" + path;
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f%%", share * 100);
    }
}
