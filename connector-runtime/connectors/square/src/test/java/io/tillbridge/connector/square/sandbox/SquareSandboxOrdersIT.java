package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SquareSandboxOrdersIT {

    private static SquareSandbox square;
    private static SquareClient client;

    @BeforeAll
    static void start() {
        square = SquareSandbox.start(SandboxFixture.options().withOrders(300, Duration.ofDays(20))
                .withPageLimits(20, 10, 100, 100));
        client = new SquareClient(square, square.issueToken());
    }

    @AfterAll
    static void stop() {
        square.close();
    }

    @Test
    void paging_with_the_same_body_and_the_cursor_returns_every_order_once_and_no_cursor_on_the_last_page() {
        ObjectNode body = search(20);
        List<String> ids = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            ObjectNode page = body.deepCopy();
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            SquareClient.Reply reply = client.post("/v2/orders/search", page);
            assertThat(reply.status()).isEqualTo(200);
            reply.body().path("orders").forEach(o -> ids.add(o.path("id").asText()));
            cursor = reply.body().path("cursor").asText(null);
            pages++;
        } while (cursor != null);

        assertThat(pages).isGreaterThan(10);
        assertThat(ids).doesNotHaveDuplicates().hasSize(square.data().orders().size());
    }

    @Test
    void a_cursor_sent_with_a_different_body_answers_400_invalid_cursor() {
        String cursor = client.post("/v2/orders/search", search(20)).body().path("cursor").asText();
        ObjectNode other = search(10);
        other.put("cursor", cursor);

        SquareClient.Reply reply = client.post("/v2/orders/search", other);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("INVALID_CURSOR");
    }

    @Test
    void the_limit_defaults_to_the_configured_default_and_above_the_maximum_answers_400() {
        ObjectNode body = search(0);
        body.remove("limit");
        assertThat(client.post("/v2/orders/search", body).body().path("orders")).hasSize(10);

        SquareClient.Reply tooMany = client.post("/v2/orders/search", search(21));

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error()).isEqualTo("VALUE_TOO_HIGH");
    }

    @Test
    void more_than_ten_location_ids_answer_400() {
        ObjectNode body = search(10);
        ArrayNode ids = body.putArray("location_ids");
        for (int i = 0; i < 11; i++) {
            ids.add(square.data().locations().get(0).path("id").asText());
        }

        SquareClient.Reply reply = client.post("/v2/orders/search", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("ARRAY_LENGTH_TOO_LONG");
    }

    @Test
    void a_time_filter_on_updated_at_needs_sort_field_updated_at() {
        ObjectNode body = search(10);
        body.with("query").with("filter").with("date_time_filter").with("updated_at")
                .put("start_at", "2026-02-20T00:00:00Z");

        assertThat(client.post("/v2/orders/search", body).error()).isEqualTo("BAD_REQUEST");

        body.with("query").with("sort").put("sort_field", "UPDATED_AT");
        assertThat(client.post("/v2/orders/search", body).status()).isEqualTo(200);
    }

    @Test
    void a_time_filter_returns_only_orders_in_the_range_sorted_as_asked() {
        ObjectNode body = search(20);
        body.with("query").with("filter").with("date_time_filter").with("created_at")
                .put("start_at", "2026-02-25T00:00:00Z").put("end_at", "2026-02-26T00:00:00Z");
        body.with("query").with("sort").put("sort_field", "CREATED_AT").put("sort_order", "ASC");

        JsonNode orders = client.post("/v2/orders/search", body).body().path("orders");

        assertThat(orders).isNotEmpty();
        List<String> created = new ArrayList<>();
        orders.forEach(o -> created.add(o.path("created_at").asText()));
        assertThat(created).isSorted().allSatisfy(t -> assertThat(Instant.parse(t))
                .isBetween(Instant.parse("2026-02-25T00:00:00Z"), Instant.parse("2026-02-26T00:00:00Z")));
    }

    @Test
    void a_state_filter_returns_only_orders_in_those_states() {
        ObjectNode body = search(20);
        body.with("query").with("filter").with("state_filter").putArray("states").add("CANCELED");

        JsonNode orders = client.post("/v2/orders/search", body).body().path("orders");

        assertThat(orders).isNotEmpty();
        orders.forEach(o -> assertThat(o.path("state").asText()).isEqualTo("CANCELED"));
        orders.forEach(o -> assertThat(o.has("tenders")).isFalse());
    }

    @Test
    void return_entries_answers_order_entries_instead_of_orders() {
        ObjectNode body = search(5);
        body.put("return_entries", true);

        JsonNode reply = client.post("/v2/orders/search", body).body();

        assertThat(reply.has("orders")).isFalse();
        assertThat(reply.path("order_entries")).hasSize(5)
                .allSatisfy(e -> assertThat(e.path("order_id").asText()).isNotEmpty());
    }

    @Test
    void batch_retrieve_returns_the_asked_orders_and_ignores_unknown_ids() {
        ObjectNode known = square.data().orders().get(7);
        ObjectNode body = SquareClient.json("{}");
        body.putArray("order_ids").add(known.path("id").asText()).add("unknown-order");

        JsonNode orders = client.post("/v2/orders/batch-retrieve", body).body().path("orders");

        assertThat(orders).hasSize(1);
        assertThat(orders.get(0).toString()).isEqualTo(known.toString());
    }

    @Test
    void every_order_totals_as_square_computes_them() {
        for (ObjectNode order : square.data().orders()) {
            OrderTotals.assertConsistent(order);
        }
    }

    @Test
    void an_offline_order_is_visible_only_once_it_reached_the_api_with_its_original_created_at() {
        // No new sales while the clock moves 73 hours: only the offline order's arrival changes the answer.
        try (SquareSandbox own = SquareSandbox.start(SandboxFixture.options().withOrders(100).withOrdersPerHour(0))) {
            SquareClient ownClient = new SquareClient(own, own.issueToken());
            List<ObjectNode> pending = own.data().pendingOrders();
            assertThat(pending).isNotEmpty();
            Set<String> pendingIds = new HashSet<>(pending.stream().map(o -> o.path("id").asText()).toList());
            ObjectNode body = searchAll(own);
            assertThat(ids(ownClient.post("/v2/orders/search", body).body())).doesNotContainAnyElementsOf(pendingIds);

            own.advance(Duration.ofHours(73));

            JsonNode found = ownClient.post("/v2/orders/search", body).body();
            assertThat(ids(found)).containsAll(pendingIds);
            for (JsonNode order : found.path("orders")) {
                if (pendingIds.contains(order.path("id").asText())) {
                    assertThat(Instant.parse(order.path("updated_at").asText()))
                            .isAfter(Instant.parse(order.path("created_at").asText()).plus(Duration.ofMinutes(59)));
                    assertThat(Instant.parse(order.path("created_at").asText())).isBefore(SandboxFixture.NOW);
                }
            }
        }
    }

    @Test
    void paging_by_updated_at_ascending_returns_every_order_once_in_order_of_update() {
        ObjectNode body = search(20);
        body.with("query").with("sort").put("sort_field", "UPDATED_AT").put("sort_order", "ASC");
        List<String> ids = new ArrayList<>();
        List<Instant> updated = new ArrayList<>();
        String cursor = null;
        do {
            ObjectNode page = body.deepCopy();
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            JsonNode reply = client.post("/v2/orders/search", page).body();
            reply.path("orders").forEach(o -> {
                ids.add(o.path("id").asText());
                updated.add(Instant.parse(o.path("updated_at").asText()));
            });
            cursor = reply.path("cursor").asText(null);
        } while (cursor != null);

        assertThat(ids).doesNotHaveDuplicates().hasSize(square.data().orders().size());
        assertThat(updated).isSorted();
    }

    @Test
    void copied_orders_have_new_ids_and_times_within_the_period_and_are_found_by_a_search_after_them() {
        try (SquareSandbox own = SquareSandbox.start(SandboxFixture.options().withOrders(50).withOrdersPerHour(0))) {
            SquareClient ownClient = new SquareClient(own, own.issueToken());
            Set<String> before = new HashSet<>(own.data().orderIds());

            own.seedCopies(2_000, Duration.ofDays(10));

            List<ObjectNode> copies = own.data().orders().stream()
                    .filter(o -> !before.contains(o.path("id").asText())).toList();
            assertThat(copies).hasSizeGreaterThan(1_900);
            assertThat(copies.stream().map(o -> o.path("id").asText())).doesNotHaveDuplicates();
            copies.forEach(o -> {
                assertThat(o.path("state").asText()).isIn("COMPLETED", "CANCELED");
                // Earlier than the period only by as long as the copied order took to its last change.
                assertThat(Instant.parse(o.path("created_at").asText()))
                        .isBetween(SandboxFixture.NOW.minus(Duration.ofDays(14)), SandboxFixture.NOW);
                assertThat(Instant.parse(o.path("updated_at").asText()))
                        .isAfterOrEqualTo(Instant.parse(o.path("created_at").asText()))
                        .isBeforeOrEqualTo(SandboxFixture.NOW);
                OrderTotals.assertConsistent(o);
            });
            ObjectNode body = searchAll(own);
            body.with("query").with("filter").with("date_time_filter").with("updated_at")
                    .put("start_at", SandboxFixture.NOW.minus(Duration.ofDays(1)).toString());
            body.with("query").with("sort").put("sort_field", "UPDATED_AT").put("sort_order", "ASC");
            long lastDay = own.data().orders().stream().filter(o -> !Instant.parse(o.path("updated_at").asText())
                    .isBefore(SandboxFixture.NOW.minus(Duration.ofDays(1)))).count();
            assertThat(ownClient.post("/v2/orders/search", body).body().path("orders")).hasSize((int) lastDay);
        }
    }

    private static Set<String> ids(JsonNode response) {
        return new HashSet<>(response.path("orders").findValuesAsText("id"));
    }

    /** A search over every location of the sandbox, with Square's largest page. */
    static ObjectNode searchAll(SquareSandbox sandbox) {
        ObjectNode body = SquareClient.json("{\"limit\":1000}");
        ArrayNode ids = body.putArray("location_ids");
        sandbox.data().locations().forEach(l -> ids.add(l.path("id").asText()));
        return body;
    }

    private static ObjectNode search(int limit) {
        ObjectNode body = searchAll(square);
        body.put("limit", limit);
        return body;
    }
}
