package io.tillbridge.connector.accounting;

import static io.tillbridge.connector.accounting.JournalDocumentTest.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesDocumentTest {

    @Test
    void a_sales_receipt_is_read_with_its_lines_and_total() {
        SalesDocument doc = SalesDocument.of(Map.of("date", "2026-11-03", "currency", "USD", "deposit_account", "1210",
                "lines", List.of(Map.of("account", "4000", "item", "7", "description", "Latte", "amount",
                        new BigDecimal("4.50"), "tax", new BigDecimal("0.40")))));
        assertThat(doc.depositAccount()).isEqualTo("1210");
        assertThat(doc.total()).isEqualByComparingTo("4.90");
    }

    @Test
    void a_refund_given_as_postings_gives_back_the_debits_from_the_credited_account() {
        SalesDocument doc = SalesDocument.of(Map.of("date", "2026-11-03", "currency", "USD", "refund_id", "R1",
                "lines", List.of(line("4900", "refunds:Coffee", "9.00", "0"), line("2200", "tax:refunded", "0.80", "0"),
                        line("1210", "tender:card", "0", "9.80"))));
        assertThat(doc.depositAccount()).isEqualTo("1210");
        assertThat(doc.lines()).extracting(SalesDocument.Line::account).containsExactly("4900", "2200");
        assertThat(doc.total()).isEqualByComparingTo("9.80");
    }

    @Test
    void a_refund_paid_back_to_two_accounts_is_refused_with_both_named() {
        assertThatThrownBy(() -> SalesDocument.of(Map.of("date", "2026-11-03", "currency", "USD", "lines", List.of(
                line("4900", "refunds:Coffee", "10.00", "0"), line("1210", "tender:card", "0", "6.00"),
                line("2300", "gift_card:redemptions", "0", "4.00")))))
                .isInstanceOf(InvalidDocumentException.class).hasMessageContaining("[1210, 2300]");
    }

    @Test
    void a_negative_amount_is_refused() {
        assertThatThrownBy(() -> SalesDocument.of(Map.of("date", "2026-11-03", "currency", "USD", "deposit_account",
                "1210", "lines", List.of(Map.of("account", "4000", "amount", "-1.00")))))
                .hasMessageContaining("must not be negative");
    }
}
