package io.tillbridge.connector.xero;

import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.accounting.AccountingObjects;
import io.tillbridge.connector.rest.ReadState;
import io.tillbridge.connector.spi.CheckResult.Status;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.xero.sandbox.XeroSandboxOptions;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The connector acceptance suite against the Xero sandbox: contacts, the first stream, paged by 5. */
class XeroConnectorContractTest extends AbstractConnectorContractTest<XeroConfig> {

    private static XeroFixture fixture;

    @BeforeAll
    static void start_the_sandbox() {
        fixture = new XeroFixture(XeroSandboxOptions.defaults().withContacts(12));
    }

    @AfterAll
    static void stop_the_sandbox() {
        fixture.close();
    }

    @Override
    protected Connector<XeroConfig> newConnector() {
        return fixture.connector();
    }

    @Override
    protected XeroConfig goodConfig() {
        return fixture.config().withPaging(5, 5, 3);
    }

    @Override
    protected Map<Status, XeroConfig> badConfigs() {
        Map<Status, XeroConfig> bad = new LinkedHashMap<>();
        bad.put(Status.AUTH, goodConfig().withAccessToken("xero-at-not-a-token"));
        bad.put(Status.CONFIG, goodConfig().withTenant(""));
        // Nothing listens on port 9 (discard) of the loopback interface: connection refused.
        bad.put(Status.TRANSIENT, goodConfig().withBaseUrl(URI.create("http://127.0.0.1:9")).withPaging(5, 5, 0));
        return bad;
    }

    @Override
    protected void givenSourceHasRecords(int count) {
        int missing = count - fixture.xero.contactCount();
        if (missing > 0) {
            fixture.xero.addContacts(missing);
        }
    }

    @Override
    protected Checkpoint farFutureCheckpoint() {
        return ReadState.at("9999-12-31T00:00:00Z", Set.of());
    }

    @Override
    protected String targetObject() {
        return AccountingObjects.JOURNAL_ENTRIES;
    }

    @Override
    protected List<WriteRecord> targetBatch() {
        return List.of(XeroFixture.day(XeroFixture.key(1)), XeroFixture.day(XeroFixture.key(2)));
    }
}
