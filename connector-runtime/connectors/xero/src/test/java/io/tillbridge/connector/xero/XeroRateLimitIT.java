package io.tillbridge.connector.xero;

import static io.tillbridge.connector.xero.XeroFixture.day;
import static io.tillbridge.connector.xero.XeroFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.accounting.AccountingObjects;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.spi.WriteResult.Outcome;
import io.tillbridge.connector.xero.sandbox.XeroSandboxOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class XeroRateLimitIT {

    @Test
    void a_minute_limit_is_waited_out_for_its_retry_after_and_the_write_then_succeeds() {
        // Organisation + lookup + write = 3 calls; the minute allows 2, so the write waits for the window.
        try (XeroFixture fixture = new XeroFixture(XeroSandboxOptions.defaults().withLimits(5, 2, 5000));
             XeroConnector connector = fixture.connector()) {
            List<WriteResult> results = connector.write(fixture.config(), AccountingObjects.JOURNAL_ENTRIES,
                    List.of(day(key(1))));

            assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN);
            assertThat(fixture.xero.manualJournals()).hasSize(1);
            assertThat(fixture.time.waits()).isNotEmpty().allMatch(w -> !w.isNegative()
                    && w.compareTo(Duration.ofSeconds(60)) <= 0);
            assertThat(fixture.time.waits().stream().reduce(Duration.ZERO, Duration::plus))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(59));
        }
    }

    @Test
    void the_daily_limit_fails_the_batch_as_transient_instead_of_waiting_for_hours() {
        try (XeroFixture fixture = new XeroFixture(XeroSandboxOptions.defaults().withLimits(5, 60, 2));
             XeroConnector connector = fixture.connector()) {
            assertThatThrownBy(() -> connector.write(fixture.config(), AccountingObjects.JOURNAL_ENTRIES,
                    List.of(day(key(1)))))
                    .isInstanceOf(ConnectorException.class)
                    .satisfies(e -> {
                        ConnectorException ce = (ConnectorException) e;
                        assertThat(ce.category()).isEqualTo(ConnectorException.Category.TRANSIENT);
                        assertThat(ce.retryAfter()).hasValueSatisfying(w -> assertThat(w).isGreaterThan(Duration.ofHours(1)));
                    })
                    .hasMessageContaining("daily call limit");
            assertThat(fixture.time.waits()).allMatch(w -> w.compareTo(Duration.ofMinutes(2)) <= 0);
            assertThat(fixture.xero.manualJournals()).isEmpty();
        }
    }
}
