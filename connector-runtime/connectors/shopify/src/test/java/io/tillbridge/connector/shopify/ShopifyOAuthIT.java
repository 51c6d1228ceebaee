package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.ConfigSchema;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorSandbox;
import io.tillbridge.connector.spi.OAuthTokens;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connecting through OAuth against the sandbox shipped with the connector, found as the platform finds it. */
class ShopifyOAuthIT {

    private static final URI REDIRECT = URI.create("https://platform.example/api/v1/oauth/callback");

    private ConnectorSandbox sandbox;
    private ShopifyConfig config;

    @BeforeEach
    void start() {
        ConnectorSandbox.Provider provider = ServiceLoader.load(ConnectorSandbox.Provider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.connectorId().equals("shopify")).findFirst()
                .orElseThrow();
        sandbox = provider.start(3);
        Map<String, Object> values = sandbox.connectionConfig();
        config = new ShopifyConfig(URI.create((String) values.get("baseUrl")), (String) values.get("shop"), null,
                null, null, (String) values.get("apiVersion"), null, null, null, null, null, null);
        assertThat(ConfigSchema.of(ShopifyConfig.class).path("properties").has("baseUrl")).isTrue();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static ShopifyConnector connector() {
        return new ShopifyConnector(io.tillbridge.connector.rest.RetryPolicy.DEFAULT,
                io.tillbridge.connector.rest.Sleeper.REAL, java.time.Clock.systemUTC(), () -> 0.5,
                io.tillbridge.connector.TestEgress.LOOPBACK);
    }

    @Test
    void an_approved_authorization_is_exchanged_for_a_token_that_reads_the_shop() {
        try (ShopifyConnector connector = connector()) {
            URI authorize = connector.authorizationUrl(config, sandbox.oauthClientId(), REDIRECT, "state-123");
            URI redirect = sandbox.approve(authorize);
            assertThat(redirect.toString()).startsWith(REDIRECT.toString());
            Map<String, String> query = query(redirect);
            assertThat(query).containsEntry("state", "state-123").containsKey("code").containsKey("hmac");

            OAuthTokens tokens = connector.exchangeCode(config, sandbox.oauthClientId(), sandbox.oauthClientSecret(),
                    query.get("code"), REDIRECT);
            assertThat(tokens.accessToken()).startsWith("shpat_");
            assertThat(tokens.refreshToken()).isNull();

            ShopifyConfig granted = connector.withGrant(config, sandbox.oauthClientId(), sandbox.oauthClientSecret(),
                    tokens);
            assertThat(granted.oauthClientSecret()).isEqualTo(sandbox.oauthClientSecret());
            assertThat(connector.check(granted)).isEqualTo(CheckResult.ok());

            // A code is good once.
            assertThatThrownBy(() -> connector.exchangeCode(config, sandbox.oauthClientId(),
                    sandbox.oauthClientSecret(), query.get("code"), REDIRECT))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH));
        }
    }

    @Test
    void a_wrong_client_secret_is_refused_auth() {
        try (ShopifyConnector connector = connector()) {
            URI redirect = sandbox.approve(connector.authorizationUrl(config, sandbox.oauthClientId(), REDIRECT, "s"));
            assertThatThrownBy(() -> connector.exchangeCode(config, sandbox.oauthClientId(), "wrong-secret",
                    query(redirect).get("code"), REDIRECT))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH));
        }
    }

    @Test
    void approve_refuses_a_page_that_is_not_the_sandboxs_or_an_unknown_client() {
        try (ShopifyConnector connector = connector()) {
            assertThatThrownBy(() -> sandbox.approve(URI.create("https://evil.example/admin/oauth/authorize")))
                    .isInstanceOf(IllegalArgumentException.class);
            URI unknownClient = connector.authorizationUrl(config, "not-our-app", REDIRECT, "s");
            assertThatThrownBy(() -> sandbox.approve(unknownClient)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> p[0], p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
    }
}
