package io.tillbridge.connector.warehouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void equal_data_in_another_map_order_hash_alike() {
        Map<String, Object> one = map("a", "x", "b", new BigDecimal("1.50"), "c", map("y", true, "z", List.of("q")));
        Map<String, Object> other = map("c", map("z", List.of("q"), "y", true), "b", new BigDecimal("1.50"), "a", "x");
        ContentHash hash = new ContentHash();

        assertThat(hash.of(one)).isEqualTo(hash.of(other)).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(new ContentHash().of(other)).isEqualTo(hash.of(one));
    }

    @Test
    void every_difference_of_value_kind_scale_or_nesting_changes_the_hash() {
        List<Map<String, Object>> variants = new ArrayList<>(List.of(
                map("a", "1"), map("a", new BigDecimal("1")), map("a", new BigDecimal("1.0")),
                map("a", new BigDecimal("1.00")), map("a", new BigDecimal("-1")), map("a", true), map("a", false),
                map("a", List.of("1")), map("a", map("1", null)), map("a", List.of()), map("a", map()),
                map("a", new BigDecimal("123456789012345678901234567890.5")),
                map("a", new BigDecimal("123456789012345678901234567890.50")),
                map("ab", ""), map("a", "b"), map("a", "", "b", ""), map("a", Arrays.asList("", null)),
                map("a", List.of("", "")), map("a", "é"), map("a", "e\u0301"), map("a", "🧾"), map("A", "1"),
                map()));
        variants.add(map("a", null));
        ContentHash hash = new ContentHash();
        Set<String> hashes = new HashSet<>();
        variants.forEach(v -> hashes.add(hash.of(v)));

        assertThat(hashes).hasSameSizeAs(variants);
    }

    @Test
    void the_reused_key_order_follows_a_change_of_keys() {
        ContentHash hash = new ContentHash();
        String first = hash.of(map("b", "1", "a", "2"));
        String swapped = hash.of(map("c", "1", "a", "2"));

        assertThat(swapped).isNotEqualTo(first).isEqualTo(new ContentHash().of(map("a", "2", "c", "1")));
        assertThat(hash.of(map("b", "1", "a", "2"))).isEqualTo(first);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
