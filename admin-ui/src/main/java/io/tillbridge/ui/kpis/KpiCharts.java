package io.tillbridge.ui.kpis;

import io.tillbridge.kpis.KpiFigures;
import io.tillbridge.kpis.KpiReport;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Chart.js configurations of the dashboard's trend charts, as plain maps and lists (turned into
 * JSON for the browser): records synced with hours saved, and the error rate and completion time
 * with their targets as dashed lines. A bucket without a figure is a gap (null), not a zero.
 */
final class KpiCharts {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    private KpiCharts() {
    }

    /** Records synced (bars, left axis) and hours saved (line, right axis) per bucket. */
    static Map<String, Object> volume(KpiReport report) {
        List<Map<String, Object>> datasets = new ArrayList<>();
        datasets.add(dataset("bar", "Records synced", values(report, f -> BigDecimal.valueOf(f.recordsSynced())), "y",
                false));
        if (report.targets().manualMinutesPerRecord() != null) {
            datasets.add(dataset("line", "Hours saved", values(report, KpiFigures::hoursSaved), "y1", false));
        }
        Map<String, Object> scales = new LinkedHashMap<>();
        scales.put("y", axis("Records", "left"));
        scales.put("y1", axis("Hours", "right"));
        return config("bar", report, datasets, scales);
    }

    /** Error rate in percent and completion time at the 95th percentile in minutes, each with its target. */
    static Map<String, Object> quality(KpiReport report) {
        List<Map<String, Object>> datasets = new ArrayList<>();
        datasets.add(dataset("line", "Error rate (%)", values(report,
                f -> f.errorRate() == null ? null : f.errorRate().multiply(HUNDRED)), "y", false));
        BigDecimal targetRate = report.targets().targetErrorRate();
        if (targetRate != null) {
            datasets.add(dataset("line", "Target error rate (%)", values(report, f -> targetRate.multiply(HUNDRED)), "y",
                    true));
        }
        datasets.add(dataset("line", "Completion p95 (min)", values(report, f -> f.completionP95Seconds() == null ? null
                : f.completionP95Seconds().divide(SIXTY, 2, RoundingMode.HALF_UP)), "y1", false));
        BigDecimal targetMinutes = report.targets().targetCompletionMinutes();
        if (targetMinutes != null) {
            datasets.add(dataset("line", "Target completion (min)", values(report, f -> targetMinutes), "y1", true));
        }
        Map<String, Object> scales = new LinkedHashMap<>();
        scales.put("y", axis("Error rate (%)", "left"));
        scales.put("y1", axis("Minutes", "right"));
        return config("line", report, datasets, scales);
    }

    private static Map<String, Object> config(String type, KpiReport report, List<Map<String, Object>> datasets,
            Map<String, Object> scales) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", report.series().stream().map(f -> f.start().toString()).toList());
        data.put("datasets", datasets);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("animation", false);
        options.put("responsive", true);
        options.put("maintainAspectRatio", false);
        options.put("spanGaps", false);
        options.put("scales", scales);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", type);
        config.put("data", data);
        config.put("options", options);
        return config;
    }

    private static Map<String, Object> dataset(String type, String label, List<BigDecimal> values, String axis,
            boolean target) {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("type", type);
        dataset.put("label", label);
        dataset.put("data", values);
        dataset.put("yAxisID", axis);
        if (target) {
            dataset.put("borderDash", List.of(6, 4));
            dataset.put("pointRadius", 0);
        }
        return dataset;
    }

    private static Map<String, Object> axis(String title, String position) {
        Map<String, Object> axis = new LinkedHashMap<>();
        axis.put("position", position);
        axis.put("beginAtZero", true);
        axis.put("title", Map.of("display", true, "text", title));
        if (position.equals("right")) {
            axis.put("grid", Map.of("drawOnChartArea", false));
        }
        return axis;
    }

    private static List<BigDecimal> values(KpiReport report, Function<KpiFigures, BigDecimal> figure) {
        List<BigDecimal> values = new ArrayList<>(report.series().size());
        report.series().forEach(f -> values.add(figure.apply(f)));
        return values;
    }
}
