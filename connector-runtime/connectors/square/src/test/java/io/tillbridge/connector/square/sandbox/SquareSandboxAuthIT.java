package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SquareSandboxAuthIT {

    private static SquareSandbox square;

    @BeforeAll
    static void start() {
        square = SquareSandbox.start(SandboxFixture.options());
    }

    @AfterAll
    static void stop() {
        square.close();
    }

    @Test
    void a_request_without_a_bearer_token_answers_401_unauthorized_in_squares_envelope() {
        SquareClient.Reply reply = new SquareClient(square, null).get("/v2/locations");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().path("errors").path(0).path("category").asText()).isEqualTo("AUTHENTICATION_ERROR");
        assertThat(reply.error()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void an_unknown_token_answers_401_unauthorized() {
        assertThat(new SquareClient(square, "EAAAnot-a-token").get("/v2/locations").error()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void an_expired_token_answers_401_access_token_expired() {
        try (SquareSandbox own = SquareSandbox.start(SandboxFixture.options().withOrders(5))) {
            String token = own.issueToken(Duration.ofMinutes(5), SandboxOAuth.ALL_SCOPES);
            assertThat(new SquareClient(own, token).get("/v2/locations").status()).isEqualTo(200);

            own.advance(Duration.ofMinutes(6));

            SquareClient.Reply reply = new SquareClient(own, token).get("/v2/locations");
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.error()).isEqualTo("ACCESS_TOKEN_EXPIRED");
        }
    }

    @Test
    void a_token_without_the_endpoints_scope_answers_403_insufficient_scopes() {
        String token = square.issueToken(Duration.ofDays(1), Set.of("MERCHANT_PROFILE_READ"));

        SquareClient.Reply reply = new SquareClient(square, token).get("/v2/customers");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error()).isEqualTo("INSUFFICIENT_SCOPES");
    }

    @Test
    void locations_are_three_in_different_time_zones_of_the_tokens_merchant() {
        SquareClient.Reply reply = new SquareClient(square, square.issueToken()).get("/v2/locations");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("locations")).hasSize(3);
        assertThat(reply.body().path("locations").findValuesAsText("timezone"))
                .containsExactly("America/New_York", "America/Los_Angeles", "America/Chicago");
        assertThat(reply.body().path("locations").findValuesAsText("merchant_id")).containsOnly(
                square.data().merchantId());
        assertThat(reply.body().path("locations").findValuesAsText("currency")).containsOnly("USD");
    }
}
