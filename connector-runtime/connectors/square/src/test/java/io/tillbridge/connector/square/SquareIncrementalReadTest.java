package io.tillbridge.connector.square;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.square.sandbox.SquareMerchant;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SquareIncrementalReadTest {

    private SandboxReads sandbox;

    @BeforeEach
    void start() {
        sandbox = new SandboxReads(SandboxReads.options(11, SquareMerchant.US, 120), 25);
    }

    @AfterEach
    void stop() {
        sandbox.square.close();
    }

    @Test
    void an_offline_order_that_reaches_square_after_a_read_is_read_next_time_with_its_original_created_at() {
        List<JsonNode> offline = List.copyOf(sandbox.square.data().pendingOrders());
        assertThat(offline).isNotEmpty();
        CollectingSink first = sandbox.read(SquareStreams.ORDERS, null);
        assertThat(SandboxReads.keys(first.committed())).doesNotContainAnyElementsOf(ids(offline));

        sandbox.square.advance(Duration.ofHours(4));
        CollectingSink second = sandbox.read(SquareStreams.ORDERS, first.lastCheckpoint());

        assertThat(SandboxReads.keys(second.committed())).containsAll(ids(offline));
        for (SourceRecord record : second.committed()) {
            if (ids(offline).contains(record.key())) {
                assertThat(Instant.parse((String) record.data().get("created_at"))).isBefore(SandboxReads.NOW);
            }
        }
        assertThat(SandboxReads.versions(second.committed()))
                .doesNotContainAnyElementsOf(SandboxReads.versions(first.committed()));
        int visible = sandbox.square.data().orders().size();
        assertThat(SandboxReads.keys(first.committed()).size() + second.committed().stream()
                .filter(r -> !SandboxReads.keys(first.committed()).contains(r.key())).count()).isEqualTo(visible);
    }

    @Test
    void an_order_updated_after_a_read_is_read_again_at_its_new_version() {
        CollectingSink first = sandbox.read(SquareStreams.ORDERS, null);
        List<String> openTabs = first.committed().stream().filter(r -> "OPEN".equals(r.data().get("state")))
                .map(SourceRecord::key).toList();
        assertThat(openTabs).isNotEmpty();

        for (int hour = 0; hour < 8; hour++) {
            // Each hour, every open tab is paid with even odds.
            sandbox.square.advance(Duration.ofHours(1));
        }
        CollectingSink second = sandbox.read(SquareStreams.ORDERS, first.lastCheckpoint());

        List<SourceRecord> paidTabs = second.committed().stream().filter(r -> openTabs.contains(r.key())).toList();
        assertThat(paidTabs).isNotEmpty().allSatisfy(r -> assertThat(r.data().get("state")).isEqualTo("COMPLETED"));
        assertThat(SandboxReads.versions(second.committed()))
                .doesNotContainAnyElementsOf(SandboxReads.versions(first.committed()));
    }

    @Test
    void a_refunded_order_read_before_its_refund_is_read_again_with_the_refund() {
        JsonNode refunded = sandbox.square.data().orders().stream()
                .filter(o -> o.path("refunds").size() > 0 && o.path("returns").isEmpty()
                        && o.path("version").asInt() > 1)
                .findFirst().orElseThrow();
        Instant refundedAt = Instant.parse(refunded.path("updated_at").asText());
        // A read that ended an hour before the refund, having read the order at its version before it.
        ObjectNode checkpoint = SquareApi.JSON.createObjectNode();
        checkpoint.put("since", refundedAt.minus(Duration.ofHours(1)).toString());
        checkpoint.putObject("seen").putArray(refunded.path("id").asText())
                .add(String.valueOf(refunded.path("version").asInt() - 1)).add(refundedAt.minus(Duration.ofHours(1)).toString());

        CollectingSink orders = sandbox.read(SquareStreams.ORDERS, new Checkpoint(checkpoint.toString()));
        CollectingSink refunds = sandbox.read(PosStreams.REFUNDS, new Checkpoint(checkpoint.toString()));

        assertThat(SandboxReads.versions(orders.committed()))
                .contains(refunded.path("id").asText() + "@" + refunded.path("version").asText());
        assertThat(refunds.committed()).extracting(r -> r.data().get("order_id")).contains(refunded.path("id").asText());
        CollectingSink again = sandbox.read(SquareStreams.ORDERS, orders.lastCheckpoint());
        assertThat(again.received()).isZero();
    }

    @Test
    void an_order_that_reached_the_search_late_is_found_within_the_look_back_window_and_missed_without_it() {
        JsonNode late = sandbox.square.data().orders().stream().filter(o -> "COMPLETED".equals(o.path("state").asText()))
                .reduce((a, b) -> b).orElseThrow();
        // The last read's high-water mark is five minutes after the order's update, which it did not see yet.
        Checkpoint after = WindowedReader.at(Instant.parse(late.path("updated_at").asText()).plus(Duration.ofMinutes(5)));

        CollectingSink withLookback = sandbox.read(sandbox.config, SquareStreams.ORDERS, after, new CollectingSink());
        CollectingSink without = sandbox.read(sandbox.config.withPaging(0, 25, 6), SquareStreams.ORDERS, after,
                new CollectingSink());

        assertThat(SandboxReads.keys(withLookback.committed())).contains(late.path("id").asText());
        assertThat(SandboxReads.keys(without.committed())).doesNotContain(late.path("id").asText());
    }

    @Test
    void a_variation_whose_price_changed_without_its_item_is_read_again_named_after_its_item() throws Exception {
        CollectingSink first = sandbox.read(PosStreams.ITEMS, null);
        SourceRecord before = first.committed().stream()
                .filter(r -> r.data().get("price") != null).findFirst().orElseThrow();
        ObjectNode variation = (ObjectNode) sandbox.square.data().catalogObjects().stream()
                .filter(o -> o.path("id").asText().equals(before.key())).findFirst().orElseThrow();
        sandbox.square.advance(Duration.ofHours(1));

        ObjectNode body = variation.objectNode();
        body.put("idempotency_key", "price-change-1");
        ObjectNode sent = body.putObject("object");
        sent.put("type", "ITEM_VARIATION").put("id", before.key()).put("version", variation.path("version").asLong());
        sent.putObject("item_variation_data").putObject("price_money").put("amount", 12_345).put("currency", "USD");
        HttpResponse<String> upsert = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        sandbox.square.baseUri().resolve("/v2/catalog/object"))
                .header("Authorization", "Bearer " + sandbox.square.issueToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upsert.statusCode()).as(upsert.body()).isEqualTo(200);

        CollectingSink second = sandbox.read(PosStreams.ITEMS, first.lastCheckpoint());
        assertThat(second.committed()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(before.key());
            assertThat(r.data()).containsEntry("price", new java.math.BigDecimal("123.45"))
                    .containsEntry("name", before.data().get("name"))
                    .containsEntry("item_id", before.data().get("item_id"));
        });
    }

    @Test
    void every_stream_reads_in_full_and_then_finds_nothing_new_from_its_checkpoint() {
        for (String stream : SquareStreams.ALL) {
            CollectingSink first = sandbox.read(stream, null);
            assertThat(first.committed()).as(stream).isNotEmpty();
            assertThat(SandboxReads.keys(first.committed())).as(stream).doesNotHaveDuplicates();
            CollectingSink second = sandbox.read(stream, first.lastCheckpoint());
            if (!stream.equals(SquareStreams.LOCATIONS) && !stream.equals(PosStreams.LOCATIONS)) {
                assertThat(second.received()).as(stream).isZero();
            }
            assertThat(second.lastCheckpoint()).as(stream).isNotNull();
        }
    }

    private static List<String> ids(List<JsonNode> orders) {
        return orders.stream().map(o -> o.path("id").asText()).toList();
    }

}
