package io.tillbridge.connector.http;

import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.http.HttpJsonSourceConfig.Pagination;
import io.tillbridge.connector.http.HttpJsonSourceConfig.RateLimitProvider;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.CallGate;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.connector.spi.InProcessConnectorContext;
import io.tillbridge.connector.spi.OAuthTokenStore;
import io.tillbridge.connector.spi.OAuthTokens;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceRecord;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP JSON source asks the runtime's gate before every request and tells it of every 429. */
class HttpJsonSourceQuotaTest {

    private final ManualTime time = new ManualTime();
    private FakeJsonApi api;

    @BeforeEach
    void start_the_fake_api() throws IOException {
        api = new FakeJsonApi();
    }

    @AfterEach
    void stop_the_fake_api() {
        api.close();
    }

    private HttpJsonSourceConfig config() {
        return HttpJsonSourceConfig.of(api.uri("/cursor")).withBearerToken(FakeJsonApi.TOKEN)
                .withRecords("/data", "/id", "/updated_at")
                .withPagination(Pagination.CURSOR, "/next_cursor", "cursor")
                .withRateLimit(RateLimitProvider.XERO, "tenant-42");
    }

    /** A context whose one gate counts permits and remembers back-offs. */
    private static final class CountingContext implements ConnectorContext {
        final AtomicInteger permits = new AtomicInteger();
        final List<Duration> backOffs = new CopyOnWriteArrayList<>();
        final List<String> gates = new CopyOnWriteArrayList<>();

        @Override
        public CallGate gate(String provider, String account) {
            gates.add(provider + "/" + account);
            return new CallGate() {
                @Override
                public boolean acquire(BooleanSupplier stopRequested) {
                    permits.incrementAndGet();
                    return true;
                }

                @Override
                public void backOff(Duration retryAfter) {
                    backOffs.add(retryAfter);
                }
            };
        }

        @Override
        public OAuthTokenStore oauthTokens(OAuthTokens initial) {
            throw new AssertionError("no OAuth here");
        }

        @Override
        public EgressPolicy egress() {
            return TestEgress.LOOPBACK;
        }
    }

    @Test
    void every_request_and_every_retry_takes_a_permit_of_the_configured_provider_account_first() {
        api.holdRecords(25);
        api.rateLimitNext(1);
        CountingContext context = new CountingContext();
        try (HttpJsonSourceConnector connector = new HttpJsonSourceConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK)) {
            connector.useContext(context);
            connector.read(config(), "records", null, new CollectingSink());
        }
        assertThat(api.requests()).hasSize(4);
        assertThat(context.permits.get()).isEqualTo(4);
        assertThat(context.gates).containsOnly("xero/tenant-42");
    }

    @Test
    void a_429_is_reported_to_the_gate_with_its_retry_after() {
        api.holdRecords(5);
        api.rateLimitNext(1);
        CountingContext context = new CountingContext();
        try (HttpJsonSourceConnector connector = new HttpJsonSourceConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK)) {
            connector.useContext(context);
            connector.read(config(), "records", null, new CollectingSink());
        }
        assertThat(context.backOffs).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void after_a_429_with_retry_after_2_no_connector_sharing_the_account_calls_it_for_2_seconds() {
        api.holdRecords(5);
        api.rateLimitNext(1);
        InProcessConnectorContext shared = new InProcessConnectorContext(100, 10, Duration.ofMinutes(1))
                .withEgress(TestEgress.LOOPBACK);
        // The first connector gets the 429 and gives up at once (no retries).
        try (HttpJsonSourceConnector first = new HttpJsonSourceConnector()) {
            first.useContext(shared);
            assertThat(first.check(config().withMaxRetries(0)).status()).isEqualTo(CheckResult.Status.TRANSIENT);
        }
        // The second one, with a client that knows nothing of that 429, is held back by the gate.
        try (HttpJsonSourceConnector second = new HttpJsonSourceConnector()) {
            second.useContext(shared);
            CollectingSink sink = new CollectingSink();
            second.read(config(), "records", null, sink);
            assertThat(sink.committed()).hasSize(5);
        }
        List<Long> at = api.requestNanos();
        assertThat(at).hasSize(2);
        Duration gap = Duration.ofNanos(at.get(1) - at.get(0));
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(1_950)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_stop_request_while_waiting_for_the_quota_ends_the_read_without_error_or_request() {
        api.holdRecords(5);
        InProcessConnectorContext shared = new InProcessConnectorContext().withEgress(TestEgress.LOOPBACK);
        shared.gate("xero", "tenant-42").backOff(Duration.ofSeconds(30));
        long started = System.nanoTime();
        List<Object> events = new CopyOnWriteArrayList<>();
        RecordSink stopsSoon = new RecordSink() {
            @Override
            public void record(SourceRecord record) {
                events.add(record);
            }

            @Override
            public void checkpoint(Checkpoint checkpoint) {
                events.add(checkpoint);
            }

            @Override
            public boolean stopRequested() {
                return System.nanoTime() - started > Duration.ofMillis(300).toNanos();
            }
        };
        try (HttpJsonSourceConnector connector = new HttpJsonSourceConnector()) {
            connector.useContext(shared);
            connector.read(config(), "records", null, stopsSoon);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(api.requests()).isEmpty();
        assertThat(events).isEmpty();
    }
}
