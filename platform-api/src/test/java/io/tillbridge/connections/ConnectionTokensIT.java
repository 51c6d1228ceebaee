package io.tillbridge.connections;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.TestEgress;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.http.FakeJsonApi;
import io.tillbridge.connector.http.FakeOAuthServer;
import io.tillbridge.connector.rest.OAuth2TokenEndpoint;
import io.tillbridge.connector.spi.OAuthTokenStore;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.SecondProcess;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 token refresh of a connection, single-flight across two platform processes (two
 * application contexts on one database), against a token endpoint whose refresh tokens rotate and
 * refuse reuse with invalid_grant.
 */
@MicronautTest(transactional = false)
class ConnectionTokensIT extends TestDatabaseProperties {

    @Inject
    ConnectorContexts contexts;

    @RegisterExtension
    final SecondProcess otherProcess = new SecondProcess(this::getProperties);

    @Inject
    ApiClient api;

    private FakeJsonApi vendor;
    private FakeOAuthServer oauth;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private UUID tenant;
    private User admin;

    @BeforeEach
    void fakes_a_tenant_and_a_log_capture() throws IOException {
        vendor = new FakeJsonApi();
        oauth = new FakeOAuthServer();
        vendor.acceptTokens(oauth::isCurrent);
        vendor.holdRecords(3);
        tenant = newTenant("Token Bakery");
        admin = newMember(tenant, TenantRole.ADMIN);
        logs.list.clear();
        logs.start();
        root().addAppender(logs);
    }

    @AfterEach
    void stop_the_fakes() {
        root().detachAppender(logs);
        vendor.close();
        oauth.close();
    }

    @Test
    void concurrent_refreshes_in_two_processes_call_the_token_endpoint_once_and_never_reuse_a_refresh_token()
            throws Exception {
        UUID connection = createConnection(null);
        oauth.delay(300);
        List<OAuthTokenStore> stores = new ArrayList<>();
        for (ConnectorContexts process : List.of(contexts, otherProcess.getBean(ConnectorContexts.class))) {
            for (int i = 0; i < 3; i++) {
                stores.add(process.of(new TenantId(tenant), connection).oauthTokens(initial()));
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(stores.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<OAuthTokens>> refreshed = new ArrayList<>();
        try {
            for (OAuthTokenStore store : stores) {
                refreshed.add(threads.submit(() -> {
                    start.await();
                    return store.refresh(null, endpoint());
                }));
            }
            start.countDown();
            for (Future<OAuthTokens> f : refreshed) {
                assertThat(f.get().accessToken()).isEqualTo("access-1");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(oauth.calls()).isEqualTo(1);
        assertThat(oauth.invalidGrants()).isZero();

        // The rotated refresh token was stored: the next refresh, from the other process, uses it.
        OAuthTokenStore later = otherProcess.getBean(ConnectorContexts.class).of(new TenantId(tenant), connection)
                .oauthTokens(initial());
        assertThat(later.refresh("access-1", endpoint()).accessToken()).isEqualTo("access-2");
        assertThat(oauth.invalidGrants()).isZero();
        assertNoTokenIn(logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void a_check_with_a_stale_access_token_refreshes_once_repeats_the_request_once_and_keeps_the_new_tokens() {
        UUID connection = createConnection("stale-access");
        Response check = api.post(admin, path() + "/" + connection + "/check", null);
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json()).containsEntry("status", "OK");
        assertThat(oauth.calls()).isEqualTo(1);
        assertThat(vendor.requests()).hasSize(2);

        // The kept token serves the next check without a refresh, and is never shown.
        Response again = api.post(admin, path() + "/" + connection + "/check", null);
        assertThat(again.json()).containsEntry("status", "OK");
        assertThat(oauth.calls()).isEqualTo(1);
        Response shown = api.get(admin, path() + "/" + connection);
        assertThat(shown.body()).doesNotContain("oauth:").doesNotContain("access-1").doesNotContain("refresh-1");
        assertNoTokenIn(List.of(check.body(), again.body()));
        assertNoTokenIn(logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }

    @Test
    void a_new_refresh_token_entered_by_the_merchant_replaces_the_kept_tokens() {
        UUID connection = createConnection(null);
        assertThat(api.post(admin, path() + "/" + connection + "/check", null).json()).containsEntry("status", "OK");
        assertThat(oauth.calls()).isEqualTo(1);
        // The merchant connects again: the fake now expects a refresh token it never issued before.
        Response changed = api.put(admin, path() + "/" + connection, Map.of("name", "Bakery API",
                "config", config(null, "refresh-1")), "If-Match", "\"1\"");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        Response check = api.post(admin, path() + "/" + connection + "/check", null);
        assertThat(check.json()).as("the kept access token is gone, so the entered refresh token is used")
                .containsEntry("status", "OK");
        assertThat(oauth.calls()).isEqualTo(2);
        assertThat(oauth.invalidGrants()).isZero();
    }

    @Test
    void a_refresh_token_the_provider_refuses_fails_the_check_with_auth_before_any_api_request() {
        UUID connection = createConnection(null, "refresh-revoked");
        Response check = api.post(admin, path() + "/" + connection + "/check", null);
        assertThat(check.json()).containsEntry("status", "AUTH");
        assertThat((String) check.json().get("message")).contains("invalid_grant").doesNotContain("refresh-revoked");
        assertThat(oauth.invalidGrants()).isEqualTo(1);
        assertThat(vendor.requests()).isEmpty();
    }

    private UUID createConnection(String accessToken) {
        return createConnection(accessToken, FakeOAuthServer.FIRST_REFRESH_TOKEN);
    }

    private UUID createConnection(String accessToken, String refreshToken) {
        Response created = api.post(admin, path(), Map.of("connectorId", "http-json", "name", "Bakery API",
                "config", config(accessToken, refreshToken)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return UUID.fromString((String) created.json().get("id"));
    }

    private Map<String, Object> config(String accessToken, String refreshToken) {
        Map<String, Object> config = new HashMap<>(Map.of("url", vendor.uri("/cursor").toString(),
                "recordsPointer", "/data", "pagination", "CURSOR", "cursorPointer", "/next_cursor",
                "cursorParam", "cursor", "oauthEndpoint", oauth.tokenUrl().toString(),
                "oauthClientId", FakeOAuthServer.CLIENT_ID, "oauthClientSecret", FakeOAuthServer.CLIENT_SECRET,
                "oauthRefreshToken", refreshToken, "maxRetries", 0));
        if (accessToken != null) {
            config.put("oauthAccessToken", accessToken);
        }
        return config;
    }

    private static OAuthTokens initial() {
        return new OAuthTokens(null, FakeOAuthServer.FIRST_REFRESH_TOKEN, null);
    }

    private OAuth2TokenEndpoint endpoint() {
        return new OAuth2TokenEndpoint(oauth.tokenUrl(), FakeOAuthServer.CLIENT_ID, FakeOAuthServer.CLIENT_SECRET,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Clock.systemUTC(), TestEgress.LOOPBACK);
    }

    private static void assertNoTokenIn(List<String> texts) {
        for (String text : texts) {
            assertThat(text).doesNotContain("access-1").doesNotContain("refresh-1").doesNotContain("refresh-0")
                    .doesNotContain(FakeOAuthServer.CLIENT_SECRET);
        }
    }

    private String path() {
        return "/api/v1/tenants/" + tenant + "/connections";
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
