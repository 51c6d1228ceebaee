package io.tillbridge.connector.xero;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorSandbox;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class XeroOAuthIT {

    @Test
    void a_connection_with_only_a_refresh_token_obtains_an_access_token_from_the_token_endpoint() {
        try (XeroFixture fixture = new XeroFixture(); XeroConnector connector = fixture.connector()) {
            XeroConfig config = XeroConfig.of(fixture.xero.baseUri(), fixture.xero.tenantId(), null)
                    .withOAuth(fixture.xero.options().clientId(), fixture.xero.options().clientSecret(),
                            fixture.xero.issueRefreshToken());

            assertThat(connector.check(config)).isEqualTo(CheckResult.ok());
        }
    }

    @Test
    void a_refused_refresh_token_fails_the_check_as_auth() {
        try (XeroFixture fixture = new XeroFixture(); XeroConnector connector = fixture.connector()) {
            XeroConfig config = XeroConfig.of(fixture.xero.baseUri(), fixture.xero.tenantId(), null)
                    .withOAuth(fixture.xero.options().clientId(), fixture.xero.options().clientSecret(), "xero-rt-unknown");

            assertThat(connector.check(config).status()).isEqualTo(CheckResult.Status.AUTH);
        }
    }

    @Test
    void the_shipped_sandbox_is_found_by_its_connector_id_and_points_a_connection_at_itself() {
        ConnectorSandbox.Provider provider = ServiceLoader.load(ConnectorSandbox.Provider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> "xero".equals(p.connectorId())).findFirst().orElseThrow();
        try (ConnectorSandbox sandbox = provider.start(7)) {
            assertThat(sandbox.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(sandbox.connectionConfig()).containsKeys("baseUrl", "tenantId");
            java.net.URI redirect = sandbox.approve(java.net.URI.create(sandbox.baseUrl()
                    + "/identity/connect/authorize?response_type=code&client_id=" + sandbox.oauthClientId()
                    + "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&state=abc"));
            assertThat(redirect.getQuery()).contains("code=").contains("state=abc");
        }
    }

    @Test
    void the_connector_is_found_by_the_service_loader() {
        assertThat(ServiceLoader.load(io.tillbridge.connector.spi.Connector.class).stream()
                .map(ServiceLoader.Provider::type)).contains(XeroConnector.class);
    }

    @Test
    void an_approved_code_is_exchanged_and_the_granted_config_checks() {
        try (XeroFixture fixture = new XeroFixture(); XeroConnector connector = fixture.connector()) {
            XeroConfig config = XeroConfig.of(fixture.xero.baseUri(), fixture.xero.tenantId(), null);
            java.net.URI redirect = java.net.URI.create("https://tillbridge.example/api/v1/oauth/callback");
            String client = fixture.xero.options().clientId();
            java.net.URI url = connector.authorizationUrl(config, client, redirect, "st4te");
            assertThat(url.getPath()).isEqualTo("/identity/connect/authorize");
            assertThat(io.tillbridge.connector.sandbox.UrlEncoded.parseLast(url.getRawQuery())).containsEntry("scope",
                    String.join(" ", connector.scopes()));

            String query = fixture.xero.approve(url).getRawQuery();
            java.util.Map<String, String> answer = io.tillbridge.connector.sandbox.UrlEncoded.parseLast(query);
            assertThat(answer).containsEntry("state", "st4te");
            io.tillbridge.connector.spi.OAuthTokens tokens = connector.exchangeCode(config, client,
                    fixture.xero.options().clientSecret(), answer.get("code"), redirect);
            XeroConfig granted = connector.withGrant(config, client, fixture.xero.options().clientSecret(), tokens);

            assertThat(granted.oauthRefreshToken()).isEqualTo(tokens.refreshToken()).isNotBlank();
            assertThat(connector.check(granted)).isEqualTo(CheckResult.ok());
        }
    }

    @Test
    void xeros_own_host_sends_the_merchant_to_xeros_login_page() {
        java.net.URI url = new XeroConnector().authorizationUrl(XeroConfig.of(java.net.URI.create("https://api.xero.com"),
                "t", null), "app", java.net.URI.create("https://tillbridge.example/cb"), "s");
        assertThat(url.getHost()).isEqualTo("login.xero.com");
    }
}
