package io.tillbridge.ui.integrations;

import io.tillbridge.ui.FlatValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Two versions of a mapping side by side, as a person reads them: one line per target field whose
 * rule was added, removed or changed (each rule in words: "source total_money.amount · type decimal"),
 * then the steps, value maps, rates and grouping where they differ. Equal parts are left out.
 */
final class MappingComparison {

    /** One difference; {@code before} or {@code after} is {@link #NONE} where the part is absent. */
    record Difference(String part, String change, String before, String after) {
    }

    static final String NONE = "—";
    static final String ADDED = "Added";
    static final String REMOVED = "Removed";
    static final String CHANGED = "Changed";
    /** The parts of a mapping besides its field rules, with the words a page shows for them. */
    private static final Map<String, String> SECTIONS = Map.of("steps", "Steps (flatten, filter)",
            "rates", "Currency rates", "aggregate", "Grouping");

    /** A rule's parts in the order they apply (as the mapping documents them), whatever order they were stored in. */
    private static final List<String> RULE_ORDER = List.of("source", "sources", "separator", "constant", "expression",
            "split", "default", "required", "trim", "case", "money", "dateTime", "businessDay", "valueMap", "type");

    private MappingComparison() {
    }

    /** What changed from {@code older} to {@code newer} (both mapping specs as stored). */
    static List<Difference> of(Map<String, Object> older, Map<String, Object> newer) {
        List<Difference> differences = new ArrayList<>();
        compare(rules(older), rules(newer), "Field ", differences);
        compare(named(older, "valueMaps"), named(newer, "valueMaps"), "Value map ", differences);
        for (String section : List.of("steps", "rates", "aggregate")) {
            Object before = empty(older.get(section)) ? null : older.get(section);
            Object after = empty(newer.get(section)) ? null : newer.get(section);
            add(SECTIONS.get(section), before, after, differences);
        }
        return differences;
    }

    /** A rule or any other part of a mapping in words: its leaves as "path value", joined with " · ". */
    static String words(Object part) {
        if (part == null) {
            return NONE;
        }
        if (!(part instanceof Map<?, ?> map)) {
            return part instanceof List<?> list ? words(Map.of("", list)) : String.valueOf(part);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) map;
        return FlatValues.of(tree).entrySet().stream()
                .map(e -> (e.getKey().isEmpty() ? "" : e.getKey().replaceFirst("^\\[", "step [") + " ") + e.getValue())
                .collect(Collectors.joining(" · "));
    }

    private static void compare(Map<String, Object> before, Map<String, Object> after, String prefix,
            List<Difference> differences) {
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            add(prefix + name, before.get(name), after.get(name), differences);
        }
    }

    private static void add(String part, Object before, Object after, List<Difference> differences) {
        if (Objects.equals(before, after)) {
            return;
        }
        String change = before == null ? ADDED : after == null ? REMOVED : CHANGED;
        differences.add(new Difference(part, change, words(before), words(after)));
    }

    /** The field rules by target field, each without its target. */
    private static Map<String, Object> rules(Map<String, Object> spec) {
        Map<String, Object> rules = new LinkedHashMap<>();
        if (spec.get("fields") instanceof List<?> fields) {
            for (Object field : fields) {
                if (field instanceof Map<?, ?> rule) {
                    Map<String, Object> rest = new LinkedHashMap<>();
                    RULE_ORDER.stream().filter(rule::containsKey).forEach(key -> rest.put(key, rule.get(key)));
                    rule.forEach((key, value) -> {
                        if (!"target".equals(key) && !RULE_ORDER.contains(String.valueOf(key))) {
                            rest.put(String.valueOf(key), value);
                        }
                    });
                    rules.put(String.valueOf(rule.get("target")), rest);
                }
            }
        }
        return rules;
    }

    private static Map<String, Object> named(Map<String, Object> spec, String section) {
        Map<String, Object> named = new LinkedHashMap<>();
        if (spec.get(section) instanceof Map<?, ?> map) {
            map.forEach((key, value) -> named.put(String.valueOf(key), value));
        }
        return named;
    }

    private static boolean empty(Object value) {
        return value == null || value instanceof Map<?, ?> map && map.isEmpty()
                || value instanceof List<?> list && list.isEmpty();
    }
}
