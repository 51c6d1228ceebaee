package io.tillbridge.connector.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an adjusting entry posts when a journal changes after it was posted (a late refund, a
 * corrected order): per account and description, the wanted journal minus everything posted for it
 * so far (the first posting and earlier adjustments). Posted journals are never edited, so a closed
 * period stays closed; the adjusting entry names the first posting in its memo.
 */
public final class Adjustments {

    private Adjustments() {
    }

    /**
     * The adjusting journal, or empty when what is posted already equals what is wanted.
     *
     * @param wanted the journal as it should stand now
     * @param posted the first posting and every adjustment of it, as the target holds them
     * @param date the adjusting entry's date (the target's period to post in)
     * @param memo its memo, naming the first posting
     */
    public static Optional<JournalDocument> difference(JournalDocument wanted, List<JournalDocument> posted,
            LocalDate date, String memo) {
        Map<List<String>, BigDecimal> nets = new LinkedHashMap<>(wanted.nets());
        for (JournalDocument doc : posted) {
            if (!doc.currency().equals(wanted.currency())) {
                throw new InvalidDocumentException("the posted journal is in " + doc.currency().getCurrencyCode()
                        + ", the corrected one in " + wanted.currency().getCurrencyCode());
            }
            doc.nets().forEach((k, v) -> nets.merge(k, v.negate(), BigDecimal::add));
        }
        if (nets.values().stream().allMatch(v -> v.signum() == 0)) {
            return Optional.empty();
        }
        return Optional.of(JournalDocument.fromNets(date, wanted.currency(), wanted.locationId(), memo, nets));
    }

    /** The net per account and description of several journals together. */
    public static Map<List<String>, BigDecimal> sum(List<JournalDocument> journals) {
        Map<List<String>, BigDecimal> nets = new LinkedHashMap<>();
        journals.forEach(j -> j.nets().forEach((k, v) -> nets.merge(k, v, BigDecimal::add)));
        return nets;
    }
}
