package io.tillbridge.kpis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A {@link KpiReport} as CSV (RFC 4180, comma-separated, with a header): one row for the range's
 * totals ({@code row} = total), one per bucket ({@code row} = period) and one per location and
 * bucket ({@code row} = location, with the record figures only). The columns and their order are
 * stable ({@link #COLUMNS}); decimals are plain numbers with a dot (money to the cent), empty where
 * there is no figure; met / missed are {@code yes}, {@code no} or empty without a target.
 */
public final class KpiCsv {

    /** The header, in order. */
    public static final List<String> COLUMNS = List.of("row", "location", "period_start", "records_read",
            "records_synced", "records_failed", "runs_succeeded", "runs_failed", "cpu_millis", "errors_caught",
            "hours_saved", "money_saved", "currency", "cost_per_1000_records", "cost_currency",
            "completion_p50_seconds", "completion_p95_seconds", "uptime", "error_rate", "error_rate_meets_target",
            "completion_p50_meets_target", "completion_p95_meets_target");

    private KpiCsv() {
    }

    /** The report as CSV text. */
    public static String of(KpiReport report) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(COLUMNS.toArray(String[]::new)).get())) {
            printer.printRecord(figures("total", report, report.totals()));
            for (KpiFigures bucket : report.series()) {
                printer.printRecord(figures("period", report, bucket));
            }
            for (LocationKpis location : report.locations()) {
                for (LocationKpis.Bucket bucket : location.series()) {
                    List<Object> row = new ArrayList<>(COLUMNS.size());
                    row.add("location");
                    row.add(location.location());
                    row.add(bucket.start());
                    row.add("");
                    row.add(bucket.records());
                    for (int i = 0; i < 5; i++) {
                        row.add("");
                    }
                    row.add(decimal(bucket.hoursSaved()));
                    row.add(decimal(bucket.moneySaved()));
                    row.add(report.currency());
                    while (row.size() < COLUMNS.size()) {
                        row.add("");
                    }
                    printer.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static List<Object> figures(String kind, KpiReport report, KpiFigures f) {
        return List.of(kind, "", f.start() == null ? "" : f.start().toString(), f.recordsRead(), f.recordsSynced(),
                f.recordsFailed(), f.runsSucceeded(), f.runsFailed(), f.cpuMillis(), f.errorsCaught(),
                decimal(f.hoursSaved()), decimal(f.moneySaved()), report.currency(),
                decimal(f.costPerThousandRecords()), report.costCurrency(), decimal(f.completionP50Seconds()),
                decimal(f.completionP95Seconds()), decimal(f.uptime()), decimal(f.errorRate()),
                verdict(f.meetsTarget().errorRate()), verdict(f.meetsTarget().completionP50()),
                verdict(f.meetsTarget().completionP95()));
    }

    private static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String verdict(Boolean met) {
        return met == null ? "" : met ? "yes" : "no";
    }
}
