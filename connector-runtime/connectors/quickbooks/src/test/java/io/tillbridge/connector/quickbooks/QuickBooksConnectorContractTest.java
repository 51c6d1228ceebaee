package io.tillbridge.connector.quickbooks;

import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandbox;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandboxOptions;
import io.tillbridge.connector.rest.ReadState;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.CheckResult.Status;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.WriteRecord;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector acceptance suite against the QuickBooks sandbox: accounts, the first stream, paged by 10. */
class QuickBooksConnectorContractTest extends AbstractConnectorContractTest<QuickBooksConfig> {

    static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    private static QuickBooksSandbox quickbooks;
    private static String token;

    @BeforeAll
    static void start_the_sandbox() {
        quickbooks = QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withLimits(0, 0)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        token = quickbooks.issueToken();
    }

    @AfterAll
    static void stop_the_sandbox() {
        quickbooks.close();
    }

    @Override
    protected Connector<QuickBooksConfig> newConnector() {
        ManualTime time = new ManualTime(NOW);
        return new QuickBooksConnector(RetryPolicy.DEFAULT, time, time, () -> 0.5, TestEgress.LOOPBACK);
    }

    @Override
    protected QuickBooksConfig goodConfig() {
        return QuickBooksConfig.of(quickbooks.baseUri(), quickbooks.realmId(), token).withLimits(10, 5, 2);
    }

    @Override
    protected Map<Status, QuickBooksConfig> badConfigs() {
        Map<Status, QuickBooksConfig> bad = new LinkedHashMap<>();
        bad.put(Status.AUTH, goodConfig().withAccessToken("eyJnot-a-token"));
        bad.put(Status.CONFIG, goodConfig().withRealm("not-a-realm"));
        // Nothing listens on port 9 (discard) of the loopback interface: connection refused.
        bad.put(Status.TRANSIENT, goodConfig().withBaseUrl(URI.create("http://127.0.0.1:9")).withLimits(10, 5, 0));
        return bad;
    }

    @Override
    protected void givenSourceHasRecords(int count) {
        if (quickbooks.entities("Account").size() < count) {
            throw new IllegalStateException("the seeded chart of accounts is smaller than " + count);
        }
    }

    @Override
    protected Checkpoint farFutureCheckpoint() {
        return ReadState.at("9999-12-31T00:00:00.000+00:00", Set.of());
    }

    @Override
    protected String targetObject() {
        return "journal_entries";
    }

    @Override
    protected List<WriteRecord> targetBatch() {
        String card = Journals.account(quickbooks, "1210");
        String apparel = Journals.account(quickbooks, "4010");
        String tax = Journals.account(quickbooks, "2110");
        return List.of(new WriteRecord("ledger-journal-1", "", Journals.journal("2026-03-01", card, "107.40", apparel,
                        "100.00", tax, "7.40")),
                new WriteRecord("ledger-journal-2", "", Journals.journal("2026-03-02", card, "53.70", apparel, "50.00",
                        tax, "3.70")));
    }
}
