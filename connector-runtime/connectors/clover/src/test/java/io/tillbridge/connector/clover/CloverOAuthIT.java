package io.tillbridge.connector.clover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.clover.sandbox.CloverMerchant;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorSandbox;
import io.tillbridge.connector.spi.OAuthTokens;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Connecting through Clover's OAuth v2 against the shipped sandbox, without a browser. */
class CloverOAuthIT {

    private static final URI REDIRECT = URI.create("https://portal.tillbridge.example/oauth/clover/callback");

    @Test
    void the_shipped_sandbox_approves_and_the_code_exchange_gives_a_working_grant() {
        try (ConnectorSandbox sandbox = shippedSandbox().start(51)) {
            CloverConnector connector = connector();
            CloverConfig config = CloverConfig.of(URI.create((String) sandbox.connectionConfig().get("baseUrl")),
                    (String) sandbox.connectionConfig().get("merchantId"), null);
            URI authorize = connector.authorizationUrl(config, sandbox.oauthClientId(), REDIRECT, "state-51");
            assertThat(authorize.getPath()).isEqualTo("/oauth/v2/authorize");
            Map<String, String> answer = query(sandbox.approve(authorize));
            assertThat(answer).containsEntry("state", "state-51").containsKey("code");

            OAuthTokens tokens = connector.exchangeCode(config, sandbox.oauthClientId(), sandbox.oauthClientSecret(),
                    answer.get("code"), REDIRECT);
            assertThat(tokens.accessToken()).isNotBlank();
            assertThat(tokens.refreshToken()).isNotBlank();
            assertThat(tokens.expiresAt()).isNotNull();
            CloverConfig granted = connector.withGrant(config, sandbox.oauthClientId(), sandbox.oauthClientSecret(),
                    tokens);
            assertThat(granted.usesOAuth()).isTrue();
            assertThat(connector().check(granted)).isEqualTo(CheckResult.ok());
            CollectingSink locations = new CollectingSink();
            connector().read(granted, PosStreams.LOCATIONS, null, locations);
            assertThat(locations.committed()).singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo(config.merchantId()));

            assertThatThrownBy(() -> connector.exchangeCode(config, sandbox.oauthClientId(), sandbox.oauthClientSecret(),
                    answer.get("code"), REDIRECT)).as("a code is good once").isInstanceOfSatisfying(
                    ConnectorException.class, e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH));
            assertThatThrownBy(() -> sandbox.approve(URI.create("https://www.clover.com/oauth/v2/authorize?client_id=x")))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void an_expired_access_token_is_refreshed_and_the_rotated_refresh_token_kept() {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(52, CloverMerchant.US_NEW_YORK, 30)
                .withTokenLifetimes(Duration.ofMinutes(30), Duration.ofDays(365)), 50)) {
            CloverConnector connector = sandbox.connector();
            URI authorize = connector.authorizationUrl(sandbox.config, sandbox.clover.options().clientId(), REDIRECT,
                    "s");
            String code = query(approve(authorize)).get("code");
            OAuthTokens tokens = connector.exchangeCode(sandbox.config, sandbox.clover.options().clientId(),
                    sandbox.clover.options().clientSecret(), code, REDIRECT);
            CloverConfig granted = connector.withGrant(sandbox.config, sandbox.clover.options().clientId(),
                    sandbox.clover.options().clientSecret(), tokens);
            sandbox.advance(Duration.ofMinutes(45));
            CollectingSink orders = new CollectingSink();
            connector.read(granted, CloverStreams.ORDERS, null, orders);
            assertThat(orders.committed()).hasSize(sandbox.orders().size());
            // The refresh token used is spent: a second refresh with it would be refused, so it must have been
            // replaced in the connection's token store.
            CollectingSink again = new CollectingSink();
            sandbox.advance(Duration.ofMinutes(45));
            connector.read(granted, PosStreams.LOCATIONS, null, again);
            assertThat(again.committed()).hasSize(1);
        }
    }

    private static URI approve(URI authorize) {
        // The sandbox's authorize page grants at once and redirects; read where to.
        try {
            java.net.http.HttpResponse<Void> response = java.net.http.HttpClient.newBuilder()
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build()
                    .send(java.net.http.HttpRequest.newBuilder(authorize).build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
            return URI.create(response.headers().firstValue("Location").orElseThrow());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConnectorSandbox.Provider shippedSandbox() {
        return ServiceLoader.load(ConnectorSandbox.Provider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> CloverConnector.ID.equals(p.connectorId())).findFirst().orElseThrow();
    }

    private static CloverConnector connector() {
        return new CloverConnector(RetryPolicy.DEFAULT.withMaxRetries(2), Sleeper.REAL, Clock.systemUTC(), () -> 0.5,
                TestEgress.LOOPBACK);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }
}
