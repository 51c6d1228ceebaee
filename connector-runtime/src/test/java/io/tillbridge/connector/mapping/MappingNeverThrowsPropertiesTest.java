package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MappingNeverThrowsPropertiesTest {

    private static final CompiledMapping ORDER = Specs.compile(StepsTest.JOURNAL.replace("'aggregate'", "'_x'")
            .replaceAll(",'_x'.*$", "}"));
    private static final CompiledMapping FIELDS = Specs.compile("{'valueMaps': {'m': {'entries': {'A': 'a'}, 'unmapped': 'pass_through'}},"
            + "'steps': [{'flatten': {'path': 'line_items'}}, {'filter': 'has(item.sku) ? item.sku != \\'X\\' : true'}],"
            + "'fields': [{'target': 'id', 'source': 'id', 'required': true, 'trim': true, 'case': 'upper'},"
            + "{'target': 'q', 'source': 'item.quantity', 'type': 'integer', 'default': 1},"
            + "{'target': 'p', 'source': 'item.price.amount', 'money': {'from': 'minor', 'to': 'decimal', 'currencySource': 'item.price.currency'}},"
            + "{'target': 'd', 'source': 'created_at', 'businessDay': {'zone': 'Europe/Paris', 'closeOut': '05:00'}},"
            + "{'target': 'c', 'sources': ['a', 'b'], 'separator': '-'},"
            + "{'target': 'v', 'source': 'kind', 'valueMap': 'm', 'type': 'boolean'},"
            + "{'target': 'x', 'expression': 'size(record) + (has(item.n) ? int(item.n) : 0)'}]}");

    @Provide
    Arbitrary<Object> json() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.of("USD", "JPY", "XX", "2026-11-27T01:30:00Z", "3", "A", "X", "").map(s -> (Object) s),
                Arbitraries.bigDecimals().ofScale(3).between(new BigDecimal("-1e12"), new BigDecimal("1e12")).map(d -> (Object) d),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b),
                Arbitraries.just(null));
        return Arbitraries.recursive(() -> scalars, this::nest, 3);
    }

    private Arbitrary<Object> nest(Arbitrary<Object> inner) {
        Arbitrary<String> keys = Arbitraries.of("id", "line_items", "item", "quantity", "price", "amount", "currency",
                "created_at", "a", "b", "kind", "sku", "n", "tenders", "type", "total", "tax", "tip", "location_id");
        return Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) new java.util.ArrayList<>(l)),
                Arbitraries.maps(keys, inner).ofMaxSize(6).map(m -> (Object) new java.util.LinkedHashMap<>(m)));
    }

    @Property(tries = 1500)
    @SuppressWarnings("unchecked")
    void a_mapping_given_arbitrary_json_answers_outputs_or_field_errors_and_never_throws(@ForAll("json") Object json) {
        Map<String, Object> record = json instanceof Map ? (Map<String, Object>) json : Specs.map("id", json, "line_items", json);
        for (CompiledMapping mapping : List.of(ORDER, FIELDS)) {
            RecordOutcome outcome = mapping.map(record);
            assertThat(outcome.ok() ? outcome.errors() : outcome.outputs()).isEmpty();
            outcome.errors().forEach(e -> assertThat(e.message()).isNotBlank());
        }
    }
}
