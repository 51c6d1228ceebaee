package io.tillbridge.connector.square;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.ConnectorRegistry;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.square.sandbox.SquareMerchant;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Access tokens, Square's OAuth2 refresh grant and the error envelope in messages. */
class SquareAuthTest {

    private static SandboxReads sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxReads(SandboxReads.options(2, SquareMerchant.US, 10), 100);
    }

    @AfterAll
    static void stop() {
        sandbox.square.close();
    }

    @Test
    void the_spec_names_squares_oauth_flow_and_its_streams() {
        ConnectorSpec<SquareConfig> spec = new SquareConnector().spec();
        assertThat(spec.id()).isEqualTo("square");
        assertThat(spec.roles()).containsExactlyInAnyOrder(ConnectorSpec.Role.SOURCE, ConnectorSpec.Role.TARGET);
        assertThat(spec.streams()).contains("orders", "inventory", PosStreams.ORDERS, PosStreams.ITEMS,
                PosStreams.INVENTORY, "inventory_adjustments");
        assertThat(spec.oauth().authorizeUrl()).isEqualTo("https://connect.squareup.com/oauth2/authorize");
        assertThat(spec.oauth().tokenUrl()).isEqualTo("https://connect.squareup.com/oauth2/token");
        assertThat(String.join(spec.oauth().scopeSeparator(), spec.oauth().scopes())).isEqualTo(
                "ORDERS_READ ITEMS_READ INVENTORY_READ INVENTORY_WRITE CUSTOMERS_READ PAYMENTS_READ MERCHANT_PROFILE_READ");
    }

    @Test
    void the_runtime_finds_the_connector_by_its_id() {
        assertThat(ConnectorRegistry.load().create("square")).isInstanceOf(SquareConnector.class);
    }

    @Test
    void a_refused_token_fails_auth_with_squares_error_code_in_the_message() {
        try (SquareConnector connector = sandbox.connector()) {
            CheckResult result = connector.check(sandbox.config.withAccessToken("EAAAnot-a-token"));

            assertThat(result.status()).isEqualTo(CheckResult.Status.AUTH);
            assertThat(result.message()).contains("AUTHENTICATION_ERROR/UNAUTHORIZED").doesNotContain("EAAAnot-a-token");
        }
    }

    @Test
    void an_expired_access_token_is_refreshed_with_the_refresh_token_and_the_request_repeated()
            throws IOException, InterruptedException {
        String refreshToken = refreshTokenOfAGrant();
        String shortLived = sandbox.square.issueToken(Duration.ofMinutes(1), Set.of("MERCHANT_PROFILE_READ"));
        sandbox.square.advance(Duration.ofMinutes(2));
        SquareConfig oauth = sandbox.config.withAccessToken(shortLived).withOAuth(
                sandbox.square.options().clientId(), sandbox.square.options().clientSecret(), refreshToken);

        try (SquareConnector connector = sandbox.connector()) {
            CheckResult plain = connector.check(sandbox.config.withAccessToken(shortLived));
            assertThat(plain.status()).isEqualTo(CheckResult.Status.AUTH);
            assertThat(plain.message()).contains("ACCESS_TOKEN_EXPIRED");

            assertThat(connector.check(oauth)).isEqualTo(CheckResult.ok());
        }
    }

    /** The authorization-code flow as a merchant's browser and the platform would run it. */
    private static String refreshTokenOfAGrant() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        URI base = sandbox.square.baseUri();
        String redirect = "http://127.0.0.1/callback";
        HttpResponse<String> authorize = http.send(HttpRequest.newBuilder(base.resolve("/oauth2/authorize?client_id="
                + sandbox.square.options().clientId() + "&scope=" + URLEncoder.encode("MERCHANT_PROFILE_READ ORDERS_READ",
                StandardCharsets.UTF_8) + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher code = Pattern.compile("code=([^&]+)").matcher(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(code.find()).isTrue();
        String body = SquareApi.JSON.createObjectNode().put("client_id", sandbox.square.options().clientId())
                .put("client_secret", sandbox.square.options().clientSecret()).put("grant_type", "authorization_code")
                .put("code", java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8))
                .put("redirect_uri", redirect).toString();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(base.resolve("/oauth2/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = SquareApi.JSON.readTree(token.body());
        return answer.path("refresh_token").asText();
    }
}
