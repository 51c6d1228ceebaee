package io.tillbridge.connector.clover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seeded data of three merchants: a US merchant with two tax rates, a VAT merchant in GBP, one in JPY. */
class CloverSandboxDataIT {

    private static final Map<String, Map<String, List<JsonNode>>> PAYMENTS = new HashMap<>();
    private static CloverSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = CloverSandbox.start(SandboxFixture.options().withOrders(400, Duration.ofDays(60))
                .withMerchants(CloverMerchant.US_CHICAGO, CloverMerchant.GB_LONDON, CloverMerchant.JP_TOKYO));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void every_order_total_is_its_lines_less_discounts_plus_service_charge_and_added_tax() {
        for (String mId : sandbox.merchantIds()) {
            assertThat(sandbox.data().orders(mId)).allSatisfy(order ->
                    assertThat(order.path("total").asLong()).as("order %s", order.path("id"))
                            .isEqualTo(OrderTotals.of(order).total()));
        }
    }

    @Test
    void the_payments_of_every_paid_order_add_up_to_its_total_and_tax() {
        for (String mId : sandbox.merchantIds()) {
            for (JsonNode order : sandbox.data().orders(mId)) {
                List<JsonNode> payments = paymentsOf(mId, order);
                if ("voided".equals(order.path("state").asText()) || "open".equals(order.path("state").asText())) {
                    assertThat(payments).as("order %s", order.path("id")).isEmpty();
                    continue;
                }
                assertThat(payments.stream().mapToLong(p -> p.path("amount").asLong()).sum())
                        .as("order %s", order.path("id")).isEqualTo(order.path("total").asLong());
                assertThat(payments.stream().mapToLong(p -> p.path("taxAmount").asLong()).sum())
                        .as("order %s", order.path("id")).isEqualTo(OrderTotals.of(order).tax());
            }
        }
    }

    @Test
    void refunds_never_exceed_their_payment_and_name_its_order_and_lines() {
        for (String mId : sandbox.merchantIds()) {
            List<JsonNode> refunds = sandbox.data().refunds(mId);
            for (JsonNode payment : sandbox.data().payments(mId)) {
                long refunded = refunds.stream()
                        .filter(r -> r.path("payment").path("id").asText().equals(payment.path("id").asText()))
                        .mapToLong(r -> r.path("amount").asLong()).sum();
                assertThat(refunded).isLessThanOrEqualTo(payment.path("amount").asLong());
            }
            assertThat(refunds).isNotEmpty().allSatisfy(r -> {
                JsonNode order = sandbox.data().order(mId, r.path("orderRef").path("id").asText()).orElseThrow();
                List<String> lineIds = order.path("lineItems").path("elements").findValuesAsText("id");
                assertThat(r.path("lineItems").path("elements")).isNotEmpty()
                        .allSatisfy(l -> assertThat(lineIds).contains(l.path("id").asText()));
                assertThat(order.path("paymentState").asText()).isIn("PARTIALLY_REFUNDED", "REFUNDED");
            });
        }
    }

    @Test
    void the_data_has_the_cases_a_connector_must_handle() {
        String mId = sandbox.merchantIds().get(0);
        List<JsonNode> orders = sandbox.data().orders(mId);
        List<JsonNode> payments = sandbox.data().payments(mId);
        List<JsonNode> lines = new ArrayList<>();
        orders.forEach(o -> o.path("lineItems").path("elements").forEach(lines::add));

        assertThat(orders).extracting(o -> o.path("state").asText()).contains("voided", "locked");
        assertThat(orders).extracting(o -> o.path("paymentState").asText()).contains("PAID", "REFUNDED",
                "PARTIALLY_REFUNDED");
        assertThat(orders).extracting(o -> o.path("payType").asText()).contains("SPLIT_CUSTOM");
        assertThat(orders).filteredOn(o -> !o.path("discounts").path("elements").isEmpty()).isNotEmpty();
        assertThat(orders).filteredOn(o -> o.path("serviceCharge").path("percentageDecimal").asLong() > 0).isNotEmpty();
        assertThat(orders).filteredOn(o -> !o.path("customers").path("elements").isEmpty()).isNotEmpty();
        assertThat(orders).filteredOn(o -> o.path("taxRemoved").asBoolean()).isNotEmpty()
                .allSatisfy(o -> assertThat(OrderTotals.of(o).tax()).isZero());
        assertThat(lines).filteredOn(l -> !l.path("modifications").path("elements").isEmpty()).isNotEmpty();
        assertThat(lines).filteredOn(l -> !l.path("discounts").path("elements").isEmpty()).isNotEmpty();
        assertThat(lines).filteredOn(l -> l.path("unitQty").asLong() > 0).isNotEmpty();
        assertThat(lines).filteredOn(l -> l.path("taxRates").path("elements").size() == 2).isNotEmpty();
        assertThat(lines).filteredOn(l -> !l.path("isRevenue").asBoolean()).isNotEmpty();
        Set<String> exchanged = lines.stream().filter(l -> l.path("exchanged").asBoolean())
                .map(l -> l.path("id").asText()).collect(Collectors.toSet());
        assertThat(lines).filteredOn(l -> l.has("exchangedLineItem")).isNotEmpty()
                .allSatisfy(l -> assertThat(exchanged).contains(l.path("exchangedLineItem").path("id").asText()));
        assertThat(payments).filteredOn(p -> p.path("tipAmount").asLong() > 0).isNotEmpty();
        assertThat(payments).extracting(p -> p.path("tender").path("labelKey").asText())
                .contains("com.clover.tender.credit_card", "com.clover.tender.cash",
                        "com.clover.tender.external_gift_card");
        assertThat(payments).filteredOn(p -> p.path("cardTransaction").has("cardType")).isNotEmpty();
    }

