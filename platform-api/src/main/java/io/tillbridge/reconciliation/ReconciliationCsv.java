package io.tillbridge.reconciliation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A {@link Reconciliation} as CSV (RFC 4180, with a header): one row per business day, location
 * and currency. The columns and their order are stable ({@link #COLUMNS}); amounts are plain
 * numbers with a dot, debits minus credits; the POS and target columns hold each family as
 * {@code family=amount} separated by {@code ;}, {@code differences} as {@code family=target-minus-pos}.
 */
public final class ReconciliationCsv {

    /** The header, in order. */
    public static final List<String> COLUMNS = List.of("date", "location_id", "currency", "status",
            "document_number", "target_ref", "difference_total", "differences", "pos", "target");

    private ReconciliationCsv() {
    }

    /** The reconciliation as CSV text. */
    public static String of(Reconciliation reconciliation) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(COLUMNS.toArray(String[]::new)).get())) {
            for (ReconciledDay day : reconciliation.days()) {
                BigDecimal total = day.differences().stream().map(d -> d.difference().abs())
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                printer.printRecord(day.date(), nonNull(day.locationId()), day.currency(), day.status(),
                        day.documentNumber(), nonNull(day.targetRef()),
                        day.differences().isEmpty() ? "" : total.toPlainString(),
                        day.differences().stream().map(d -> d.family() + "=" + d.difference().toPlainString())
                                .collect(Collectors.joining(";")),
                        families(day.pos()), day.target() == null ? "" : families(day.target()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String families(Map<String, BigDecimal> amounts) {
        return amounts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().toPlainString())
                .collect(Collectors.joining(";"));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
