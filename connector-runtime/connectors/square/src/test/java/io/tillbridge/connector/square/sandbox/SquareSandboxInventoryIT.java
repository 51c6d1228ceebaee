package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SquareSandboxInventoryIT {

    private SquareSandbox square;
    private SquareClient client;
    private String variation;
    private String location;

    @BeforeEach
    void start() {
        square = SquareSandbox.start(SandboxFixture.options().withOrders(50));
        client = new SquareClient(square, square.issueToken());
        ObjectNode count = square.data().inventoryCounts().get(0);
        variation = count.path("catalog_object_id").asText();
        location = count.path("location_id").asText();
    }

    @AfterEach
    void stop() {
        square.close();
    }

    @Test
    void counts_are_sorted_by_calculated_at_newest_first_with_decimal_string_quantities() {
        JsonNode counts = client.post("/v2/inventory/counts/batch-retrieve", SquareClient.json("{\"limit\":1000}"))
                .body().path("counts");

        assertThat(counts).hasSize(square.data().inventoryCounts().size());
        List<Instant> calculated = new ArrayList<>();
        counts.forEach(c -> calculated.add(Instant.parse(c.path("calculated_at").asText())));
        assertThat(calculated).isSortedAccordingTo(Comparator.reverseOrder());
        counts.forEach(c -> assertThat(c.path("quantity").isTextual()).isTrue());
        counts.forEach(c -> assertThat(new BigDecimal(c.path("quantity").asText())).isNotNull());
    }

    @Test
    void counts_filter_on_objects_and_locations() {
        ObjectNode body = SquareClient.json("{}");
        body.putArray("catalog_object_ids").add(variation);
        body.putArray("location_ids").add(location);

        JsonNode counts = client.post("/v2/inventory/counts/batch-retrieve", body).body().path("counts");

        assertThat(counts).hasSize(1);
        assertThat(counts.get(0).path("state").asText()).isEqualTo("IN_STOCK");
    }

    @Test
    void an_adjustment_changes_the_count_once_and_a_retry_with_the_same_key_answers_the_same() {
        BigDecimal before = quantity();
        ObjectNode body = adjustment("key-1", "3", square.data().now().minus(Duration.ofHours(1)));

        SquareClient.Reply first = client.post("/v2/inventory/changes/batch-create", body);
        SquareClient.Reply again = client.post("/v2/inventory/changes/batch-create", body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(quantity()).isEqualByComparingTo(before.subtract(new BigDecimal("3")));
        assertThat(first.body().path("counts").get(0).path("quantity").asText())
                .isEqualTo(before.subtract(new BigDecimal("3")).stripTrailingZeros().toPlainString());
    }

    @Test
    void the_same_key_with_another_body_answers_400_idempotency_key_reused() {
        Instant at = square.data().now().minus(Duration.ofHours(1));
        client.post("/v2/inventory/changes/batch-create", adjustment("key-2", "1", at));

        SquareClient.Reply reply = client.post("/v2/inventory/changes/batch-create", adjustment("key-2", "2", at));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void a_change_without_an_idempotency_key_answers_400() {
        ObjectNode body = adjustment("x", "1", square.data().now());
        body.remove("idempotency_key");

        SquareClient.Reply reply = client.post("/v2/inventory/changes/batch-create", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("MISSING_REQUIRED_PARAMETER");
    }

    @Test
    void a_change_that_occurred_more_than_24_hours_ago_or_in_the_future_answers_400_and_changes_nothing() {
        BigDecimal before = quantity();

        SquareClient.Reply old = client.post("/v2/inventory/changes/batch-create",
                adjustment("old", "1", square.data().now().minus(Duration.ofHours(25))));
        SquareClient.Reply future = client.post("/v2/inventory/changes/batch-create",
                adjustment("future", "1", square.data().now().plus(Duration.ofMinutes(5))));

        assertThat(old.status()).isEqualTo(400);
        assertThat(old.body().path("errors").path(0).path("field").asText()).endsWith("occurred_at");
        assertThat(future.status()).isEqualTo(400);
        assertThat(quantity()).isEqualByComparingTo(before);
    }

    @Test
    void a_physical_count_sets_the_quantity() {
        ObjectNode body = SquareClient.json("{\"idempotency_key\":\"count-1\"}");
        ObjectNode change = body.putArray("changes").addObject().put("type", "PHYSICAL_COUNT");
        change.putObject("physical_count").put("catalog_object_id", variation).put("location_id", location)
                .put("state", "IN_STOCK").put("quantity", "12.5")
                .put("occurred_at", square.data().now().minus(Duration.ofMinutes(1)).toString());

        assertThat(client.post("/v2/inventory/changes/batch-create", body).status()).isEqualTo(200);

        assertThat(quantity()).isEqualByComparingTo("12.5");
    }

    private BigDecimal quantity() {
        ObjectNode body = SquareClient.json("{}");
        body.putArray("catalog_object_ids").add(variation);
        body.putArray("location_ids").add(location);
        return new BigDecimal(client.post("/v2/inventory/counts/batch-retrieve", body).body()
                .path("counts").get(0).path("quantity").asText());
    }

    private ObjectNode adjustment(String key, String quantity, Instant occurredAt) {
        ObjectNode body = SquareClient.json("{}");
        body.put("idempotency_key", key);
        ObjectNode change = body.putArray("changes").addObject().put("type", "ADJUSTMENT");
        change.putObject("adjustment").put("from_state", "IN_STOCK").put("to_state", "WASTE")
                .put("catalog_object_id", variation).put("location_id", location).put("quantity", quantity)
                .put("occurred_at", occurredAt.toString());
        return body;
    }
}
