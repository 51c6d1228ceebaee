package io.tillbridge.connector.http;

import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.http.HttpJsonSourceConfig.Pagination;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.SourceRecord;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpJsonSourceConnectorTest {

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

    private HttpJsonSourceConnector connector() {
        return new HttpJsonSourceConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK);
    }

    private HttpJsonSourceConfig config(String path, Pagination pagination) {
        return HttpJsonSourceConfig.of(api.uri(path)).withBearerToken(FakeJsonApi.TOKEN)
                .withRecords("/data", "/id", "/updated_at")
                .withPagination(pagination, "/next_cursor", "cursor");
    }

    private CollectingSink read(HttpJsonSourceConfig config) {
        CollectingSink sink = new CollectingSink();
        try (HttpJsonSourceConnector connector = connector()) {
            connector.read(config, "records", null, sink);
        }
        return sink;
    }

    private static List<String> allIds(int count) {
        return IntStream.rangeClosed(1, count).mapToObj("rec-%03d"::formatted).toList();
    }

    private static List<String> keys(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::key).toList();
    }

    @Test
    void cursor_pagination_follows_the_next_cursor_until_it_is_absent() {
        api.holdRecords(25);
        CollectingSink sink = read(config("/cursor", Pagination.CURSOR));
        assertThat(keys(sink.committed())).containsExactlyElementsOf(allIds(25));
        assertThat(api.requests()).hasSize(3);
        assertThat(api.requests().get(1)).startsWith("/cursor?cursor=");
    }

    @Test
    void page_number_pagination_stops_at_the_first_empty_page() {
        api.holdRecords(25);
        CollectingSink sink = read(config("/pages", Pagination.PAGE_NUMBER));
        assertThat(keys(sink.committed())).containsExactlyElementsOf(allIds(25));
        assertThat(api.requests()).containsExactly("/pages?page=1", "/pages?page=2", "/pages?page=3", "/pages?page=4");
    }

    @Test
    void link_header_pagination_follows_rel_next_as_given() {
        api.holdRecords(25);
        CollectingSink sink = read(config("/link", Pagination.LINK_HEADER));
        assertThat(keys(sink.committed())).containsExactlyElementsOf(allIds(25));
        assertThat(api.requests()).hasSize(3);
        assertThat(api.requests().get(2)).startsWith("/link?limit=10&page_info=");
    }

    @Test
    void a_checkpoint_follows_every_page_and_the_records_it_covers() {
        api.holdRecords(25);
        List<Object> events = read(config("/cursor", Pagination.CURSOR)).events();
        assertThat(events).hasSize(25 + 3);
        assertThat(events.get(10)).isInstanceOf(io.tillbridge.connector.spi.Checkpoint.class);
        assertThat(events.get(21)).isInstanceOf(io.tillbridge.connector.spi.Checkpoint.class);
        assertThat(events.get(27)).isInstanceOf(io.tillbridge.connector.spi.Checkpoint.class);
    }

    @Test
    void a_429_is_retried_no_sooner_than_its_retry_after() {
        api.holdRecords(5);
        api.rateLimitNext(1);
        CollectingSink sink = read(config("/cursor", Pagination.CURSOR));
        assertThat(sink.committed()).hasSize(5);
        assertThat(api.requests()).hasSize(2);
        // The backoff (0.5 s with this jitter) is shorter: Retry-After: 2 decides.
        assertThat(time.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void rate_limits_beyond_the_retry_budget_fail_transient_with_the_wait() {
        api.holdRecords(5);
        api.rateLimitNext(10);
        assertThatThrownBy(() -> read(config("/cursor", Pagination.CURSOR).withMaxRetries(2)))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.category()).isEqualTo(ConnectorException.Category.TRANSIENT);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
                });
        assertThat(api.requests()).hasSize(3);
    }

    @Test
    void a_body_that_stalls_after_the_headers_fails_transient_within_the_request_timeout() {
        api.holdRecords(5);
        api.stallNext(1);
        long started = System.nanoTime();
        assertThatThrownBy(() -> read(config("/cursor", Pagination.CURSOR).withTimeoutSeconds(1).withMaxRetries(0)))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.TRANSIENT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void a_page_cut_in_the_middle_is_retried_not_taken_as_the_end() {
        api.holdRecords(25);
        api.truncateNext(1);
        CollectingSink sink = read(config("/cursor", Pagination.CURSOR));
        assertThat(keys(sink.committed())).containsExactlyElementsOf(allIds(25));
        assertThat(api.requests()).hasSize(4);
        assertThat(time.waits()).hasSize(1);
    }

    @Test
    void pages_that_stay_malformed_fail_transient_after_the_retries() {
        api.holdRecords(5);
        api.truncateNext(10);
        assertThatThrownBy(() -> read(config("/cursor", Pagination.CURSOR).withMaxRetries(3)))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.TRANSIENT));
        assertThat(api.requests()).hasSize(4);
    }

    @Test
    void backoff_grows_exponentially_between_retries() {
        api.holdRecords(5);
        api.truncateNext(3);
        read(config("/cursor", Pagination.CURSOR));
        // base 500 ms doubling, equal jitter at 0.5: 375, 750, 1500 ms.
        assertThat(time.waits()).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750), Duration.ofMillis(1500));
    }

    @Test
    void a_bad_token_fails_auth_at_once() {
        api.holdRecords(5);
        assertThatThrownBy(() -> read(config("/cursor", Pagination.CURSOR).withBearerToken("wrong")))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH));
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void records_sharing_the_watermark_timestamp_are_neither_lost_nor_read_twice() {
        api.holdRecords(6); // rec-005 and rec-006 share the last updated_at
        HttpJsonSourceConfig config = config("/cursor", Pagination.CURSOR).withUpdatedSinceParam("updated_since");
        CollectingSink first = read(config);
        Instant shared = Instant.parse(first.committed().get(5).version());
        api.add("rec-007", shared);          // arrives later with the same timestamp
        api.add("rec-008", shared.plusSeconds(1));
        CollectingSink second = new CollectingSink();
        try (HttpJsonSourceConnector connector = connector()) {
            connector.read(config, "records", first.lastCheckpoint(), second);
        }
        assertThat(keys(second.committed())).containsExactly("rec-007", "rec-008");
        assertThat(api.requests().get(api.requests().size() - 1)).contains("updated_since=");
    }

    @Test
    void an_updated_record_is_read_again_with_its_new_version() {
        api.holdRecords(6);
        HttpJsonSourceConfig config = config("/cursor", Pagination.CURSOR);
        CollectingSink first = read(config);
        api.add("rec-002", Instant.parse("2027-01-01T00:00:00Z"));
        CollectingSink second = new CollectingSink();
        try (HttpJsonSourceConnector connector = connector()) {
            connector.read(config, "records", first.lastCheckpoint(), second);
        }
        assertThat(second.committed()).extracting(SourceRecord::key, SourceRecord::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rec-002", "2027-01-01T00:00:00Z"));
    }

    @Test
    void records_use_the_value_model_of_the_spi() {
        api.holdRecords(1);
        SourceRecord record = read(config("/cursor", Pagination.CURSOR)).committed().get(0);
        assertThat(record.data().get("amount")).isEqualTo(new java.math.BigDecimal("12.50"));
        assertThat(record.data().get("paid")).isEqualTo(Boolean.TRUE);
        assertThat(record.data()).containsEntry("note", null);
    }

    @Test
    void an_unknown_stream_is_a_config_error() {
        assertThatThrownBy(() -> connector().read(config("/cursor", Pagination.CURSOR), "orders", null,
                new CollectingSink()))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.CONFIG));
    }
}
