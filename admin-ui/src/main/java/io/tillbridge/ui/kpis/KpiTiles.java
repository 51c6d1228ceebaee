package io.tillbridge.ui.kpis;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.tillbridge.kpis.KpiFigures;
import io.tillbridge.kpis.KpiReport;
import io.tillbridge.settings.KpiTargets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The KPI tiles of the dashboard: each a figure of the range's totals in words, and, for the KPIs
 * with a target, "Target met" or "Target missed" in text with an icon (never colour alone).
 */
class KpiTiles extends Div {

    /** What each tile shows, by its key: the value, then the line under it. */
    final Map<String, String> shown = new LinkedHashMap<>();

    KpiTiles() {
        setId("kpi-tiles");
        getStyle().set("display", "grid").set("grid-template-columns", "repeat(auto-fill, minmax(13rem, 1fr))")
                .set("gap", "var(--lumo-space-m)").set("width", "100%");
    }

    void show(KpiReport report) {
        removeAll();
        shown.clear();
        KpiFigures t = report.totals();
        KpiTargets targets = report.targets();
        tile("records", "Records synced", number(t.recordsSynced()),
                "of " + number(t.recordsRead()) + " read, " + number(t.recordsFailed()) + " failed", null);
        tile("hours", "Hours saved", t.hoursSaved() == null ? "-" : decimal(t.hoursSaved(), 2) + " h",
                t.hoursSaved() == null ? "Set the manual minutes per record in Settings." : "records x manual minutes / 60",
                null);
        tile("money", "Money saved", t.moneySaved() == null ? "-" : report.currency() + " " + decimal(t.moneySaved(), 2),
                t.moneySaved() == null ? "Set the manual minutes and hourly staff cost in Settings." : "hours x hourly staff cost",
                null);
        tile("caught", "Errors caught", number(t.errorsCaught()), "held records fixed before they reached the target",
                null);
        tile("cost", "Cost per 1,000 records", t.costPerThousandRecords() == null ? "-"
                : report.costCurrency() + " " + t.costPerThousandRecords().toPlainString(),
                number(t.cpuMillis()) + " ms of CPU time", null);
        tile("p50", "Completion p50", minutes(t.completionP50Seconds()), target(targets.targetCompletionMinutes(), " min"),
                t.meetsTarget().completionP50());
        tile("p95", "Completion p95", minutes(t.completionP95Seconds()), target(targets.targetCompletionMinutes(), " min"),
                t.meetsTarget().completionP95());
        tile("uptime", "Uptime", percent(t.uptime()), t.intervalsScheduled() == 0 ? "no scheduled run in the range"
                : number(t.intervalsUp()) + " of " + number(t.intervalsScheduled()) + " scheduled intervals with a successful run",
                null);
        tile("error-rate", "Error rate", percent(t.errorRate()), target(targets.targetErrorRate() == null ? null
                : targets.targetErrorRate().multiply(BigDecimal.valueOf(100)), " %"), t.meetsTarget().errorRate());
    }

    private void tile(String key, String label, String value, String detail, Boolean met) {
        Span title = new Span(label);
        title.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        Span figure = new Span(value);
        figure.setId("kpi-" + key + "-value");
        figure.getStyle().set("font-size", "var(--lumo-font-size-xl)").set("font-weight", "600");
        Span below = new Span(detail);
        below.getStyle().set("font-size", "var(--lumo-font-size-s)");
        Div tile = new Div(title, figure, below);
        String text = value + " · " + detail;
        if (met != null) {
            Icon icon = (met ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CLOSE_CIRCLE).create();
            icon.getElement().setAttribute("aria-hidden", "true");
            icon.setSize("var(--lumo-icon-size-s)");
            Span verdict = new Span(icon, new Span(met ? "Target met" : "Target missed"));
            verdict.setId("kpi-" + key + "-verdict");
            verdict.getElement().getThemeList().add(met ? "badge success" : "badge error");
            tile.add(verdict);
            text += " · " + (met ? "Target met" : "Target missed");
        }
        tile.setId("kpi-" + key);
        tile.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)")
                .set("padding", "var(--lumo-space-m)").set("border", "1px solid var(--lumo-contrast-10pct)")
                .set("border-radius", "var(--lumo-border-radius-m)");
        add(tile);
        shown.put(key, text);
    }

    private static String target(BigDecimal target, String unit) {
        return target == null ? "No target set" : "Target " + target.stripTrailingZeros().toPlainString() + unit;
    }

    private static String number(long value) {
        return String.format(Locale.ENGLISH, "%,d", value);
    }

    private static String decimal(BigDecimal value, int scale) {
        return String.format(Locale.ENGLISH, "%,." + scale + "f", value.setScale(scale, RoundingMode.HALF_UP));
    }

    private static String minutes(BigDecimal seconds) {
        return seconds == null ? "-" : decimal(seconds.divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP), 1) + " min";
    }

    private static String percent(BigDecimal share) {
        return share == null ? "-" : decimal(share.multiply(BigDecimal.valueOf(100)), 2) + " %";
    }
}
