package io.tillbridge.connector.square;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.square.sandbox.SquareMerchant;
import java.time.Duration;
import io.tillbridge.connector.spi.Checkpoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 1,100 orders at most 100 a page, and a request budget of 5 per 2 seconds: nothing is capped, and
 * the 429s in the middle of paging are waited out. The connector's backoff moves the sandbox's clock,
 * so the budget's window passes while the connector waits.
 */
class SquarePagingTest {

    private static SandboxReads sandbox;

    @BeforeAll
    static void start() {
        sandbox = new SandboxReads(SandboxReads.options(5, SquareMerchant.US, 1_100).withPageLimits(100, 100, 100, 100)
                .withRequestBudget(5, Duration.ofSeconds(2)).withOrdersPerHour(0), 100);
        sandbox.time.alsoOnSleep(sandbox.square::advance);
    }

    @AfterAll
    static void stop() {
        sandbox.square.close();
    }

    @Test
    void more_than_ten_pages_of_orders_are_read_each_exactly_once_through_rate_limits() {
        int sleepsBefore = sandbox.time.sleeps().size();
        List<String> visibleAtStart = sandbox.square.data().orders().stream().map(o -> o.path("id").asText()).toList();
        CollectingSink sink = sandbox.read(SquareStreams.ORDERS, null);

        List<String> keys = SandboxReads.keys(sink.committed());
        assertThat(keys).hasSizeGreaterThan(10 * 100).doesNotHaveDuplicates();
        // Every order visible when the read began (its cursor's time); those arriving during its waits come next time.
        assertThat(keys).containsAll(visibleAtStart);
        assertThat(sink.uncommitted()).isEmpty();
        assertThat(sandbox.time.sleeps().size()).as("backoffs after 429").isGreaterThan(sleepsBefore);
    }

    @Test
    void a_rate_limit_that_outlasts_the_retries_fails_transient_and_the_read_resumes_from_its_checkpoint() {
        CollectingSink sink = new CollectingSink();
        assertThatThrownBy(() -> sandbox.read(sandbox.config.withPaging(15, 100, 0), SquareStreams.ORDERS, null, sink))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.category()).isEqualTo(ConnectorException.Category.TRANSIENT);
                    assertThat(e.getMessage()).contains("429");
                });
        assertThat(sink.lastCheckpoint()).isNotNull();

        List<String> versions = new ArrayList<>(SandboxReads.versions(sink.committed()));
        Set<String> keys = new HashSet<>(SandboxReads.keys(sink.committed()));
        // The waits move the sandbox's clock: offline orders arrive and tabs are paid meanwhile, for the next read.
        Checkpoint checkpoint = sink.lastCheckpoint();
        for (int read = 0; read < 5; read++) {
            CollectingSink next = sandbox.read(SquareStreams.ORDERS, checkpoint);
            versions.addAll(SandboxReads.versions(next.committed()));
            keys.addAll(SandboxReads.keys(next.committed()));
            checkpoint = next.lastCheckpoint();
            if (next.received() == 0) {
                break;
            }
        }
        assertThat(versions).doesNotHaveDuplicates();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(
                sandbox.square.data().orders().stream().map(o -> o.path("id").asText()).toList());
    }

    @Test
    void a_retry_after_that_square_sends_is_waited_in_full() {
        SandboxReads own = new SandboxReads(SandboxReads.options(6, SquareMerchant.GB, 60).withPageLimits(10, 10, 100, 100)
                .withRequestBudget(3, Duration.ofSeconds(10)).withRetryAfter(Duration.ofSeconds(10)).withOrdersPerHour(0), 10);
        own.time.alsoOnSleep(own.square::advance);
        try {
            List<String> visibleAtStart = own.square.data().orders().stream().map(o -> o.path("id").asText()).toList();

            CollectingSink sink = own.read(SquareStreams.ORDERS, null);

            // A tab paid while the read waits is read again at its new version: versions, not keys, are unique.
            assertThat(SandboxReads.versions(sink.committed())).doesNotHaveDuplicates();
            assertThat(SandboxReads.keys(sink.committed())).containsAll(visibleAtStart);
            Duration waited = own.time.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
            assertThat(own.time.sleeps()).isNotEmpty();
            assertThat(waited).as("at least Retry-After per 429").isGreaterThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(own.time.sleeps()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(10)));
        } finally {
            own.square.close();
        }
    }
}
