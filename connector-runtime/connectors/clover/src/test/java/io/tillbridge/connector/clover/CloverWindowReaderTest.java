package io.tillbridge.connector.clover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The read loop over in-memory lists that behave as Clover's may: capped pages, no order, no offset. */
class CloverWindowReaderTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** Records modified a second apart, some at the same millisecond. */
    private static List<JsonNode> records(int count) {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode node = CloverApi.JSON.createObjectNode();
            node.put("id", String.format("R%04d", i));
            node.put("modifiedTime", START.plusSeconds(i / 3).toEpochMilli());
            out.add(node);
        }
        return out;
    }

    /** A list source: filter, optional sort, offset, and a page of at most {@code cap}. */
    private static CloverWindowReader.Source source(List<JsonNode> all, int cap, boolean sorts, boolean offsets) {
        return new CloverWindowReader.Source() {
            @Override
            public List<JsonNode> fetch(Long from, int offset) {
                List<JsonNode> selected = new ArrayList<>(all.stream()
                        .filter(n -> n.path("modifiedTime").asLong() >= from).toList());
                if (sorts) {
                    selected.sort(Comparator.comparingLong(n -> n.path("modifiedTime").asLong()));
                }
                int first = offsets ? offset : 0;
                return first >= selected.size() ? List.of()
                        : selected.subList(first, Math.min(selected.size(), first + cap));
            }

            @Override
            public boolean timed() {
                return true;
            }
        };
    }

    private static CollectingSink read(CloverWindowReader.Source source) {
        CollectingSink sink = new CollectingSink();
        new CloverWindowReader("orders", source, Duration.ofMinutes(60), START.minusSeconds(1),
                n -> List.of(new SourceRecord("orders", n.path("id").asText(), n.path("modifiedTime").asText(),
                        Map.of()))).read(null, sink);
        return sink;
    }

    @Test
    void a_capped_list_is_read_to_its_empty_page() {
        List<JsonNode> all = records(95);
        CollectingSink sink = read(source(all, 7, true, true));
        assertThat(CloverReads.keys(sink.committed())).doesNotHaveDuplicates().hasSize(95);
    }

    @Test
    void a_list_out_of_order_is_read_by_offset_without_loss() {
        List<JsonNode> all = new ArrayList<>(records(60));
        java.util.Collections.reverse(all);
        CollectingSink sink = read(source(all, 10, false, true));
        assertThat(CloverReads.keys(sink.committed())).doesNotHaveDuplicates().hasSize(60);
    }

    @Test
    void a_list_that_ignores_the_offset_fails_instead_of_looping() {
        List<JsonNode> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ObjectNode node = CloverApi.JSON.createObjectNode();
            node.put("id", "S" + i);
            node.put("modifiedTime", START.toEpochMilli());
            all.add(node);
        }
        assertThatThrownBy(() -> read(source(all, 10, true, false))).isInstanceOf(ConnectorException.class)
                .hasMessageContaining("does not advance");
    }
}
