package io.tillbridge.connector.clover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Offset paging, the 90-day window, filters, expansions and the nested-list cap, on one large seeded merchant. */
class CloverSandboxListsIT {

    private static SeededSandbox clover;

    @BeforeAll
    static void start() {
        clover = SeededSandbox.start(SandboxFixture.options().withOrders(1_200, Duration.ofDays(60)));
    }

    @AfterAll
    static void stop() {
        clover.close();
    }

    @Test
    void offset_paging_reads_every_order_once_over_more_than_ten_pages() {
        List<Integer> pages = new ArrayList<>();

        List<JsonNode> orders = clover.client().all(clover.mId(), "/orders", 100, pages);

        Set<String> ids = new HashSet<>();
        orders.forEach(o -> ids.add(o.path("id").asText()));
        assertThat(pages.size()).isGreaterThan(10);
        assertThat(ids).hasSize(orders.size()).hasSize(clover.sandbox().data().orders(clover.mId()).size());
    }

    @Test
    void a_list_without_limit_answers_the_default_page_of_100_in_an_elements_envelope() {
        CloverClient.Response response = clover.get("/orders");

        assertThat(response.body().path("elements")).hasSize(100);
        assertThat(response.body().path("href").asText())
                .startsWith(clover.sandbox().baseUri() + "/v3/merchants/" + clover.mId() + "/orders");
        assertThat(response.body().path("elements").get(0).path("href").asText()).contains("/orders/");
    }

    @Test
    void a_limit_above_1000_is_capped_to_1000() {
        assertThat(clover.get("/orders", "limit", "5000").body().path("elements")).hasSize(1000);
    }

    @Test
    void a_limit_below_one_answers_400() {
        CloverClient.Response response = clover.get("/orders", "limit", "0");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("message").asText()).isNotBlank();
    }

    @Test
    void orders_are_listed_newest_first_unless_order_by_says_otherwise() {
        JsonNode newest = clover.get("/orders", "limit", "50").body().path("elements");
        JsonNode oldest = clover.get("/orders", "limit", "50", "orderBy", "createdTime ASC").body().path("elements");

        assertThat(newest.get(0).path("createdTime").asLong())
                .isGreaterThanOrEqualTo(newest.get(49).path("createdTime").asLong());
        assertThat(oldest.get(0).path("createdTime").asLong())
                .isLessThanOrEqualTo(oldest.get(49).path("createdTime").asLong());
    }

    @Test
    void expanded_line_items_are_capped_at_100_while_the_line_items_endpoint_pages_them_all() {
        JsonNode catering = clover.sandbox().data().orders(clover.mId()).stream()
                .filter(o -> o.path("title").asText().equals("Catering")).findFirst().orElseThrow();
        String id = catering.path("id").asText();

        JsonNode expanded = clover.get("/orders/" + id, "expand", "lineItems").body();
        List<Integer> pages = new ArrayList<>();
        List<JsonNode> lines = clover.client().all(clover.mId(), "/orders/" + id + "/line_items", 50, pages);

        assertThat(catering.path("lineItems").path("elements")).hasSize(120);
        assertThat(expanded.path("lineItems").path("elements")).hasSize(100);
        assertThat(lines).hasSize(120);
    }

    @Test
    void nested_lists_appear_only_when_expanded() {
        JsonNode plain = clover.get("/orders", "limit", "20").body().path("elements").get(0);
        JsonNode lines = clover.get("/orders", "limit", "20", "expand", "lineItems").body().path("elements").get(0);
        JsonNode deep = clover.get("/orders", "limit", "20", "expand", "lineItems.taxRates,payments,serviceCharge")
                .body().path("elements").get(0);

        assertThat(plain.has("lineItems")).isFalse();
        assertThat(plain.has("payments")).isFalse();
        assertThat(lines.path("lineItems").path("elements").get(0).has("taxRates")).isFalse();
        assertThat(lines.path("lineItems").path("elements").get(0).has("price")).isTrue();
        assertThat(deep.path("lineItems").path("elements").get(0).has("taxRates")).isTrue();
        assertThat(deep.has("payments")).isTrue();
    }

    @Test
    void repeated_filters_must_all_hold() {
        long from = SandboxFixture.NOW.minus(Duration.ofDays(20)).toEpochMilli();
        long to = SandboxFixture.NOW.minus(Duration.ofDays(10)).toEpochMilli();

        List<JsonNode> orders = clover.all("/orders", 1000, "filter", "createdTime>=" + from,
                "filter", "createdTime<" + to);

        assertThat(orders).isNotEmpty()
                .allSatisfy(o -> assertThat(o.path("createdTime").asLong()).isBetween(from, to - 1));
        long expected = clover.sandbox().data().orders(clover.mId()).stream()
                .filter(o -> o.path("createdTime").asLong() >= from && o.path("createdTime").asLong() < to).count();
        assertThat(orders).hasSize((int) expected);
    }

    @Test
    void a_filter_on_a_field_the_endpoint_does_not_filter_answers_400() {
        assertThat(clover.get("/orders", "filter", "note=x").status()).isEqualTo(400);
    }

    @Test
    void payments_filter_by_tender_and_link_to_their_order() {
        List<JsonNode> cash = clover.all("/payments", 1000, "filter",
                "tender.labelKey=com.clover.tender.cash");

        assertThat(cash).isNotEmpty().allSatisfy(p -> {
            assertThat(p.path("tender").path("labelKey").asText()).isEqualTo("com.clover.tender.cash");
            assertThat(p.path("cashTendered").asLong()).isGreaterThanOrEqualTo(p.path("amount").asLong());
            assertThat(clover.sandbox().data().order(clover.mId(), p.path("order").path("id").asText())).isPresent();
        });
    }
}
