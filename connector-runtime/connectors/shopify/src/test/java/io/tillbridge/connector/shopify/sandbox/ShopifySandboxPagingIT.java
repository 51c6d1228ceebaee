package io.tillbridge.connector.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopifySandboxPagingIT {

    private static ShopifySandbox shopify;
    private static ShopifyClient client;

    @BeforeAll
    static void start() {
        shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(400).withRestBucket(10_000, 2));
        client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    @Test
    void following_next_links_reads_every_order_once_in_more_than_ten_pages() {
        List<Long> ids = new ArrayList<>();
        int pages = 0;
        ShopifyClient.Answer page = client.get("orders.json?status=any&limit=25");
        while (true) {
            assertThat(page.status()).isEqualTo(200);
            pages++;
            page.body().path("orders").forEach(order -> ids.add(order.path("id").asLong()));
            String next = ShopifyClient.link(page.header("Link"), "next");
            if (next == null) {
                break;
            }
            assertThat(next).contains("page_info=").contains("limit=25").doesNotContain("status=");
            page = client.getUrl(next);
        }

        assertThat(pages).isGreaterThan(10);
        assertThat(ids).doesNotHaveDuplicates().isSorted();
        assertThat(ids).hasSize(shopify.shop().orders().size());
    }

    @Test
    void the_default_page_is_50_and_a_single_page_has_no_link_header() {
        ShopifyClient.Answer first = client.get("orders.json?status=any");
        assertThat(first.body().path("orders")).hasSize(50);
        assertThat(first.header("Link")).contains("rel=\"next\"").doesNotContain("rel=\"previous\"");

        ShopifyClient.Answer all = client.get("locations.json");
        assertThat(all.header("Link")).isNull();
        ShopifyClient.Answer few = client.get("products.json?limit=250");
        assertThat(few.header("Link")).isNull();
    }

    @Test
    void the_previous_link_goes_back_to_the_same_records() {
        ShopifyClient.Answer first = client.get("orders.json?status=any&limit=20");
        ShopifyClient.Answer second = client.getUrl(ShopifyClient.link(first.header("Link"), "next"));
        String previous = ShopifyClient.link(second.header("Link"), "previous");
        assertThat(previous).isNotNull();

        ShopifyClient.Answer back = client.getUrl(previous);

        assertThat(ids(back.body())).isEqualTo(ids(first.body()));
    }

    @Test
    void page_info_with_another_filter_answers_400() {
        ShopifyClient.Answer first = client.get("orders.json?status=any&limit=10");
        String next = ShopifyClient.link(first.header("Link"), "next");

        ShopifyClient.Answer mixed = client.getUrl(next + "&status=any");

        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.body().path("errors").asText()).contains("page_info").contains("status");
    }

    @Test
    void a_forged_page_info_or_a_limit_above_250_answers_400() {
        assertThat(client.get("orders.json?page_info=not-a-cursor").status()).isEqualTo(400);
        ShopifyClient.Answer tooMany = client.get("orders.json?status=any&limit=251");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body().path("errors").has("limit")).isTrue();
    }

    @Test
    void the_filters_of_the_first_page_hold_on_every_following_page() {
        String since = shopify.shop().orders().get(200).path("updated_at").asText();
        List<JsonNode> orders = new ArrayList<>();
        ShopifyClient.Answer page = client.get("orders.json?status=any&limit=50&updated_at_min=" + since);
        while (true) {
            page.body().path("orders").forEach(orders::add);
            String next = ShopifyClient.link(page.header("Link"), "next");
            if (next == null) {
                break;
            }
            page = client.getUrl(next);
        }

        Instant min = OffsetDateTime.parse(since).toInstant();
        assertThat(orders).isNotEmpty().allSatisfy(order -> assertThat(OffsetDateTime.parse(
                order.path("updated_at").asText()).toInstant()).isAfterOrEqualTo(min));
        long expected = shopify.shop().orders().stream().filter(o -> !OffsetDateTime.parse(
                o.path("updated_at").asText()).toInstant().isBefore(min)).count();
        assertThat(orders).hasSize((int) expected);
    }

    @Test
    void fields_keeps_only_the_named_fields_on_every_page() {
        ShopifyClient.Answer first = client.get("orders.json?status=any&limit=5&fields=id,total_price");
        ShopifyClient.Answer second = client.getUrl(ShopifyClient.link(first.header("Link"), "next"));

        for (ShopifyClient.Answer page : List.of(first, second)) {
            assertThat(page.body().path("orders")).hasSize(5).allSatisfy(order -> {
                assertThat(order.size()).isEqualTo(2);
                assertThat(order.has("total_price")).isTrue();
            });
        }
    }

    @Test
    void since_id_lists_only_later_orders() {
        long sinceId = shopify.shop().orders().get(300).path("id").asLong();

        ShopifyClient.Answer page = client.get("orders.json?status=any&limit=250&since_id=" + sinceId);

        assertThat(ids(page.body())).isNotEmpty().allSatisfy(id -> assertThat(id).isGreaterThan(sinceId));
    }

    private static List<Long> ids(JsonNode body) {
        List<Long> ids = new ArrayList<>();
        body.path("orders").forEach(order -> ids.add(order.path("id").asLong()));
        return ids;
    }
}
