package io.tillbridge.connector.quickbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandbox;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandboxOptions;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lists for the mapping editor, each paged to the end, and what check and discover answer. */
class QuickBooksReadsIT {

    private static final Instant NOW = Instant.parse("2026-03-09T10:00:00Z");

    private QuickBooksSandbox sandbox;
    private ManualTime time;
    private QuickBooksConnector connector;
    private QuickBooksConfig config;

    @BeforeEach
    void start() {
        sandbox = QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withLimits(0, 0)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        time = new ManualTime(NOW);
        connector = new QuickBooksConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK);
        config = QuickBooksConfig.of(sandbox.baseUri(), sandbox.realmId(), sandbox.issueToken()).withLimits(5, 5, 3);
    }

    @AfterEach
    void stop() {
        connector.close();
        sandbox.close();
    }

    private CollectingSink read(String stream) {
        CollectingSink sink = new CollectingSink(Integer.MAX_VALUE);
        connector.read(config, stream, null, sink);
        return sink;
    }

    @Test
    void accounts_are_read_to_the_end_over_more_than_ten_pages() {
        CollectingSink sink = read("accounts");
        assertThat(sink.committed()).hasSize(sandbox.entities("Account").size()).hasSizeGreaterThan(10 * 5);
        assertThat(sink.committed()).extracting(SourceRecord::key).doesNotHaveDuplicates();
        assertThat(sandbox.requests()).filteredOn(r -> r.contains("query=")).hasSizeGreaterThan(10);
        assertThat(sink.committed().get(0).data()).containsKeys("Name", "AccountType", "AcctNum");
    }

    @Test
    void customers_are_read_to_the_end_over_more_than_ten_pages() {
        CollectingSink sink = read("customers");
        assertThat(sink.committed()).hasSize(150);
        assertThat(sink.committed()).extracting(SourceRecord::key).doesNotHaveDuplicates();
    }

    @Test
    void tax_codes_tax_rates_and_items_are_read() {
        assertThat(read("tax_codes").committed()).extracting(SourceRecord::key).contains("TAX", "NON");
        assertThat(read("tax_rates").committed()).hasSize(3);
        assertThat(read("items").committed()).hasSize(sandbox.entities("Item").size());
    }

    @Test
    void a_throttled_read_backs_off_and_goes_on() {
        sandbox.faults().throttleNext(2);
        CollectingSink sink = read("tax_rates");
        assertThat(sink.committed()).hasSize(3);
        assertThat(time.waits()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void discover_names_the_lists_and_the_three_writable_objects() {
        assertThat(connector.discover(config).streams()).extracting(StreamDescriptor::name)
                .containsExactly("accounts", "tax_codes", "tax_rates", "items", "customers", "journal_entries",
                        "sales_receipts", "credit_notes");
    }

    @Test
    void check_reads_company_info_and_a_realm_the_token_is_not_for_fails_auth() {
        assertThat(connector.check(config)).isEqualTo(CheckResult.ok());
        assertThat(sandbox.requests()).anyMatch(r -> r.contains("/companyinfo/" + sandbox.realmId()));
        assertThat(connector.check(config.withRealm("123")).status()).isEqualTo(CheckResult.Status.AUTH);
    }

    @Test
    void an_expired_access_token_is_refreshed_through_the_token_endpoint() {
        QuickBooksConfig oauth = QuickBooksConfig.of(sandbox.baseUri(), sandbox.realmId(), "eyJexpired")
                .withOAuth(sandbox.baseUri().resolve("/oauth2/v1/tokens/bearer"), sandbox.options().clientId(),
                        sandbox.options().clientSecret(), sandbox.issueRefreshToken()).withLimits(50, 5, 1);
        assertThat(connector.check(oauth)).isEqualTo(CheckResult.ok());
    }

    @Test
    void a_stream_it_does_not_have_fails_config() {
        assertThatThrownBy(() -> read("invoices")).isInstanceOf(ConnectorException.class)
                .extracting(e -> ((ConnectorException) e).category()).isEqualTo(ConnectorException.Category.CONFIG);
    }
}
