package io.tillbridge.reconciliation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One business day of one location and currency, reconciled.
 *
 * @param status matched, differing, missing or pending ({@link ReconciliationStatus#wire()})
 * @param documentNumber the number the target holds the day's journal under (adjustments add -A1, -A2, ...)
 * @param targetRef the target's id of the first posting, as the ledger has it; null when not posted
 * @param pos the POS totals by family (debits minus credits)
 * @param target what the target holds, by family; null when it holds nothing
 * @param differences the families whose amounts differ, when differing
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReconciledDay(
        LocalDate date,
        @Nullable String locationId,
        String currency,
        @Schema(allowableValues = {"matched", "differing", "missing", "pending"}) String status,
        String documentNumber,
        @Nullable String targetRef,
        Map<String, BigDecimal> pos,
        @Nullable Map<String, BigDecimal> target,
        List<Difference> differences) {

    /**
     * One family that differs.
     *
     * @param difference target minus POS
     */
    @Serdeable
    public record Difference(String family, BigDecimal pos, BigDecimal target, BigDecimal difference) {
    }

    public ReconciledDay {
        pos = pos == null ? Map.of() : new TreeMap<>(pos);
        target = target == null ? null : new TreeMap<>(target);
        differences = differences == null ? List.of() : List.copyOf(differences);
    }

    /** The status as its enum. */
    public ReconciliationStatus statusKind() {
        return ReconciliationStatus.valueOf(status.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * Compares a day's POS totals with what the target holds ({@code target} null: nothing). A day
     * that is not final is pending whatever the target holds; a final one is matched when every
     * family is equal to the cent (a family absent on one side counts as zero).
     */
    public static ReconciledDay compare(LocalDate date, String locationId, String currency, boolean isFinal,
            String documentNumber, String targetRef, Map<String, BigDecimal> pos, Map<String, BigDecimal> target) {
        List<Difference> differences = new ArrayList<>();
        ReconciliationStatus status;
        if (!isFinal) {
            status = ReconciliationStatus.PENDING;
        } else if (target == null) {
            status = ReconciliationStatus.MISSING;
        } else {
            TreeSet<String> families = new TreeSet<>(pos.keySet());
            families.addAll(target.keySet());
            for (String family : families) {
                BigDecimal p = pos.getOrDefault(family, BigDecimal.ZERO);
                BigDecimal t = target.getOrDefault(family, BigDecimal.ZERO);
                if (p.compareTo(t) != 0) {
                    differences.add(new Difference(family, p, t, t.subtract(p)));
                }
            }
            status = differences.isEmpty() ? ReconciliationStatus.MATCHED : ReconciliationStatus.DIFFERING;
        }
        return new ReconciledDay(date, locationId, currency, status.wire(), documentNumber,
                targetRef == null || targetRef.isEmpty() ? null : targetRef, pos, target, differences);
    }
}
