package io.tillbridge.connector.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandbox;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandboxOptions;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.sandbox.UrlEncoded;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.OAuthTokens;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connecting with Intuit's authorization-code flow, against the sandbox's consent page and token endpoint. */
class QuickBooksOAuthIT {

    private static final URI REDIRECT = URI.create("https://tillbridge.example/api/v1/oauth/callback");

    private QuickBooksSandbox sandbox;
    private QuickBooksConnector connector;
    private QuickBooksConfig config;

    @BeforeEach
    void start() {
        sandbox = QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withLimits(0, 0));
        ManualTime time = new ManualTime(Instant.now());
        connector = new QuickBooksConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK);
        config = QuickBooksConfig.of(sandbox.baseUri(), sandbox.realmId(), null)
                .withOAuth(sandbox.baseUri().resolve("/oauth2/v1/tokens/bearer"), null, null, null);
    }

    @AfterEach
    void stop() {
        connector.close();
        sandbox.close();
    }

    @Test
    void intuits_own_api_hosts_send_the_merchant_to_intuits_consent_page() {
        URI url = connector.authorizationUrl(QuickBooksConfig.of(URI.create(QuickBooksConfig.PRODUCTION_URL), "1", null),
                "app-1", REDIRECT, "st4te");
        assertThat(url.getHost()).isEqualTo("appcenter.intuit.com");
        assertThat(UrlEncoded.parseLast(url.getRawQuery())).containsEntry("client_id", "app-1")
                .containsEntry("response_type", "code").containsEntry("state", "st4te")
                .containsEntry("scope", "com.intuit.quickbooks.accounting")
                .containsEntry("redirect_uri", REDIRECT.toString());
    }

    @Test
    void an_approved_code_is_exchanged_and_the_granted_config_checks() {
        QuickBooksSandboxOptions options = QuickBooksSandboxOptions.defaults();
        URI url = connector.authorizationUrl(config, options.clientId(), REDIRECT, "state-1");
        assertThat(url.getPort()).isEqualTo(sandbox.baseUri().getPort());
        Map<String, String> answer = UrlEncoded.parseLast(sandbox.approve(url).getRawQuery());
        assertThat(answer).containsEntry("state", "state-1").containsEntry("realmId", sandbox.realmId());

        OAuthTokens tokens = connector.exchangeCode(config, options.clientId(), options.clientSecret(),
                answer.get("code"), REDIRECT);
        QuickBooksConfig granted = connector.withGrant(config, options.clientId(), options.clientSecret(), tokens);

        assertThat(tokens.accessToken()).isNotBlank();
        assertThat(granted.oauthRefreshToken()).isEqualTo(tokens.refreshToken()).isNotBlank();
        assertThat(connector.check(granted)).isEqualTo(CheckResult.ok());
    }

    @Test
    void a_code_used_twice_is_refused_as_auth() {
        QuickBooksSandboxOptions options = QuickBooksSandboxOptions.defaults();
        String code = UrlEncoded.parseLast(sandbox.approve(connector.authorizationUrl(config, options.clientId(),
                REDIRECT, "s")).getRawQuery()).get("code");
        connector.exchangeCode(config, options.clientId(), options.clientSecret(), code, REDIRECT);

        assertThatThrownBy(() -> connector.exchangeCode(config, options.clientId(), options.clientSecret(), code,
                REDIRECT)).isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH));
    }
}
