package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The sandbox at Square's own page limits and with thousands of orders: each test seeds a large
 * dataset of its own, so these run with the integration tests rather than in the fast lane.
 */
class SquareSandboxVolumeIT {

    @Test
    void squares_own_limits_are_the_defaults_500_a_page_and_at_most_1000() {
        try (SquareSandbox own = SquareSandbox.start(SandboxFixture.options().withOrders(600))) {
            SquareClient ownClient = new SquareClient(own, own.issueToken());
            ObjectNode body = SquareSandboxOrdersIT.searchAll(own);
            body.remove("limit");

            SquareClient.Reply first = ownClient.post("/v2/orders/search", body);
            body.put("limit", 1001);
            SquareClient.Reply tooMany = ownClient.post("/v2/orders/search", body);

            assertThat(first.body().path("orders")).hasSize(500);
            assertThat(first.body().path("cursor").asText()).isNotEmpty();
            assertThat(tooMany.error()).isEqualTo("VALUE_TOO_HIGH");
        }
    }

    @Test
    void no_order_reaches_the_api_with_an_updated_at_before_its_arrival() {
        try (SquareSandbox own = SquareSandbox.start(SandboxFixture.options().withOrders(3000))) {
            own.advance(Duration.ofDays(4));

            assertThat(own.data().allOrders()).allSatisfy(stored -> assertThat(
                    Instant.parse(stored.node().path("updated_at").asText())).isAfterOrEqualTo(stored.visibleAt()));
        }
    }
}
