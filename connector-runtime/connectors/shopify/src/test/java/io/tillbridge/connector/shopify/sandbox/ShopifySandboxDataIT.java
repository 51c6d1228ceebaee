package io.tillbridge.connector.shopify.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShopifySandboxDataIT {

    private static ShopifySandbox shopify;

    @BeforeAll
    static void start() {
        shopify = ShopifySandbox.start(SandboxFixture.options().withOrders(500)
                .withShops(ShopProfile.US, ShopProfile.JAPAN, ShopProfile.UK));
        shopify.advance(Duration.ofHours(30));
    }

    @AfterAll
    static void stop() {
        shopify.close();
    }

    private static List<ObjectNode> allOrders() {
        return shopify.options().shops().stream().flatMap(s -> shopify.shop(s.handle()).orders().stream()).toList();
    }

    @Test
    void every_order_total_is_its_lines_less_discounts_plus_taxes_shipping_and_tip() {
        for (ObjectNode order : allOrders()) {
            assertThat(OrderTotals.money(order.path("total_price"))).as(order.path("name").asText())
                    .isEqualByComparingTo(OrderTotals.expectedTotal(order));
        }
    }

    @Test
    void payments_cover_the_total_and_refunds_come_back_out_of_them() {
        for (String handle : List.of("tillbridge-demo", "tillbridge-tokyo", "tillbridge-london")) {
            ShopData shop = shopify.shop(handle);
            for (ObjectNode order : shop.orders()) {
                if (!order.path("cancelled_at").isNull()) {
                    assertThat(order.path("financial_status").asText()).isEqualTo("voided");
                    continue;
                }
                BigDecimal paid = OrderTotals.netPaid(shop.transactions(order.path("id").asLong()));
                BigDecimal expected = OrderTotals.money(order.path("total_price"))
                        .subtract(OrderTotals.refunded(order));
                assertThat(paid).as(order.path("name").asText()).isEqualByComparingTo(expected);
            }
        }
    }

    @Test
    void amounts_have_the_currencys_digits() {
        for (ObjectNode order : shopify.shop("tillbridge-tokyo").orders()) {
            assertThat(order.path("total_price").asText()).doesNotContain(".");
            assertThat(order.path("currency").asText()).isEqualTo("JPY");
            assertThat(order.path("taxes_included").asBoolean()).isTrue();
        }
        for (ObjectNode order : shopify.shop("tillbridge-demo").orders()) {
            assertThat(order.path("total_price").asText()).matches("\\d+\\.\\d{2}");
            assertThat(order.path("taxes_included").asBoolean()).isFalse();
        }
    }

    @Test
    void the_orders_show_every_case_a_connector_must_handle() {
        List<ObjectNode> orders = allOrders();
        Set<String> gateways = orders.stream().flatMap(o -> shopifyTransactions(o).stream())
                .map(t -> t.path("gateway").asText()).collect(Collectors.toSet());

        assertThat(orders).anyMatch(o -> !o.path("discount_codes").isEmpty());
        assertThat(orders).anyMatch(o -> !o.path("shipping_lines").isEmpty());
        assertThat(orders).anyMatch(o -> OrderTotals.money(o.path("total_tip_received")).signum() > 0);
        assertThat(orders).anyMatch(o -> hasLine(o, "gift_card"));
        assertThat(orders).anyMatch(o -> "pos".equals(o.path("source_name").asText())
                && o.path("location_id").canConvertToLong());
        assertThat(orders).anyMatch(o -> !o.path("cancelled_at").isNull());
        assertThat(orders).anyMatch(o -> "partially_refunded".equals(o.path("financial_status").asText()));
        assertThat(orders).anyMatch(o -> "refunded".equals(o.path("financial_status").asText()));
        assertThat(orders).anyMatch(o -> "exchange".equals(o.path("tags").asText()));
        assertThat(orders).anyMatch(o -> o.path("refunds").findValues("restock_type").stream()
                .anyMatch(t -> "return".equals(t.asText())));
        assertThat(orders).anyMatch(o -> shopifyTransactions(o).stream().map(t -> t.path("gateway").asText())
                .collect(Collectors.toSet()).containsAll(Set.of("gift_card", "shopify_payments")));
        assertThat(gateways).contains("cash", "shopify_payments", "gift_card");
    }

    @Test
    void the_shop_has_one_time_zone_and_locations_with_addresses() {
        ShopData shop = shopify.shop("tillbridge-demo");
        ShopifyClient client = new ShopifyClient(shopify.baseUri(), shopify.issueToken());
        JsonNode settings = client.get("shop.json").body().path("shop");

        assertThat(settings.path("iana_timezone").asText()).isEqualTo("America/New_York");
        assertThat(settings.path("currency").asText()).isEqualTo("USD");
        assertThat(shop.locations()).hasSize(3).allSatisfy(location -> {
            assertThat(location.path("address1").asText()).isNotBlank();
            assertThat(location.path("city").asText()).isNotBlank();
        });
        assertThat(shop.products()).allSatisfy(product -> assertThat(product.path("variants")).allSatisfy(v -> {
            assertThat(v.path("sku").asText()).isNotBlank();
            assertThat(v.path("inventory_item_id").asLong()).isPositive();
        }));
        assertThat(shop.customers()).isNotEmpty();
    }

    @Test
    void a_late_pos_order_is_not_visible_until_it_arrives_and_keeps_its_sale_time() {
        try (ShopifySandbox fresh = ShopifySandbox.start(SandboxFixture.options().withOrders(40))) {
            List<ShopData.LateSale> late = fresh.shop().lateSales();
            assertThat(late).isNotEmpty();
            ShopData.LateSale first = late.get(0);
            Set<String> before = fresh.shop().orders().stream().map(o -> o.path("created_at").asText())
                    .collect(Collectors.toSet());
            assertThat(first.arrivesAt()).isAfter(fresh.now());
            assertThat(Duration.between(first.soldAt(), first.arrivesAt())).isLessThanOrEqualTo(Duration.ofHours(72));

            fresh.advance(Duration.between(fresh.now(), first.arrivesAt()).plusMinutes(1));

            ObjectNode arrived = fresh.shop().orders().stream()
                    .filter(o -> instant(o, "created_at").equals(first.soldAt()) && !before.contains(
                            o.path("created_at").asText()))
                    .findFirst().orElseThrow();
            assertThat(arrived.path("source_name").asText()).isEqualTo("pos");
            assertThat(instant(arrived, "updated_at")).isEqualTo(first.arrivesAt());
            assertThat(instant(arrived, "processed_at")).isEqualTo(first.arrivesAt());
        }
    }

    @Test
    void the_same_seed_gives_the_same_data_and_another_seed_other_data() {
        try (ShopifySandbox a = ShopifySandbox.start(SandboxFixture.options().withOrders(60));
                ShopifySandbox b = ShopifySandbox.start(SandboxFixture.options().withOrders(60));
                ShopifySandbox c = ShopifySandbox.start(SandboxFixture.options().withOrders(60).withSeed(99))) {
            a.advance(Duration.ofHours(6));
            b.advance(Duration.ofHours(6));
            c.advance(Duration.ofHours(6));

            assertThat(a.shop().orders()).isEqualTo(b.shop().orders());
            assertThat(a.shop().products()).isEqualTo(b.shop().products());
            assertThat(a.shop().customers()).isEqualTo(b.shop().customers());
            assertThat(a.shop().inventoryLevels()).isEqualTo(b.shop().inventoryLevels());
            assertThat(a.shop().orders()).isNotEqualTo(c.shop().orders());
        }
    }

    @Test
    void advancing_the_clock_adds_orders_seen_by_updated_at_min() {
        try (ShopifySandbox fresh = ShopifySandbox.start(SandboxFixture.options().withOrders(20))) {
            ShopifyClient client = new ShopifyClient(fresh.baseUri(), fresh.issueToken());
            Instant mark = fresh.now();
            int before = fresh.shop().orders().size();

            fresh.advance(Duration.ofHours(5));

            assertThat(fresh.shop().orders().size()).isGreaterThan(before);
            JsonNode page = client.get("orders.json?status=any&limit=250&updated_at_min=" + mark).body();
            assertThat(page.path("orders")).isNotEmpty().allSatisfy(o -> assertThat(instant(o, "updated_at"))
                    .isAfterOrEqualTo(mark));
        }
    }

    private static boolean hasLine(JsonNode order, String flag) {
        for (JsonNode line : order.path("line_items")) {
            if (line.path(flag).asBoolean()) {
                return true;
            }
        }
        return false;
    }

    private static List<ObjectNode> shopifyTransactions(JsonNode order) {
        for (ShopProfile profile : shopify.options().shops()) {
            if (profile.currency().equals(order.path("currency").asText())) {
                return shopify.shop(profile.handle()).transactions(order.path("id").asLong());
            }
        }
        return List.of();
    }

    private static Instant instant(JsonNode json, String field) {
        return OffsetDateTime.parse(json.path(field).asText()).toInstant();
    }
}
