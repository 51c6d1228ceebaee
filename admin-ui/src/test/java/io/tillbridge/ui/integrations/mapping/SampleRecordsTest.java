package io.tillbridge.ui.integrations.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleRecordsTest {

    private static Map<String, Object> order(int n) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", "SKU-" + n);
        line.put("quantity", new BigDecimal("2"));
        line.put("price", new BigDecimal("12.50"));
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "order-" + n);
        order.put("total", new BigDecimal("1E+3"));
        order.put("open", n % 2 == 0);
        order.put("note", null);
        order.put("lines", new ArrayList<>(List.of(line)));
        return order;
    }

    @Test
    void records_come_back_equal_to_what_was_packed_with_numbers_at_their_scale() {
        List<Map<String, Object>> records = List.of(order(1), order(2), order(3));

        SampleRecords samples = SampleRecords.of(records);

        assertThat(samples.size()).isEqualTo(3);
        assertThat(samples.records()).isEqualTo(records);
        assertThat(((BigDecimal) samples.records().get(0).get("total")).scale()).isEqualTo(-3);
        @SuppressWarnings("unchecked")
        Map<String, Object> line = ((List<Map<String, Object>>) samples.records().get(1).get("lines")).get(0);
        assertThat(line.get("price")).isEqualTo(new BigDecimal("12.50"));
    }

    @Test
    void each_read_is_a_fresh_copy_that_a_caller_may_change() {
        SampleRecords samples = SampleRecords.of(List.of(order(1)));

        samples.records().get(0).put("id", "changed");

        assertThat(samples.records().get(0).get("id")).isEqualTo("order-1");
    }

    @Test
    void records_with_values_json_would_change_are_kept_as_they_are() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("count", 7); // an Integer comes back from JSON as a BigDecimal
        record.put("at", java.time.LocalDate.of(2026, 12, 7));

        SampleRecords samples = SampleRecords.of(List.of(record));

        assertThat(samples.records()).containsExactly(record);
        assertThat(samples.records().get(0).get("count")).isEqualTo(7);
    }

    @Test
    void no_records_is_empty() {
        assertThat(SampleRecords.of(List.of()).isEmpty()).isTrue();
    }
}
