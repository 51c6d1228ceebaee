package io.tillbridge.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.problems.ProblemException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-01");

    private static Map<String, Object> line(String description, String debit, String credit) {
        return Map.of("account", "1", "description", description, "debit", new BigDecimal(debit), "credit",
                new BigDecimal(credit));
    }

    @Test
    void descriptions_fall_into_their_posting_families() {
        assertThat(PostingFamilies.of("sales:Coffee")).isEqualTo("sales");
        assertThat(PostingFamilies.of("service_charges:Delivery")).isEqualTo("sales");
        assertThat(PostingFamilies.of("tax:Sales tax 8.875%")).isEqualTo("tax");
        assertThat(PostingFamilies.of("tender:card")).isEqualTo("tender:card");
        assertThat(PostingFamilies.of("tender:" + "x".repeat(60))).isEqualTo("tender:other");
        assertThat(PostingFamilies.of("gift_card:sales")).isEqualTo("gift_cards");
        assertThat(PostingFamilies.of("fees:card")).isEqualTo("fees");
        assertThat(PostingFamilies.of("refunds:Coffee")).isEqualTo("refunds");
        assertThat(PostingFamilies.of("tips")).isEqualTo("tips");
        assertThat(PostingFamilies.of("discounts")).isEqualTo("discounts");
        assertThat(PostingFamilies.of("something else")).isEqualTo("other");
    }

    @Test
    void a_journal_sums_debits_minus_credits_by_family_exactly() {
        Map<String, BigDecimal> sums = PostingFamilies.summarise(Map.of("lines", List.of(
                line("sales:Coffee", "0", "10.10"), line("sales:Tea", "0", "0.20"), line("tax:A 8%", "0", "0.83"),
                line("tender:card", "11.13", "0"))));
        assertThat(sums).containsOnlyKeys("sales", "tax", "tender:card");
        assertThat(sums.get("sales")).isEqualByComparingTo("-10.30");
        assertThat(sums.get("tax")).isEqualByComparingTo("-0.83");
        assertThat(sums.get("tender:card")).isEqualByComparingTo("11.13");
    }

    @Test
    void equal_families_to_the_cent_match_whatever_their_scale() {
        ReconciledDay day = ReconciledDay.compare(DAY, "L1", "USD", true, "TB1", "7",
                Map.of("sales", new BigDecimal("-10.30")), Map.of("sales", new BigDecimal("-10.3")));
        assertThat(day.status()).isEqualTo("matched");
        assertThat(day.differences()).isEmpty();
    }

    @Test
    void a_family_that_differs_names_its_amounts_and_the_difference() {
        ReconciledDay day = ReconciledDay.compare(DAY, "L1", "USD", true, "TB1", "7",
                Map.of("tax", new BigDecimal("-0.83"), "tips", new BigDecimal("-2.00")),
                Map.of("tax", new BigDecimal("-0.82")));
        assertThat(day.status()).isEqualTo("differing");
        assertThat(day.differences()).containsExactly(
                new ReconciledDay.Difference("tax", new BigDecimal("-0.83"), new BigDecimal("-0.82"),
                        new BigDecimal("0.01")),
                new ReconciledDay.Difference("tips", new BigDecimal("-2.00"), BigDecimal.ZERO, new BigDecimal("2.00")));
    }

    @Test
    void a_final_day_the_target_does_not_hold_is_missing_and_a_day_not_final_is_pending() {
        assertThat(ReconciledDay.compare(DAY, "L1", "USD", true, "TB1", null, Map.of("sales", BigDecimal.TEN), null)
                .status()).isEqualTo("missing");
        assertThat(ReconciledDay.compare(DAY, "L1", "USD", false, "TB1", null, Map.of("sales", BigDecimal.TEN), null)
                .status()).isEqualTo("pending");
    }

    @Test
    void a_range_over_92_days_is_refused_naming_to() {
        assertThatThrownBy(() -> ReconciliationQuery.parse("2026-01-01", "2026-04-03", DAY))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).startsWith("to ")
                        .contains("93 days"));
        assertThat(ReconciliationQuery.parse("2026-01-01", "2026-04-02", DAY).to()).isEqualTo("2026-04-02");
    }

    @Test
    void a_date_of_the_wrong_form_is_refused_naming_its_field() {
        assertThatThrownBy(() -> ReconciliationQuery.parse("01/11/2026", null, DAY))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).startsWith("from "));
    }

    @Test
    void the_csv_has_a_stable_header_and_one_row_per_day_and_location() {
        Reconciliation r = new Reconciliation(UUID.randomUUID(), DAY, DAY, 3, List.of(), List.of(
                ReconciledDay.compare(DAY, "L1", "USD", true, "TB1", "7", Map.of("tax", new BigDecimal("-0.83")),
                        Map.of("tax", new BigDecimal("-0.82"))),
                ReconciledDay.compare(DAY, "L2", "USD", true, "TB2", null, Map.of("tax", BigDecimal.ONE), null)));
        String[] rows = ReconciliationCsv.of(r).split("\r\n");
        assertThat(rows).containsExactly(String.join(",", ReconciliationCsv.COLUMNS),
                "2026-11-01,L1,USD,differing,TB1,7,0.01,tax=0.01,tax=-0.83,tax=-0.82",
                "2026-11-01,L2,USD,missing,TB2,,,,tax=1,");
    }
}
