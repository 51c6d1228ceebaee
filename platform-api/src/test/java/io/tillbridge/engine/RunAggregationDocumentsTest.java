package io.tillbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.MappingCompiler;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An aggregating run whose mapping makes journal documents, final by the worker's clock. */
class RunAggregationDocumentsTest {

    private static final CompiledMapping JOURNAL = compile(("{'steps': [{'flatten': {'path': 'postings', 'as': 'p'}}],"
            + " 'valueMaps': {'accounts': {'entries': {'sales': '4000', 'cash': '1000'}}},"
            + " 'fields': [{'target': 'date', 'source': 'day'}, {'target': 'location_id', 'source': 'location'},"
            + " {'target': 'account', 'source': 'p.key', 'valueMap': 'accounts'},"
            + " {'target': 'debit', 'source': 'p.debit', 'type': 'decimal'}, {'target': 'credit', 'source': 'p.credit', 'type': 'decimal'},"
            + " {'target': 'ends', 'source': 'ends'}],"
            + " 'aggregate': {'groupBy': ['date', 'location_id', 'account'], 'sum': ['debit', 'credit'],"
            + " 'balance': {'by': ['date', 'location_id'], 'debit': 'debit', 'credit': 'credit'},"
            + " 'document': {'lines': 'lines'}, 'final': {'endsAt': 'ends', 'settle': 'PT2H', 'lateWindow': 'PT72H'}}}")
            .replace('\'', '"'));

    private static SourceRecord sale(String id, String day, String location, String key) {
        return new SourceRecord("pos.orders", id, null, Map.of("day", day, "location", location,
                "ends", day + "T09:00:00Z", "postings", List.of(
                        Map.of("key", key, "debit", BigDecimal.ZERO, "credit", new BigDecimal("5.00")),
                        Map.of("key", "cash", "debit", new BigDecimal("5.00"), "credit", BigDecimal.ZERO))));
    }

    private static RunAggregation run(String now) {
        return new RunAggregation(UUID.randomUUID(), 1, JOURNAL, 1_000, 64L << 20,
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    @Test
    void a_journal_document_is_written_once_keyed_by_its_journal_fields() {
        RunAggregation aggregation = run("2026-03-10T00:00:00Z");
        aggregation.add(List.of(sale("o1", "2026-03-02", "L1", "sales"), sale("o2", "2026-03-02", "L1", "sales"),
                sale("o3", "2026-03-02", "L2", "sales")));

        List<SourceRecord> written = aggregation.finish("pos.orders");

        assertThat(written).extracting(SourceRecord::key)
                .containsExactly("document/2026-03-02|L1", "document/2026-03-02|L2");
        assertThat(written.get(0).data()).containsOnlyKeys("date", "location_id", "lines");
        assertThat(aggregation.pending()).isZero();
    }

    @Test
    void days_not_final_by_the_workers_clock_are_left_for_a_later_run_and_counted() {
        RunAggregation aggregation = run("2026-03-06T10:59:59Z");
        aggregation.add(List.of(sale("o1", "2026-03-02", "L1", "sales"), sale("o2", "2026-03-03", "L1", "sales")));

        List<SourceRecord> written = aggregation.finish("pos.orders");

        // The 2nd ends 2026-03-02T09:00Z: final 74 hours later, at 2026-03-05T11:00Z; the 3rd a day later.
        assertThat(written).extracting(SourceRecord::key).containsExactly("document/2026-03-02|L1");
        assertThat(aggregation.pending()).isEqualTo(1);
    }

    @Test
    void a_day_with_an_unmapped_account_is_held_with_its_record_while_other_days_are_written() {
        RunAggregation aggregation = run("2026-03-10T00:00:00Z");
        SourceRecord unmapped = sale("o2", "2026-03-03", "L1", "gift_card:sales");
        aggregation.add(List.of(sale("o1", "2026-03-02", "L1", "sales"), unmapped, sale("o3", "2026-03-03", "L1", "sales")));

        List<SourceRecord> written = aggregation.finish("pos.orders");

        assertThat(written).extracting(SourceRecord::key).contains("document/2026-03-02|L1", "o2")
                .doesNotContain("document/2026-03-03|L1");
        SourceRecord journal = written.stream().filter(r -> r.key().startsWith("unbalanced-journal/")).findFirst()
                .orElseThrow();
        assertThat(aggregation.mapper().map(journal).failures()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("2026-03-03").contains("is held")
                        .contains("credits 5.00"));
        assertThat(aggregation.mapper().map(unmapped).failures()).singleElement()
                .satisfies(f -> assertThat(f.value()).isEqualTo("gift_card:sales"));
    }

    private static CompiledMapping compile(String json) {
        MappingCompiler.Compilation compilation = MappingCompiler.compile(MappingSpecJson.read(json).spec());
        assertThat(compilation.errors()).isEmpty();
        return compilation.mapping();
    }
}
