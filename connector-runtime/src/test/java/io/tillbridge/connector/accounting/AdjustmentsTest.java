package io.tillbridge.connector.accounting;

import static io.tillbridge.connector.accounting.JournalDocumentTest.journal;
import static io.tillbridge.connector.accounting.JournalDocumentTest.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdjustmentsTest {

    final JournalDocument first = JournalDocument.of(journal("USD", List.of(
            line("1200", "tender:card", "110.00", "0"), line("4000", "sales", "0", "100.00"),
            line("2200", "tax", "0", "10.00"))));

    @Test
    void a_late_refund_is_posted_as_the_difference_only() {
        JournalDocument wanted = JournalDocument.of(journal("USD", List.of(
                line("1200", "tender:card", "88.00", "0"), line("4000", "sales", "0", "80.00"),
                line("2200", "tax", "0", "8.00"))));
        JournalDocument adj = Adjustments.difference(wanted, List.of(first), LocalDate.of(2026, 11, 9), "adjusts TB1")
                .orElseThrow();
        assertThat(adj.lines()).extracting(l -> l.account() + " " + l.net().toPlainString())
                .containsExactly("1200 -22.00", "4000 20.00", "2200 2.00");
        assertThat(adj.date()).isEqualTo(LocalDate.of(2026, 11, 9));
        assertThat(Adjustments.sum(List.of(first, adj))).isEqualTo(wanted.nets());
    }

    @Test
    void nothing_is_adjusted_when_the_postings_already_sum_to_the_wanted_journal() {
        assertThat(Adjustments.difference(first, List.of(first), LocalDate.of(2026, 11, 9), "m")).isEmpty();
    }

    @Test
    void an_account_moved_by_a_changed_account_map_is_moved_by_the_adjustment() {
        JournalDocument wanted = JournalDocument.of(journal("USD", List.of(
                line("1200", "tender:card", "110.00", "0"), line("4010", "sales", "0", "100.00"),
                line("2200", "tax", "0", "10.00"))));
        JournalDocument adj = Adjustments.difference(wanted, List.of(first), LocalDate.of(2026, 11, 9), "m")
                .orElseThrow();
        assertThat(adj.lines()).extracting(l -> l.account() + " " + l.net().toPlainString())
                .containsExactly("4010 -100.00", "4000 100.00");
    }
}
