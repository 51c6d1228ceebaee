package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SquareSandboxDataIT {

    private static SquareSandbox square;
    private static List<ObjectNode> orders;

    @BeforeAll
    static void start() {
        square = SquareSandbox.start(SandboxFixture.options().withOrders(1500));
        orders = square.data().orders();
    }

    @AfterAll
    static void stop() {
        square.close();
    }

    @Test
    void the_same_seed_gives_the_same_data_and_another_seed_other_data() {
        try (SquareSandbox one = SquareSandbox.start(SandboxFixture.options().withSeed(42).withOrders(50));
                SquareSandbox two = SquareSandbox.start(SandboxFixture.options().withSeed(42).withOrders(50));
                SquareSandbox other = SquareSandbox.start(SandboxFixture.options().withSeed(43).withOrders(50))) {
            assertThat(two.data().orders().toString()).isEqualTo(one.data().orders().toString());
            assertThat(two.data().payments().toString()).isEqualTo(one.data().payments().toString());
            assertThat(two.data().catalogObjects().toString()).isEqualTo(one.data().catalogObjects().toString());
            assertThat(two.data().customers().toString()).isEqualTo(one.data().customers().toString());
            assertThat(two.data().locations().toString()).isEqualTo(one.data().locations().toString());
            assertThat(other.data().orders().toString()).isNotEqualTo(one.data().orders().toString());
        }
    }

    @Test
    void the_same_seed_and_the_same_advances_give_the_same_new_data() {
        try (SquareSandbox one = SquareSandbox.start(SandboxFixture.options().withSeed(7).withOrders(20));
                SquareSandbox two = SquareSandbox.start(SandboxFixture.options().withSeed(7).withOrders(20))) {
            one.advance(Duration.ofHours(5));
            two.advance(Duration.ofHours(5));

            assertThat(two.data().orders().toString()).isEqualTo(one.data().orders().toString());
            assertThat(two.data().refunds().toString()).isEqualTo(one.data().refunds().toString());
            assertThat(two.data().inventoryCounts().toString()).isEqualTo(one.data().inventoryCounts().toString());
        }
    }

    @Test
    void sales_include_every_kind_a_connector_must_handle() {
        assertThat(orders).anyMatch(lines(l -> "GIFT_CARD".equals(l.path("item_type").asText())));
        assertThat(orders).anyMatch(lines(l -> "CUSTOM_AMOUNT".equals(l.path("item_type").asText())));
        assertThat(orders).anyMatch(lines(l -> l.has("modifiers")));
        assertThat(orders).anyMatch(lines(l -> l.path("quantity").asText().contains(".")));
        assertThat(orders).anyMatch(tenders(t -> "SQUARE_GIFT_CARD".equals(t.path("type").asText())));
        assertThat(orders).anyMatch(tenders(t -> "CASH".equals(t.path("type").asText())));
        assertThat(orders).anyMatch(tenders(t -> t.has("tip_money")));
        assertThat(orders).anyMatch(o -> o.path("tenders").size() == 2);
        assertThat(orders).anyMatch(o -> o.has("discounts"));
        assertThat(orders).anyMatch(o -> o.has("service_charges"));
        assertThat(orders).anyMatch(o -> "CANCELED".equals(o.path("state").asText()));
        assertThat(orders).anyMatch(o -> "OPEN".equals(o.path("state").asText()));
        assertThat(orders).anyMatch(o -> o.has("refunds") && !o.has("returns"));
        assertThat(orders).anyMatch(o -> o.has("returns") && !o.has("line_items"));
        assertThat(orders).anyMatch(o -> o.has("returns") && o.has("line_items"));
        assertThat(square.data().payments()).anyMatch(p -> p.path("is_offline_payment").asBoolean());
    }

    @Test
    void a_return_names_its_source_order_and_its_refund_the_original_payment() {
        ObjectNode returned = orders.stream().filter(o -> o.has("returns") && !o.has("line_items")).findFirst()
                .orElseThrow();
        String source = returned.path("returns").get(0).path("source_order_id").asText();
        ObjectNode original = square.data().order(source).orElseThrow();
        JsonNode refund = returned.path("refunds").get(0);

        assertThat(refund.path("transaction_id").asText()).isEqualTo(source);
        assertThat(original.path("tenders").findValuesAsText("id")).contains(refund.path("tender_id").asText());
        assertThat(returned.path("return_amounts").path("total_money").path("amount").asLong())
                .isEqualTo(returned.path("refunds").findValues("amount_money").stream()
                        .mapToLong(m -> m.path("amount").asLong()).sum());
    }

    @Test
    void advancing_the_clock_adds_sales_in_the_new_window() {
        try (SquareSandbox own = SquareSandbox.start(SandboxFixture.options().withOrders(20).withOrdersPerHour(5))) {
            int before = own.data().orders().size();
            Instant from = own.data().now();

            own.advance(Duration.ofHours(4));

            List<ObjectNode> added = own.data().orders().stream()
                    .filter(o -> Instant.parse(o.path("created_at").asText()).isAfter(from)).toList();
            assertThat(own.data().orders().size()).isGreaterThan(before);
            assertThat(added).hasSizeGreaterThan(20)
                    .allSatisfy(o -> assertThat(Instant.parse(o.path("created_at").asText()))
                            .isBeforeOrEqualTo(own.data().now()));
        }
    }

    @ParameterizedTest
    @EnumSource(SquareMerchant.class)
    void every_merchants_orders_total_as_square_computes_them(SquareMerchant merchant) {
        try (SquareSandbox own = SquareSandbox.start(SandboxFixture.options().withMerchant(merchant).withOrders(400))) {
            List<ObjectNode> all = own.data().orders();
            assertThat(all).allSatisfy(o -> assertThat(o.path("total_money").path("currency").asText())
                    .isEqualTo(merchant.currency()));
            all.forEach(OrderTotals::assertConsistent);
        }
    }

    @Test
    void a_japanese_merchant_prices_in_whole_yen_with_consumption_tax_taken_out_of_gross_sales() {
        try (SquareSandbox own = SquareSandbox.start(SandboxFixture.options().withMerchant(SquareMerchant.JP)
                .withOrders(50))) {
            ObjectNode order = own.data().orders().stream().filter(o -> o.path("line_items").size() > 0
                    && o.path("total_tax_money").path("amount").asLong() > 0).findFirst().orElseThrow();
            JsonNode line = order.path("line_items").get(0);

            assertThat(order.path("taxes").get(0).path("type").asText()).isEqualTo("INCLUSIVE");
            assertThat(line.path("base_price_money").path("amount").asLong() % 10).isZero();
            assertThat(line.path("gross_sales_money").path("amount").asLong()
                    + line.path("total_tax_money").path("amount").asLong()
                    - line.path("total_discount_money").path("amount").asLong())
                    .isEqualTo(line.path("total_money").path("amount").asLong());
        }
    }

    @Test
    void a_british_merchant_keeps_vat_inside_gross_sales() {
        try (SquareSandbox own = SquareSandbox.start(SandboxFixture.options().withMerchant(SquareMerchant.GB)
                .withOrders(50))) {
            ObjectNode order = own.data().orders().stream().filter(o -> o.path("line_items").size() > 0
                    && o.path("total_discount_money").path("amount").asLong() == 0).findFirst().orElseThrow();
            JsonNode line = order.path("line_items").get(0);

            assertThat(own.data().locations()).allSatisfy(l -> assertThat(l.path("currency").asText())
                    .isEqualTo("GBP"));
            assertThat(line.path("gross_sales_money")).isEqualTo(line.path("total_money"));
            assertThat(line.path("total_tax_money").path("amount").asLong()).isPositive();
        }
    }

    private static Predicate<ObjectNode> lines(Predicate<JsonNode> line) {
        return any("line_items", line);
    }

    private static Predicate<ObjectNode> tenders(Predicate<JsonNode> tender) {
        return any("tenders", tender);
    }

    private static Predicate<ObjectNode> any(String array, Predicate<JsonNode> element) {
        return o -> {
            for (JsonNode e : o.path(array)) {
                if (element.test(e)) {
                    return true;
                }
            }
            return false;
        };
    }
}
