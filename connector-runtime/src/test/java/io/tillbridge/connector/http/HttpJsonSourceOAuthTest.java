package io.tillbridge.connector.http;

import io.tillbridge.connector.TestEgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.http.HttpJsonSourceConfig.Pagination;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.InProcessConnectorContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OAuth2 with rotating refresh tokens, against a local token endpoint that refuses a reused one. */
class HttpJsonSourceOAuthTest {

    private FakeJsonApi api;
    private FakeOAuthServer oauth;

    @BeforeEach
    void start_the_fakes() throws IOException {
        api = new FakeJsonApi();
        oauth = new FakeOAuthServer();
        api.acceptTokens(oauth::isCurrent);
        api.holdRecords(25);
    }

    @AfterEach
    void stop_the_fakes() {
        api.close();
        oauth.close();
    }

    private HttpJsonSourceConfig config() {
        return HttpJsonSourceConfig.of(api.uri("/cursor"))
                .withRecords("/data", "/id", "/updated_at")
                .withPagination(Pagination.CURSOR, "/next_cursor", "cursor")
                .withOAuth(oauth.tokenUrl(), FakeOAuthServer.CLIENT_ID, FakeOAuthServer.CLIENT_SECRET,
                        FakeOAuthServer.FIRST_REFRESH_TOKEN);
    }

    private CollectingSink read(HttpJsonSourceConfig config, ConnectorContext context) {
        CollectingSink sink = new CollectingSink();
        try (HttpJsonSourceConnector connector = new HttpJsonSourceConnector()) {
            connector.useContext(context);
            connector.read(config, "records", null, sink);
        }
        return sink;
    }

    @Test
    void without_an_access_token_one_refresh_comes_before_the_first_request() {
        CollectingSink sink = read(config(), ConnectorContext.standalone(TestEgress.LOOPBACK));
        assertThat(sink.committed()).hasSize(25);
        assertThat(oauth.calls()).isEqualTo(1);
        assertThat(api.requests()).hasSize(3);
    }

    @Test
    void a_401_with_a_stale_token_refreshes_once_and_repeats_the_request_once() {
        CollectingSink sink = read(config().withOAuthAccessToken("stale-access"), ConnectorContext.standalone(TestEgress.LOOPBACK));
        assertThat(sink.committed()).hasSize(25);
        assertThat(oauth.calls()).isEqualTo(1);
        // The refused request, its repetition, then the two further pages.
        assertThat(api.requests()).hasSize(4);
        assertThat(api.requests().get(0)).isEqualTo(api.requests().get(1));
    }

    @Test
    void an_api_that_refuses_the_new_token_too_fails_auth_after_one_refresh() {
        api.acceptTokens(token -> false);
        assertThatThrownBy(() -> read(config().withOAuthAccessToken("stale-access"), ConnectorContext.standalone(TestEgress.LOOPBACK)))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH));
        assertThat(oauth.calls()).isEqualTo(1);
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void a_used_refresh_token_is_refused_with_invalid_grant_and_fails_auth_without_showing_it() {
        read(config(), ConnectorContext.standalone(TestEgress.LOOPBACK));
        // A second store that never learnt of the rotation presents the used refresh token again.
        CheckResult result;
        try (HttpJsonSourceConnector connector = new HttpJsonSourceConnector()) {
            connector.useContext(ConnectorContext.standalone(TestEgress.LOOPBACK));
            result = connector.check(config());
        }
        assertThat(result.status()).isEqualTo(CheckResult.Status.AUTH);
        assertThat(result.message()).contains("invalid_grant").doesNotContain(FakeOAuthServer.FIRST_REFRESH_TOKEN);
        assertThat(oauth.invalidGrants()).isEqualTo(1);
    }

    @Test
    void concurrent_reads_sharing_a_context_refresh_once_and_never_reuse_a_refresh_token() throws Exception {
        oauth.delay(300);
        InProcessConnectorContext shared = new InProcessConnectorContext().withEgress(TestEgress.LOOPBACK);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<CollectingSink>> reads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                reads.add(threads.submit(() -> read(config().withOAuthAccessToken("stale-access"), shared)));
            }
            for (Future<CollectingSink> read : reads) {
                assertThat(read.get().committed()).hasSize(25);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(oauth.calls()).isEqualTo(1);
        assertThat(oauth.invalidGrants()).isZero();
    }
}
