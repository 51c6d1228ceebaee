package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SquareSandboxOAuthIT {

    private static final String REDIRECT = "http://127.0.0.1:9/callback";

    private static SquareSandbox square;
    private static SquareClient anonymous;

    @BeforeAll
    static void start() {
        square = SquareSandbox.start(SandboxFixture.options().withOrders(20).withClient("app-id", "app-secret"));
        anonymous = new SquareClient(square, null);
    }

    @AfterAll
    static void stop() {
        square.close();
    }

    @Test
    void authorize_approves_at_once_and_redirects_with_a_code_and_the_state() {
        SquareClient.Reply reply = anonymous.get("/oauth2/authorize?client_id=app-id&scope=ORDERS_READ+PAYMENTS_READ"
                + "&state=xyz-1&redirect_uri=" + REDIRECT);

        assertThat(reply.status()).isEqualTo(302);
        String location = reply.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=sq0cgp-").contains("&state=xyz-1");
    }

    @Test
    void a_code_is_exchanged_for_a_bearer_token_that_lives_30_days_and_reads_the_merchants_data() {
        ObjectNode grant = codeGrant(code("ORDERS_READ MERCHANT_PROFILE_READ"));

        SquareClient.Reply reply = anonymous.post("/oauth2/token", grant);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("token_type").asText()).isEqualTo("bearer");
        assertThat(reply.body().path("merchant_id").asText()).isEqualTo(square.data().merchantId());
        assertThat(Instant.parse(reply.body().path("expires_at").asText()))
                .isEqualTo(square.data().now().plus(Duration.ofDays(30)));
        String token = reply.body().path("access_token").asText();
        assertThat(new SquareClient(square, token).get("/v2/locations").status()).isEqualTo(200);
    }

    @Test
    void a_code_can_be_used_once() {
        ObjectNode grant = codeGrant(code("ORDERS_READ"));
        assertThat(anonymous.post("/oauth2/token", grant).status()).isEqualTo(200);

        SquareClient.Reply again = anonymous.post("/oauth2/token", grant);

        assertThat(again.status()).isEqualTo(401);
        assertThat(again.error()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void a_refresh_token_can_be_used_many_times_and_comes_back_unchanged_with_a_new_access_token() {
        SquareClient.Reply first = anonymous.post("/oauth2/token", codeGrant(code("ORDERS_READ")));
        String refresh = first.body().path("refresh_token").asText();
        ObjectNode grant = SquareClient.json("{\"client_id\":\"app-id\",\"client_secret\":\"app-secret\","
                + "\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + refresh + "\"}");

        SquareClient.Reply second = anonymous.post("/oauth2/token", grant);
        SquareClient.Reply third = anonymous.post("/oauth2/token", grant);

        assertThat(second.body().path("refresh_token").asText()).isEqualTo(refresh);
        assertThat(third.body().path("refresh_token").asText()).isEqualTo(refresh);
        assertThat(second.body().path("access_token").asText())
                .isNotEqualTo(first.body().path("access_token").asText())
                .isNotEqualTo(third.body().path("access_token").asText());
    }

    @Test
    void a_wrong_client_secret_answers_401_with_an_error_body() {
        ObjectNode grant = codeGrant(code("ORDERS_READ"));
        grant.put("client_secret", "wrong");

        SquareClient.Reply reply = anonymous.post("/oauth2/token", grant);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().path("errors").path(0).path("category").asText()).isEqualTo("AUTHENTICATION_ERROR");
    }

    @Test
    void a_short_lived_token_expires_after_24_hours() {
        ObjectNode grant = codeGrant(code("ORDERS_READ"));
        grant.put("short_lived", true);

        SquareClient.Reply reply = anonymous.post("/oauth2/token", grant);

        assertThat(Instant.parse(reply.body().path("expires_at").asText()))
                .isEqualTo(square.data().now().plus(Duration.ofHours(24)));
    }

    @Test
    void a_token_has_only_the_scopes_that_were_authorized() {
        String token = anonymous.post("/oauth2/token", codeGrant(code("ORDERS_READ")))
                .body().path("access_token").asText();

        assertThat(new SquareClient(square, token).get("/v2/customers").error()).isEqualTo("INSUFFICIENT_SCOPES");
    }

    @Test
    void a_pkce_refresh_token_lives_90_days_is_replaced_at_each_refresh_and_works_once() {
        String verifier = "a-long-random-verifier-of-the-app-0123456789";
        String code = code("ORDERS_READ&code_challenge=" + SandboxOAuth.challenge(verifier));
        ObjectNode grant = SquareClient.json("{\"client_id\":\"app-id\",\"grant_type\":\"authorization_code\","
                + "\"code\":\"" + code + "\",\"code_verifier\":\"" + verifier + "\"}");
        SquareClient.Reply first = anonymous.post("/oauth2/token", grant);
        assertThat(Instant.parse(first.body().path("refresh_token_expires_at").asText()))
                .isEqualTo(square.data().now().plus(Duration.ofDays(90)));
        ObjectNode refresh = SquareClient.json("{\"client_id\":\"app-id\",\"grant_type\":\"refresh_token\","
                + "\"refresh_token\":\"" + first.body().path("refresh_token").asText() + "\"}");

        SquareClient.Reply second = anonymous.post("/oauth2/token", refresh);
        SquareClient.Reply replay = anonymous.post("/oauth2/token", refresh);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("refresh_token").asText())
                .isNotEqualTo(first.body().path("refresh_token").asText());
        assertThat(replay.status()).isEqualTo(401);
    }

    @Test
    void a_pkce_code_with_the_wrong_verifier_answers_401() {
        String code = code("ORDERS_READ&code_challenge=" + SandboxOAuth.challenge("the-right-verifier"));

        SquareClient.Reply reply = anonymous.post("/oauth2/token", SquareClient.json("{\"client_id\":\"app-id\","
                + "\"grant_type\":\"authorization_code\",\"code\":\"" + code + "\",\"code_verifier\":\"wrong\"}"));

        assertThat(reply.status()).isEqualTo(401);
    }

    /** A code for the scopes (space-separated; more query parameters may follow after {@code &}). */
    private static String code(String scopes) {
        String location = anonymous.get("/oauth2/authorize?client_id=app-id&scope=" + scopes.replace(' ', '+')
                + "&redirect_uri=" + REDIRECT).headers().firstValue("Location").orElseThrow();
        String query = URI.create(location).getQuery();
        return SandboxRequest.parseQuery(query).get("code");
    }

    private static ObjectNode codeGrant(String code) {
        return SquareClient.json("{\"client_id\":\"app-id\",\"client_secret\":\"app-secret\","
                + "\"grant_type\":\"authorization_code\",\"code\":\"" + code + "\",\"redirect_uri\":\"" + REDIRECT
                + "\"}");
    }
}
