package io.tillbridge.connector.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalDocumentTest {

    static Map<String, Object> line(String account, String description, String debit, String credit) {
        return Map.of("account", account, "description", description, "debit", new BigDecimal(debit), "credit",
                new BigDecimal(credit));
    }

    static Map<String, Object> journal(String currency, List<Map<String, Object>> lines) {
        return Map.of("date", "2026-11-03", "currency", currency, "location_id", "L1", "lines", lines);
    }

    @Test
    void lines_of_one_account_and_description_are_netted_and_zero_lines_left_out() {
        JournalDocument doc = JournalDocument.of(journal("USD", List.of(
                line("1200", "tender:card", "110.00", "0"),
                line("4000", "sales:Food", "5.00", "100.00"),
                line("2200", "tax:NY 8.875%", "0", "15.00"),
                line("4100", "discount", "0", "0"))));
        assertThat(doc.lines()).extracting(JournalDocument.Line::account).containsExactly("1200", "4000", "2200");
        assertThat(doc.lines().get(1).credit()).isEqualByComparingTo("95.00");
        assertThat(doc.lines().get(1).isDebit()).isFalse();
        assertThat(doc.total()).isEqualByComparingTo("110.00");
        assertThat(doc.date()).isEqualTo(LocalDate.of(2026, 11, 3));
    }

    @Test
    void a_journal_that_does_not_balance_is_refused_with_the_difference() {
        assertThatThrownBy(() -> JournalDocument.of(journal("USD", List.of(
                line("1200", "tender:card", "110.00", "0"), line("4000", "sales", "0", "109.99")))))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("difference 0.01 USD");
    }

    @Test
    void an_amount_with_more_digits_than_the_currency_is_refused() {
        assertThatThrownBy(() -> JournalDocument.of(journal("JPY", List.of(
                line("1200", "tender:card", "100.5", "0"), line("4000", "sales", "0", "100.5")))))
                .hasMessageContaining("more digits than JPY");
    }

    @Test
    void a_line_without_an_account_names_the_line() {
        Map<String, Object> noAccount = new java.util.HashMap<>(line("x", "sales:Gifts", "0", "10.00"));
        noAccount.remove("account");
        assertThatThrownBy(() -> JournalDocument.of(journal("USD", List.of(line("1200", "tender", "10.00", "0"),
                noAccount)))).hasMessageStartingWith("line 2: 'account' is missing");
    }

    @Test
    void a_journal_whose_lines_all_net_to_zero_is_refused() {
        assertThatThrownBy(() -> JournalDocument.of(journal("USD", List.of(line("1200", "t", "1.00", "1.00")))))
                .hasMessageContaining("nothing to post");
    }

    @Test
    void to_data_reads_back_to_an_equal_journal() {
        JournalDocument doc = JournalDocument.of(journal("BHD", List.of(
                line("1200", "tender:card", "1.234", "0"), line("4000", "sales", "0", "1.234"))));
        assertThat(JournalDocument.of(doc.toData())).isEqualTo(doc);
    }
}
