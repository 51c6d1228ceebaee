package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SquareSandboxCustomersIT {

    private static SquareSandbox square;
    private static SquareClient client;

    @BeforeAll
    static void start() {
        square = SquareSandbox.start(SandboxFixture.options().withOrders(5));
        client = new SquareClient(square, square.issueToken());
    }

    @AfterAll
    static void stop() {
        square.close();
    }

    @Test
    void a_limit_below_1_answers_400_value_too_low() {
        SquareClient.Reply reply = client.get("/v2/customers?limit=0");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("VALUE_TOO_LOW");
    }

    @Test
    void a_limit_above_100_answers_400_value_too_high() {
        SquareClient.Reply reply = client.get("/v2/customers?limit=101");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error()).isEqualTo("VALUE_TOO_HIGH");
    }

    @Test
    void customers_page_by_the_limit_and_count_when_asked() {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        int total = -1;
        do {
            SquareClient.Reply reply = client.get("/v2/customers?limit=15&count=true&sort_field=CREATED_AT"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            reply.body().path("customers").forEach(c -> ids.add(c.path("id").asText()));
            total = reply.body().path("count").asInt();
            cursor = reply.body().path("cursor").asText(null);
        } while (cursor != null);

        assertThat(ids).hasSize(square.data().customers().size()).hasSize(total);
    }
}
