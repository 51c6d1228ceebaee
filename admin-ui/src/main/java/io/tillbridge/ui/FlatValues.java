package io.tillbridge.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON-like tree (maps, lists, values) as one line per leaf, keyed by its path
 * ({@code lines[2].price}), in the tree's order, for pages that show records and changes.
 */
public final class FlatValues {

    private FlatValues() {
    }

    /** The leaves of {@code tree} by path; empty maps and lists are leaves too. */
    public static Map<String, Object> of(Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        if (tree != null) {
            add("", tree, flat);
        }
        return flat;
    }

    private static void add(String path, Object value, Map<String, Object> flat) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((key, child) -> add(path.isEmpty() ? String.valueOf(key) : path + "." + key, child, flat));
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            for (int i = 0; i < list.size(); i++) {
                add(path + "[" + i + "]", list.get(i), flat);
            }
        } else {
            flat.put(path, value);
        }
    }
}
