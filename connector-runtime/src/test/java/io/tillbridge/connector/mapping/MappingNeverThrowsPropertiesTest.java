package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Random;
import org.junit.jupiter.api.Test;

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

    private static final List<String> KEYS = List.of("id", "line_items", "item", "quantity", "price", "amount",
            "currency", "created_at", "a", "b", "kind", "sku", "n", "tenders", "type", "total", "tax", "tip",
            "location_id");
    private static final List<String> KNOWN_STRINGS = List.of("USD", "JPY", "XX", "2026-11-27T01:30:00Z", "3", "A", "X", "");

    /** Arbitrary JSON as a source hands it over: maps, lists, strings, decimals, booleans and nulls. */
    static Object json(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 7 : 5);
        switch (kind) {
            case 0:
                return string(random);
            case 1:
                return KNOWN_STRINGS.get(random.nextInt(KNOWN_STRINGS.size()));
            case 2:
                // Scale 3, within +-1e12.
                return BigDecimal.valueOf(random.nextLong() % 1_000_000_000_000_000L, 3);
            case 3:
                return random.nextBoolean();
            case 4:
                return null;
            case 5: {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    list.add(json(random, depth - 1));
                }
                return list;
            }
            default: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = random.nextInt(7); i > 0; i--) {
                    map.put(KEYS.get(random.nextInt(KEYS.size())), json(random, depth - 1));
                }
                return map;
            }
        }
    }

    /** Up to 12 characters, mostly printable, sometimes any code point of the basic plane. */
    private static String string(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(13); i > 0; i--) {
            text.append(random.nextInt(4) == 0 ? (char) random.nextInt(0xD800) : (char) (' ' + random.nextInt(95)));
        }
        return text.toString();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_mapping_given_arbitrary_json_answers_outputs_or_field_errors_and_never_throws() {
        PropertyRuns.forAll(1500, random -> json(random, 3), json -> {
            Map<String, Object> record = json instanceof Map ? (Map<String, Object>) json : Specs.map("id", json, "line_items", json);
            for (CompiledMapping mapping : List.of(ORDER, FIELDS)) {
                RecordOutcome outcome = mapping.map(record);
                assertThat(outcome.ok() ? outcome.errors() : outcome.outputs()).isEmpty();
                outcome.errors().forEach(e -> assertThat(e.message()).isNotBlank());
            }
        });
    }
}
