package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Aggregation#journals()} and {@link CompiledMapping#rows(Map)}: every journal as it stands,
 * final or not, held or not, for a preview of what would be posted, without changing what
 * {@link Aggregation#finish} outputs.
 */
class AggregationJournalsTest {

    private static final String SPEC = ("{'fields': [{'target': 'date', 'source': 'day'},"
            + " {'target': 'account', 'source': 'a', 'valueMap': 'accounts'}, {'target': 'description', 'source': 'a'},"
            + " {'target': 'debit', 'source': 'd', 'type': 'decimal'}, {'target': 'credit', 'source': 'c', 'type': 'decimal'},"
            + " {'target': 'ends', 'source': 'e'}],"
            + " 'valueMaps': {'accounts': {'entries': {'sales': '4000', 'cash': '1220'}, 'unmapped': 'hold'}},"
            + " 'aggregate': {'groupBy': ['date', 'account', 'description'], 'sum': ['debit', 'credit'],"
            + " 'balance': {'by': ['date'], 'debit': 'debit', 'credit': 'credit'}, 'document': {'lines': 'lines'},"
            + " 'final': {'endsAt': 'ends', 'settle': 'PT2H', 'lateWindow': 'PT1H'}}}").replace('\'', '"');

    private static final String ENDS = "2026-03-02T09:00:00Z";

    private static CompiledMapping mapping() {
        MappingSpecJson.Parsed parsed = MappingSpecJson.read(SPEC);
        assertThat(parsed.errors()).isEmpty();
        MappingCompiler.Compilation compilation = MappingCompiler.compile(parsed.spec());
        assertThat(compilation.errors()).isEmpty();
        return compilation.mapping();
    }

    private static Map<String, Object> row(String account, String debit, String credit) {
        return Map.of("day", "2026-03-01", "a", account, "d", new BigDecimal(debit), "c", new BigDecimal(credit), "e", ENDS);
    }

    private static Aggregation aggregated(CompiledMapping mapping, List<Map<String, Object>> records) {
        Aggregation aggregation = mapping.newAggregation();
        for (Map<String, Object> record : records) {
            RecordOutcome outcome = mapping.map(record);
            if (outcome.ok()) {
                assertThat(aggregation.add(outcome.outputs())).isEmpty();
            } else {
                aggregation.hold(record);
            }
        }
        return aggregation;
    }

    @Test
    void a_journal_not_final_yet_shows_its_lines_totals_and_when_it_is_final() {
        Aggregation aggregation = aggregated(mapping(), List.of(row("sales", "0", "5.00"), row("cash", "5.00", "0")));

        assertThat(aggregation.journals()).singleElement().satisfies(j -> {
            assertThat(j.keys()).containsEntry("date", "2026-03-01");
            assertThat(j.lines()).extracting(l -> l.get("account")).containsExactly("4000", "1220");
            assertThat(j.debits()).isEqualByComparingTo("5.00");
            assertThat(j.credits()).isEqualByComparingTo("5.00");
            assertThat(j.finalAt()).isEqualTo(Instant.parse("2026-03-02T12:00:00Z"));
            assertThat(j.heldRecords()).isZero();
        });
        assertThat(aggregation.finish(Instant.parse("2026-03-02T11:59:59Z")).pending()).isEqualTo(1);
    }

    @Test
    void a_held_journal_shows_the_lines_that_mapped_and_what_the_held_rows_carry() {
        Aggregation aggregation = aggregated(mapping(), List.of(row("sales", "0", "5.00"), row("tips", "0", "1.25")));

        assertThat(aggregation.journals()).singleElement().satisfies(j -> {
            assertThat(j.lines()).hasSize(1);
            assertThat(j.heldRecords()).isEqualTo(1);
            assertThat(j.heldCredits()).isEqualByComparingTo("1.25");
            assertThat(j.heldDebits()).isEqualByComparingTo("0");
        });
        Aggregation.Result result = aggregation.finish(Instant.parse("2026-06-01T00:00:00Z"));
        assertThat(result.outputs()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("is held"));
    }

    @Test
    void the_rows_of_a_record_that_did_not_map_name_the_value_and_keep_the_fields_that_did() {
        List<CompiledMapping.PartialRow> rows = mapping().rows(row("tips", "0", "1.25"));

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.errors()).singleElement().satisfies(e -> {
                assertThat(e.path()).isEqualTo("account");
                assertThat(e.value()).isEqualTo("tips");
                assertThat(e.category()).isEqualTo(FieldError.Category.UNMAPPED_VALUE);
            });
            assertThat(r.mapped()).containsEntry("date", "2026-03-01").doesNotContainKey("account");
            assertThat((BigDecimal) r.mapped().get("credit")).isEqualByComparingTo("1.25");
        });
    }
}
