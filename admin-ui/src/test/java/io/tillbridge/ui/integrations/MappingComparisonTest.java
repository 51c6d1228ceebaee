package io.tillbridge.ui.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingComparisonTest {

    @Test
    void rules_are_matched_by_target_field_and_only_differences_are_listed() {
        Map<String, Object> older = Map.of("fields", List.of(Map.of("target", "id", "source", "id"),
                Map.of("target", "total", "source", "total_money.amount")));
        Map<String, Object> newer = Map.of("fields", List.of(ordered("target", "total", "source",
                "total_money.amount", "money", ordered("from", "minor", "to", "decimal")), Map.of("target", "id", "source", "id")));

        assertThat(MappingComparison.of(older, newer)).containsExactly(new MappingComparison.Difference("Field total",
                MappingComparison.CHANGED, "source total_money.amount",
                "source total_money.amount · money.from minor · money.to decimal"));
    }

    @Test
    void a_rule_reads_in_the_order_its_parts_apply_whatever_order_it_was_stored_in() {
        Map<String, Object> older = Map.of("fields", List.of());
        Map<String, Object> newer = Map.of("fields", List.of(ordered("type", "decimal", "target", "total", "source", "amount")));

        assertThat(MappingComparison.of(older, newer)).extracting(MappingComparison.Difference::after)
                .containsExactly("source amount · type decimal");
    }

    @Test
    void value_maps_and_steps_are_compared_as_parts_of_their_own() {
        Map<String, Object> older = Map.of("fields", List.of(), "valueMaps", Map.of("tender", Map.of("entries",
                Map.of("CARD", "1200"))));
        Map<String, Object> newer = Map.of("fields", List.of(), "steps", List.of(Map.of("filter", "record.total > 0")));

        assertThat(MappingComparison.of(older, newer)).containsExactly(
                new MappingComparison.Difference("Value map tender", MappingComparison.REMOVED, "entries.CARD 1200",
                        MappingComparison.NONE),
                new MappingComparison.Difference("Steps (flatten, filter)", MappingComparison.ADDED, MappingComparison.NONE,
                        "step [0].filter record.total > 0"));
    }

    @Test
    void equal_versions_have_no_differences() {
        Map<String, Object> spec = Map.of("fields", List.of(Map.of("target", "id", "source", "id")));

        assertThat(MappingComparison.of(spec, Map.copyOf(spec))).isEmpty();
    }

    /** A map in the order of its keys and values as given, as a stored spec is read. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
