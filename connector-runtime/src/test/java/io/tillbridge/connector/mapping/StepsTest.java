package io.tillbridge.connector.mapping;

import static io.tillbridge.connector.mapping.Specs.compile;
import static io.tillbridge.connector.mapping.Specs.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepsTest {

    @Test
    void flatten_makes_one_row_per_line_item_carrying_the_order_fields() {
        CompiledMapping m = compile("{'steps': [{'flatten': {'path': 'line_items', 'as': 'item'}}],"
                + "'fields': [{'target': 'order', 'source': 'id'}, {'target': 'sku', 'source': 'item.sku'}]}");
        RecordOutcome outcome = m.map(record("{'id': 'o1', 'line_items': [{'sku': 'A'}, {'sku': 'B'}]}"));
        assertThat(outcome.outputs()).containsExactly(Map.of("order", "o1", "sku", "A"), Map.of("order", "o1", "sku", "B"));
    }

    @Test
    void an_error_in_a_flattened_row_names_the_row_and_holds_the_whole_record() {
        CompiledMapping m = compile("{'steps': [{'flatten': {'path': 'line_items'}}],"
                + "'fields': [{'target': 'qty', 'source': 'item.quantity', 'type': 'integer'}]}");
        RecordOutcome outcome = m.map(record("{'line_items': [{'quantity': '1'}, {'quantity': 'two'}]}"));
        assertThat(outcome.outputs()).isEmpty();
        assertThat(outcome.errors()).singleElement().satisfies(e -> assertThat(e.message()).startsWith("item[1]"));
    }

    @Test
    void filter_drops_rows_that_do_not_match() {
        CompiledMapping m = compile("{'steps': [{'filter': 'record.state == \\'COMPLETED\\''}],"
                + "'fields': [{'target': 'id', 'source': 'id'}]}");
        assertThat(m.map(record("{'id': 'a', 'state': 'COMPLETED'}")).outputs()).hasSize(1);
        RecordOutcome dropped = m.map(record("{'id': 'b', 'state': 'OPEN'}"));
        assertThat(dropped.ok()).isTrue();
        assertThat(dropped.outputs()).isEmpty();
    }

    @Test
    void a_filter_after_a_flatten_sees_the_element() {
        CompiledMapping m = compile("{'steps': [{'flatten': {'path': 'line_items', 'as': 'li'}}, {'filter': 'li.sku != \\'TIP\\''}],"
                + "'fields': [{'target': 'sku', 'source': 'li.sku'}]}");
        assertThat(m.map(record("{'line_items': [{'sku': 'A'}, {'sku': 'TIP'}]}")).outputs()).containsExactly(Map.of("sku", "A"));
    }

    /** Many orders into one daily journal per location: a debit per tender, credits for sales, tax and tips. */
    static final String JOURNAL = "{'steps': [{'flatten': {'as': 'entry', 'expression':"
            + " 'record.tenders.map(t, {\\'side\\': \\'debit\\', \\'account\\': t.type, \\'amount\\': t.amount})"
            + " + [{\\'side\\': \\'credit\\', \\'account\\': \\'SALES\\', \\'amount\\': record.total - record.tax - record.tip},"
            + "    {\\'side\\': \\'credit\\', \\'account\\': \\'TAX\\', \\'amount\\': record.tax},"
            + "    {\\'side\\': \\'credit\\', \\'account\\': \\'TIPS\\', \\'amount\\': record.tip}]'}}],"
            + "'valueMaps': {'ledger': {'entries': {'CARD': '1200', 'CASH': '1000', 'SALES': '4000', 'TAX': '2200', 'TIPS': '2300'}}},"
            + "'fields': ["
            + " {'target': 'business_day', 'source': 'created_at', 'businessDay': {'zone': 'America/New_York', 'closeOut': '04:00'}},"
            + " {'target': 'location', 'source': 'location_id'},"
            + " {'target': 'account', 'source': 'entry.account', 'valueMap': 'ledger'},"
            + " {'target': 'debit', 'expression': 'entry.side == \\'debit\\' ? entry.amount : 0', 'money': {'from': 'minor', 'to': 'decimal', 'currency': 'USD'}},"
            + " {'target': 'credit', 'expression': 'entry.side == \\'credit\\' ? entry.amount : 0', 'money': {'from': 'minor', 'to': 'decimal', 'currency': 'USD'}}],"
            + "'aggregate': {'groupBy': ['business_day', 'location', 'account'], 'sum': ['debit', 'credit'], 'count': 'lines',"
            + " 'balance': {'by': ['business_day', 'location'], 'debit': 'debit', 'credit': 'credit'}}}";

    @Test
    void aggregate_sums_orders_into_a_balanced_daily_journal_per_location() {
        CompiledMapping m = compile(JOURNAL);
        MappingPreview preview = m.preview(List.of(
                record("{'location_id': 'L1', 'created_at': '2026-11-27T15:00:00Z', 'total': 1100, 'tax': 80, 'tip': 20, 'tenders': [{'type': 'CARD', 'amount': 1100}]}"),
                record("{'location_id': 'L1', 'created_at': '2026-11-28T06:00:00Z', 'total': 500, 'tax': 40, 'tip': 0, 'tenders': [{'type': 'CASH', 'amount': 200}, {'type': 'CARD', 'amount': 300}]}"),
                record("{'location_id': 'L2', 'created_at': '2026-11-27T15:00:00Z', 'total': 300, 'tax': 20, 'tip': 0, 'tenders': [{'type': 'CASH', 'amount': 300}]}")));
        assertThat(preview.aggregateErrors()).isEmpty();
        // The second order (01:00 in New York) belongs to the 27th's business day as well.
        assertThat(preview.aggregated()).filteredOn(r -> r.get("location").equals("L1") && r.get("account").equals("1200"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("business_day")).isEqualTo("2026-11-27");
                    assertThat(r.get("debit")).isEqualTo(new BigDecimal("14.00"));
                    assertThat(r.get("lines")).isEqualTo(BigDecimal.valueOf(2));
                });
        assertThat(preview.aggregated()).filteredOn(r -> r.get("location").equals("L1") && r.get("account").equals("4000"))
                .singleElement().satisfies(r -> assertThat(r.get("credit")).isEqualTo(new BigDecimal("14.60")));
        BigDecimal debits = preview.aggregated().stream().map(r -> (BigDecimal) r.get("debit")).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credits = preview.aggregated().stream().map(r -> (BigDecimal) r.get("credit")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(debits).isEqualByComparingTo(credits).isEqualByComparingTo("19.00");
    }

    @Test
    void a_journal_whose_debits_and_credits_differ_is_held_and_reported() {
        CompiledMapping m = compile(JOURNAL);
        MappingPreview preview = m.preview(List.of(
                // tenders pay 10.00 but the order totals 11.00
                record("{'location_id': 'L1', 'created_at': '2026-11-27T15:00:00Z', 'total': 1100, 'tax': 80, 'tip': 0, 'tenders': [{'type': 'CARD', 'amount': 1000}]}"),
                record("{'location_id': 'L2', 'created_at': '2026-11-27T15:00:00Z', 'total': 300, 'tax': 20, 'tip': 0, 'tenders': [{'type': 'CASH', 'amount': 300}]}")));
        assertThat(preview.aggregateErrors()).singleElement().satisfies(e -> {
            assertThat(e.message()).contains("L1").contains("difference -1.00");
            assertThat(e.path()).isEqualTo("debit");
        });
        assertThat(preview.aggregated()).allSatisfy(r -> assertThat(r.get("location")).isEqualTo("L2"));
    }

    @Test
    void a_new_payment_method_holds_its_order_instead_of_vanishing() {
        MappingPreview preview = compile(JOURNAL).preview(List.of(
                record("{'location_id': 'L1', 'created_at': '2026-11-27T15:00:00Z', 'total': 100, 'tax': 0, 'tip': 0, 'tenders': [{'type': 'CRYPTO', 'amount': 100}]}")));
        assertThat(preview.records().get(0).errors()).singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo("CRYPTO"));
        assertThat(preview.aggregated()).isEmpty();
    }
}