    @Test
    void offline_orders_were_rung_up_up_to_72_hours_before_they_reached_clover() {
        String mId = sandbox.merchantIds().get(0);
        List<JsonNode> offline = sandbox.data().orders(mId).stream()
                .filter(o -> o.path("createdTime").asLong() - o.path("clientCreatedTime").asLong() > 60_000).toList();

        assertThat(offline).isNotEmpty().allSatisfy(o -> {
            assertThat(o.path("createdTime").asLong() - o.path("clientCreatedTime").asLong())
                    .isLessThanOrEqualTo(Duration.ofHours(72).toMillis());
            assertThat(paymentsOf(mId, o)).allSatisfy(p -> assertThat(p.path("offline").asBoolean()).isTrue());
        });
    }

    @Test
    void sales_are_rung_up_during_opening_hours_in_the_merchants_time_zone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        List<JsonNode> orders = sandbox.data().orders(sandbox.merchantIds().get(2));

        long open = orders.stream().map(o -> Instant.ofEpochMilli(o.path("clientCreatedTime").asLong()).atZone(tokyo))
                .filter(t -> t.getHour() >= 7 && t.getHour() < 22).count();

        assertThat(open).isGreaterThanOrEqualTo(orders.size() * 9L / 10);
    }

    @Test
    void a_vat_merchant_includes_tax_and_a_jpy_merchant_has_whole_yen() {
        String london = sandbox.merchantIds().get(1);
        String tokyo = sandbox.merchantIds().get(2);

        assertThat(sandbox.data().orders(london)).allSatisfy(o -> {
            assertThat(o.path("isVat").asBoolean()).isTrue();
            assertThat(o.path("currency").asText()).isEqualTo("GBP");
        });
        assertThat(sandbox.data().orders(tokyo)).allSatisfy(o -> {
            assertThat(o.path("currency").asText()).isEqualTo("JPY");
            assertThat(o.path("total").isIntegralNumber()).isTrue();
        });
        assertThat(sandbox.data().payments(tokyo)).filteredOn(p -> p.has("cashTendered"))
                .isNotEmpty().allSatisfy(p -> assertThat(p.path("cashTendered").asLong() % 1000).isZero());
    }

    @Test
    void each_merchant_has_its_own_time_zone_and_currency_in_its_properties() {
        List<String> zones = new ArrayList<>();
        for (String mId : sandbox.merchantIds()) {
            CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));
            JsonNode merchant = client.get(mId, "", "expand", "properties").body();
            assertThat(merchant.path("id").asText()).isEqualTo(mId);
            assertThat(client.get(mId, "").body().has("properties")).isFalse();
            assertThat(client.get(mId, "/properties").body()).isEqualTo(merchant.path("properties"));
            zones.add(merchant.path("properties").path("timezone").asText() + " "
                    + merchant.path("properties").path("defaultCurrency").asText());
        }
        assertThat(zones).containsExactly("America/Chicago USD", "Europe/London GBP", "Asia/Tokyo JPY");
    }

    @Test
    void devices_customers_and_tax_rates_are_listed() {
        String mId = sandbox.merchantIds().get(0);
        CloverClient client = new CloverClient(sandbox, sandbox.issueToken(mId));

        assertThat(client.get(mId, "/devices").body().path("elements")).hasSize(2);
        assertThat(client.get(mId, "/tax_rates").body().path("elements")).hasSize(2)
                .anySatisfy(t -> assertThat(t.path("rate").asLong()).isEqualTo(1_025_000));
        JsonNode customers = client.get(mId, "/customers", "expand", "emailAddresses").body().path("elements");
        assertThat(customers).hasSize(40).allSatisfy(c ->
                assertThat(c.path("emailAddresses").path("elements").get(0).path("emailAddress").asText())
                        .contains("@"));
        assertThat(client.get(mId, "/categories", "expand", "items").body().path("elements").get(0)
                .path("items").path("elements")).isNotEmpty();
    }

    private static List<JsonNode> paymentsOf(String mId, JsonNode order) {
        return PAYMENTS.computeIfAbsent(mId, m -> sandbox.data().payments(m).stream()
                        .collect(Collectors.groupingBy(p -> p.path("order").path("id").asText())))
                .getOrDefault(order.path("id").asText(), List.of());
    }
}
