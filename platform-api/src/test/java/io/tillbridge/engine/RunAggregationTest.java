package io.tillbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.MappingCompiler;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The memory cap of an aggregating run (DD-018): groups and estimated bytes. */
class RunAggregationTest {

    private static final CompiledMapping BY_LOCATION = compile("{\"fields\": ["
            + "{\"target\": \"location\", \"source\": \"location\"}, {\"target\": \"total\", \"source\": \"total\"}],"
            + "\"aggregate\": {\"groupBy\": [\"location\"], \"sum\": [\"total\"]}}");

    @Test
    void an_aggregation_with_more_groups_than_allowed_stops_with_a_clear_message() {
        RunAggregation aggregation = new RunAggregation(UUID.randomUUID(), 1, BY_LOCATION, 5, 64L << 20);
        aggregation.add(records(0, 5));
        assertThatThrownBy(() -> aggregation.add(records(5, 1))).isInstanceOf(RunAggregation.TooLarge.class)
                .hasMessageContaining("more than 5 groups").hasMessageContaining("tillbridge.runs.aggregation.max-groups");
    }

    @Test
    void an_aggregation_holding_more_bytes_than_allowed_stops_with_a_clear_message() {
        RunAggregation aggregation = new RunAggregation(UUID.randomUUID(), 1, BY_LOCATION, 1_000_000, 1L << 20);
        List<SourceRecord> wide = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // Each location name is 20 KB: a hundred groups hold some 2 MB.
            wide.add(record(i, "L".repeat(20_000) + i));
        }
        assertThatThrownBy(() -> aggregation.add(wide)).isInstanceOf(RunAggregation.TooLarge.class)
                .hasMessageContaining("more than 1 MiB").hasMessageContaining("tillbridge.runs.aggregation.max-bytes");
    }

    @Test
    void records_held_for_failing_to_map_count_towards_the_bytes() {
        RunAggregation aggregation = new RunAggregation(UUID.randomUUID(), 1, BY_LOCATION, 1_000_000, 1L << 20);
        List<SourceRecord> failing = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // Not a number: held with its error, with a 20 KB note.
            failing.add(new SourceRecord("orders", "bad-" + i, null, Map.of("location", "one", "total", "n/a",
                    "note", "x".repeat(20_000))));
        }
        assertThatThrownBy(() -> aggregation.add(failing)).isInstanceOf(RunAggregation.TooLarge.class);
    }

    @Test
    void an_aggregation_within_its_limits_groups_as_before() {
        RunAggregation aggregation = new RunAggregation(UUID.randomUUID(), 1, BY_LOCATION, 5, 64L << 20);
        aggregation.add(records(0, 5));
        aggregation.add(records(0, 5));
        assertThat(aggregation.finish("orders")).hasSize(5)
                .allSatisfy(r -> assertThat(r.data().get("total")).isEqualTo(new BigDecimal("2")));
    }

    @Test
    void a_record_its_source_read_only_in_part_joins_no_group_and_is_held_as_a_value_error() {
        RunAggregation aggregation = new RunAggregation(UUID.randomUUID(), 1, BY_LOCATION, 5, 64L << 20);
        aggregation.add(records(0, 2));
        SourceRecord partial = new SourceRecord("orders", "line-9", null, Map.of("location", "loc-0",
                "total", BigDecimal.TEN, SourceRecord.PROBLEMS, List.of(Map.of("field", "total",
                        "message", "line 9: 'ten' is not a number", "value", "ten"))));
        aggregation.add(List.of(partial));

        List<SourceRecord> written = aggregation.finish("orders");
        assertThat(written).extracting(SourceRecord::key).contains("line-9");
        assertThat(written).filteredOn(r -> "loc-0".equals(r.data().get("location")) && r.key().startsWith("group/"))
                .singleElement().satisfies(g -> assertThat(g.data().get("total")).isEqualTo(BigDecimal.ONE));
        RecordMapper.Result held = aggregation.mapper().map(partial);
        assertThat(held.outputs()).isEmpty();
        assertThat(held.failures()).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(io.tillbridge.errors.ErrorCategory.VALUE);
            assertThat(f.fieldPath()).isEqualTo("total");
            assertThat(f.message()).isEqualTo("line 9: 'ten' is not a number");
            assertThat(f.value()).isEqualTo("ten");
        });
    }

    private static List<SourceRecord> records(int first, int count) {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            records.add(record(i, "loc-" + i));
        }
        return records;
    }

    private static SourceRecord record(int i, String location) {
        return new SourceRecord("orders", "o-" + i + "-" + UUID.randomUUID(), null,
                Map.of("location", location, "total", BigDecimal.ONE));
    }

    private static CompiledMapping compile(String json) {
        MappingCompiler.Compilation compilation = MappingCompiler.compile(MappingSpecJson.read(json).spec());
        assertThat(compilation.errors()).isEmpty();
        return compilation.mapping();
    }
}
