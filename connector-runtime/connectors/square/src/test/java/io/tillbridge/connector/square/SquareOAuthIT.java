package io.tillbridge.connector.square;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorSandbox;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.connector.spi.OAuthTokens;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Square's OAuth code flow as the platform runs it, against the shipped sandbox found through
 * {@link ServiceLoader}: authorization URL, the sandbox's approval without a browser, the code
 * exchange through the connector's egress policy, and a config with the grant that reads.
 */
class SquareOAuthIT {

    private static final URI REDIRECT = URI.create("https://tillbridge.example/api/v1/oauth/callback");

    private static ConnectorSandbox sandbox;
    private static SquareConfig config;

    @BeforeAll
    static void start() {
        ConnectorSandbox.Provider provider = ServiceLoader.load(ConnectorSandbox.Provider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.connectorId().equals("square")).findFirst().orElseThrow();
        sandbox = provider.start(42L);
        config = SquareConfig.of(URI.create((String) sandbox.connectionConfig().get("baseUrl")), null);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void the_authorization_url_is_under_the_configs_base_url_with_client_scopes_state_and_redirect() {
        URI url = new SquareConnector().authorizationUrl(config, "app-1", REDIRECT, "st4te");

        assertThat(url.getScheme() + "://" + url.getAuthority()).isEqualTo(sandbox.baseUrl().toString());
        assertThat(url.getPath()).isEqualTo("/oauth2/authorize");
        assertThat(query(url)).containsEntry("client_id", "app-1").containsEntry("state", "st4te")
                .containsEntry("redirect_uri", REDIRECT.toString())
                .containsEntry("scope", String.join(" ", new SquareConnector().scopes()));
    }

    @Test
    void the_scopes_are_the_ones_the_catalog_publishes() {
        assertThat(new SquareConnector().scopes()).isEqualTo(SquareConnector.SPEC.oauth().scopes())
                .contains("ORDERS_READ", "MERCHANT_PROFILE_READ");
    }

    @Test
    void an_approved_code_is_exchanged_and_the_granted_config_checks_and_reads() {
        try (SquareConnector connector = connector(allowSandbox())) {
            Map<String, String> answer = approve(connector, "state-1");
            assertThat(answer).containsEntry("state", "state-1");

            OAuthTokens tokens = connector.exchangeCode(config, sandbox.oauthClientId(), sandbox.oauthClientSecret(),
                    answer.get("code"), REDIRECT);
            SquareConfig granted = connector.withGrant(config, sandbox.oauthClientId(), sandbox.oauthClientSecret(), tokens);

            assertThat(tokens.accessToken()).isNotBlank();
            assertThat(tokens.refreshToken()).isNotBlank();
            assertThat(granted.accessToken()).isEqualTo(tokens.accessToken());
            assertThat(granted.oauthRefreshToken()).isEqualTo(tokens.refreshToken());
            assertThat(granted.oauthClientId()).isEqualTo(sandbox.oauthClientId());
            assertThat(granted.baseUrl()).isEqualTo(config.baseUrl());
            assertThat(connector.check(granted)).isEqualTo(CheckResult.ok());
            CollectingSink sink = new CollectingSink();
            connector.read(granted, "locations", null, sink);
            assertThat(sink.committed()).isNotEmpty();
        }
    }

    @Test
    void a_code_used_twice_is_refused_with_auth() {
        try (SquareConnector connector = connector(allowSandbox())) {
            String code = approve(connector, "s").get("code");
            connector.exchangeCode(config, sandbox.oauthClientId(), sandbox.oauthClientSecret(), code, REDIRECT);

            assertThatThrownBy(() -> connector.exchangeCode(config, sandbox.oauthClientId(),
                    sandbox.oauthClientSecret(), code, REDIRECT))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH));
        }
    }

    @Test
    void a_wrong_client_secret_is_refused_with_auth() {
        try (SquareConnector connector = connector(allowSandbox())) {
            String code = approve(connector, "s").get("code");

            assertThatThrownBy(() -> connector.exchangeCode(config, sandbox.oauthClientId(), "wrong", code, REDIRECT))
                    .isInstanceOfSatisfying(ConnectorException.class,
                            e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH));
        }
    }

    @Test
    void the_code_exchange_obeys_the_egress_policy_and_is_refused_before_a_socket_opens() {
        try (SquareConnector connector = connector(EgressPolicy.strict())) {
            assertThatThrownBy(() -> connector.exchangeCode(config, sandbox.oauthClientId(),
                    sandbox.oauthClientSecret(), "any-code", REDIRECT))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.category()).isEqualTo(ConnectorException.Category.CONFIG);
                        assertThat(e.getMessage()).contains("loopback");
                    });
        }
    }

    @Test
    void the_sandbox_refuses_to_approve_another_page_or_an_unknown_client() {
        URI elsewhere = URI.create("http://127.0.0.1:9/oauth2/authorize?client_id=" + sandbox.oauthClientId());
        assertThatThrownBy(() -> sandbox.approve(elsewhere)).isInstanceOf(IllegalArgumentException.class);
        URI unknownClient = new SquareConnector().authorizationUrl(config, "someone-else", REDIRECT, "s");
        assertThatThrownBy(() -> sandbox.approve(unknownClient)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_sandbox_started_again_with_the_same_seed_has_the_same_merchant() {
        ConnectorSandbox again = ServiceLoader.load(ConnectorSandbox.Provider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.connectorId().equals("square")).findFirst()
                .orElseThrow().start(42L);
        try (again; SquareConnector first = connector(allowSandbox());
                SquareConnector second = connector(EgressPolicy.builder()
                        .allowEndpoint("127.0.0.1", again.baseUrl().getPort()).build())) {
            SquareConfig other = SquareConfig.of(URI.create((String) again.connectionConfig().get("baseUrl")), null);
            assertThat(locations(first, sandbox, config)).isEqualTo(locations(second, again, other));
        }
    }

    private static String locations(SquareConnector connector, ConnectorSandbox at, SquareConfig base) {
        URI redirect = at.approve(connector.authorizationUrl(base, at.oauthClientId(), REDIRECT, "s"));
        Map<String, String> answer = query(redirect);
        OAuthTokens tokens = connector.exchangeCode(base, at.oauthClientId(), at.oauthClientSecret(), answer.get("code"),
                REDIRECT);
        CollectingSink sink = new CollectingSink();
        connector.read(connector.withGrant(base, at.oauthClientId(), at.oauthClientSecret(), tokens), "locations",
                null, sink);
        return sink.committed().stream().map(r -> r.key()).sorted().toList().toString();
    }

    private static Map<String, String> approve(SquareConnector connector, String state) {
        return query(sandbox.approve(connector.authorizationUrl(config, sandbox.oauthClientId(), REDIRECT, state)));
    }

    private static EgressPolicy allowSandbox() {
        return EgressPolicy.builder().allowEndpoint("127.0.0.1", sandbox.baseUrl().getPort()).build();
    }

    private static SquareConnector connector(EgressPolicy egress) {
        SandboxTime time = new SandboxTime(SandboxReads.NOW);
        return new SquareConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, egress);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }
}
