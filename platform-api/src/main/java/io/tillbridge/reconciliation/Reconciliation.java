package io.tillbridge.reconciliation;

import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A journal integration reconciled over a range of business days: one entry per day, location and
 * currency the POS has, ordered by day, location and currency.
 *
 * @param sourceRecords how many source records were read to compute the POS side
 * @param held journals of the range that the POS records make but that cannot post (a record that
 *     did not map, or debits unequal to credits); their days are in the error inbox, not here
 */
@Serdeable
public record Reconciliation(UUID integrationId, LocalDate from, LocalDate to, long sourceRecords, List<String> held,
        List<ReconciledDay> days) {

    public Reconciliation {
        held = List.copyOf(held);
        days = List.copyOf(days);
    }
}
