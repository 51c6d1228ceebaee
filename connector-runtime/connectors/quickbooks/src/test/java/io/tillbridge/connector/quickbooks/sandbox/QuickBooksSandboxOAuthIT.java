package io.tillbridge.connector.quickbooks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.sandbox.UrlEncoded;
import io.tillbridge.connector.spi.ConnectorSandbox;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Intuit's OAuth 2 code and refresh grants, and the provider the platform finds. */
class QuickBooksSandboxOAuthIT {

    private static final String REDIRECT = "http://127.0.0.1:9/callback";

    private QuickBooksSandbox sandbox;
    private SandboxClient client;

    @BeforeEach
    void start() {
        sandbox = SandboxFixture.start();
        client = new SandboxClient(sandbox, null);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void an_approved_code_becomes_tokens_that_read_the_company() {
        URI redirected = sandbox.approve(authorize(sandbox.options().clientId()));
        Map<String, String> back = UrlEncoded.parseLast(redirected.getRawQuery());
        assertThat(back).containsEntry("state", "s1").containsEntry("realmId", sandbox.realmId());
        SandboxClient.Answer tokens = token(basic(sandbox.options().clientSecret()),
                "grant_type=authorization_code&code=" + back.get("code") + "&redirect_uri=" + REDIRECT);
        assertThat(tokens.status()).isEqualTo(200);
        assertThat(tokens.body().path("expires_in").asLong()).isEqualTo(3600);
        String access = tokens.body().path("access_token").asText();
        assertThat(new SandboxClient(sandbox, access).get("companyinfo/" + sandbox.realmId()).status()).isEqualTo(200);
        SandboxClient.Answer again = token(basic(sandbox.options().clientSecret()),
                "grant_type=authorization_code&code=" + back.get("code") + "&redirect_uri=" + REDIRECT);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void a_refresh_hands_out_a_new_refresh_token_and_spends_the_old_one() {
        String refresh = sandbox.issueRefreshToken();
        SandboxClient.Answer first = token(basic(sandbox.options().clientSecret()),
                "grant_type=refresh_token&refresh_token=" + refresh);
        SandboxClient.Answer reused = token(basic(sandbox.options().clientSecret()),
                "grant_type=refresh_token&refresh_token=" + refresh);
        JsonNode body = first.body();
        assertThat(first.status()).isEqualTo(200);
        assertThat(body.path("refresh_token").asText()).isNotEqualTo(refresh).isNotBlank();
        assertThat(reused.status()).isEqualTo(400);
    }

    @Test
    void a_wrong_client_secret_answers_401_invalid_client() {
        SandboxClient.Answer answer = token(basic("wrong"), "grant_type=refresh_token&refresh_token="
                + sandbox.issueRefreshToken());
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().path("error").asText()).isEqualTo("invalid_client");
    }

    @Test
    void approve_refuses_another_page() {
        assertThatThrownBy(() -> sandbox.approve(URI.create("http://example.com/connect/oauth2")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.approve(authorize("someone-else"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_platform_finds_the_sandbox_with_its_connection_config() {
        ConnectorSandbox.Provider provider = ServiceLoader.load(ConnectorSandbox.Provider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.connectorId().equals("quickbooks")).findFirst()
                .orElseThrow();
        try (ConnectorSandbox running = provider.start(7)) {
            assertThat(running.baseUrl().getHost()).isEqualTo("127.0.0.1");
            assertThat(running.connectionConfig()).containsKeys("baseUrl", "oauthEndpointUrl", "realmId");
            assertThat(running.oauthClientId()).isNotBlank();
            URI back = running.approve(URI.create(running.baseUrl() + "/connect/oauth2?client_id="
                    + running.oauthClientId() + "&response_type=code&scope=com.intuit.quickbooks.accounting&state=x"
                    + "&redirect_uri=" + REDIRECT));
            assertThat(back.getQuery()).contains("code=").contains("realmId=" + running.connectionConfig().get("realmId"));
        }
    }

    private URI authorize(String clientId) {
        return URI.create(sandbox.baseUri() + "/connect/oauth2?client_id=" + clientId
                + "&response_type=code&scope=com.intuit.quickbooks.accounting&state=s1&redirect_uri=" + REDIRECT);
    }

    private String basic(String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((sandbox.options().clientId() + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
    }

    private SandboxClient.Answer token(String authorization, String form) {
        return client.raw(HttpRequest.newBuilder(sandbox.baseUri().resolve("/oauth2/v1/tokens/bearer"))
                .header("Authorization", authorization).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }
}
