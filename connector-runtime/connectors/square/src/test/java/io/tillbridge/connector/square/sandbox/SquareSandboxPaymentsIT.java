package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SquareSandboxPaymentsIT {

    private static SquareSandbox square;
    private static SquareClient client;

    @BeforeAll
    static void start() {
        square = SquareSandbox.start(SandboxFixture.options().withOrders(600, Duration.ofDays(10)));
        client = new SquareClient(square, square.issueToken());
    }

    @AfterAll
    static void stop() {
        square.close();
    }

    @Test
    void payments_of_a_location_page_by_100_newest_first_until_no_cursor() {
        String location = square.data().locations().get(1).path("id").asText();

        List<JsonNode> payments = all(c -> "/v2/payments?location_id=" + location + (c == null ? "" : "&cursor=" + c),
                "payments");

        assertThat(payments).hasSizeGreaterThan(100);
        List<Instant> created = payments.stream().map(p -> Instant.parse(p.path("created_at").asText())).toList();
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(payments).allSatisfy(p -> assertThat(p.path("location_id").asText()).isEqualTo(location));
        long expected = square.data().payments().stream()
                .filter(p -> location.equals(p.path("location_id").asText())).count();
        assertThat(payments).hasSize((int) expected);
    }

    @Test
    void payments_without_a_location_are_those_of_the_main_location() {
        String main = square.data().locations().get(0).path("id").asText();

        JsonNode payments = client.get("/v2/payments?limit=10").body().path("payments");

        assertThat(payments).hasSize(10).allSatisfy(p -> assertThat(p.path("location_id").asText()).isEqualTo(main));
    }

    @Test
    void a_payments_limit_above_100_is_ignored() {
        assertThat(client.get("/v2/payments?limit=500").body().path("payments")).hasSize(100);
    }

    @Test
    void payments_filter_on_begin_and_end_time_ascending() {
        JsonNode payments = client.get("/v2/payments?begin_time=2026-02-25T00:00:00Z&end_time=2026-02-26T00:00:00Z"
                + "&sort_order=ASC&limit=100").body().path("payments");

        assertThat(payments).isNotEmpty();
        List<Instant> created = new ArrayList<>();
        payments.forEach(p -> created.add(Instant.parse(p.path("created_at").asText())));
        assertThat(created).isSorted().allSatisfy(t -> assertThat(t)
                .isBetween(Instant.parse("2026-02-25T00:00:00Z"), Instant.parse("2026-02-26T00:00:00Z")));
    }

    @Test
    void a_query_cursor_sent_with_other_parameters_answers_400_invalid_cursor() {
        String cursor = client.get("/v2/payments?limit=5").body().path("cursor").asText();

        SquareClient.Reply reply = client.get("/v2/payments?limit=6&cursor=" + cursor);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("INVALID_CURSOR");
    }

    @Test
    void a_payment_is_what_its_order_tender_says_tip_included() {
        for (ObjectNode payment : square.data().payments()) {
            ObjectNode order = square.data().order(payment.path("order_id").asText()).orElseThrow();
            JsonNode tender = null;
            for (JsonNode t : order.path("tenders")) {
                tender = payment.path("id").asText().equals(t.path("payment_id").asText()) ? t : tender;
            }
            assertThat(tender).as("the tender of %s", payment.path("id").asText()).isNotNull();
            assertThat(payment.path("total_money")).isEqualTo(tender.path("amount_money"));
            assertThat(payment.path("amount_money").path("amount").asLong()
                    + payment.path("tip_money").path("amount").asLong())
                    .isEqualTo(payment.path("total_money").path("amount").asLong());
        }
    }

    @Test
    void refunds_of_every_location_are_listed_and_add_up_to_the_payments_refunded_money() {
        List<JsonNode> refunds = all(c -> "/v2/refunds" + (c == null ? "" : "?cursor=" + c), "refunds");

        assertThat(refunds).isNotEmpty().hasSize(square.data().refunds().size());
        assertThat(refunds.stream().map(r -> r.path("location_id").asText()).distinct().count()).isGreaterThan(1);
        for (ObjectNode payment : square.data().payments()) {
            long refunded = refunds.stream()
                    .filter(r -> r.path("payment_id").asText().equals(payment.path("id").asText()))
                    .mapToLong(r -> r.path("amount_money").path("amount").asLong()).sum();
            assertThat(payment.path("refunded_money").path("amount").asLong()).isEqualTo(refunded);
        }
    }

    @Test
    void a_refund_filter_on_updated_at_returns_only_refunds_updated_since() {
        Instant since = Instant.parse("2026-02-27T00:00:00Z");

        JsonNode refunds = client.get("/v2/refunds?updated_at_begin_time=2026-02-27T00:00:00Z&sort_field=UPDATED_AT")
                .body().path("refunds");

        refunds.forEach(r -> assertThat(Instant.parse(r.path("updated_at").asText())).isAfterOrEqualTo(since));
        assertThat(refunds).hasSize((int) square.data().refunds().stream()
                .filter(r -> !Instant.parse(r.path("updated_at").asText()).isBefore(since)).count());
    }

    private static List<JsonNode> all(Function<String, String> page, String field) {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            SquareClient.Reply reply = client.get(page.apply(cursor));
            assertThat(reply.status()).isEqualTo(200);
            reply.body().path(field).forEach(out::add);
            cursor = reply.body().path("cursor").asText(null);
        } while (cursor != null);
        return out;
    }
}
