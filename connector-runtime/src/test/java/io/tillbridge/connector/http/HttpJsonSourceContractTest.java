package io.tillbridge.connector.http;

import io.tillbridge.connector.ManualTime;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.http.HttpJsonSourceConfig.Pagination;
import io.tillbridge.connector.rest.ReadState;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.spi.CheckResult.Status;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class HttpJsonSourceContractTest extends AbstractConnectorContractTest<HttpJsonSourceConfig> {

    private FakeJsonApi api;

    @BeforeEach
    void start_the_fake_api() throws IOException {
        api = new FakeJsonApi();
    }

    @AfterEach
    void stop_the_fake_api() {
        api.close();
    }

    @Override
    protected Connector<HttpJsonSourceConfig> newConnector() {
        return new HttpJsonSourceConnector(RetryPolicy.DEFAULT, new ManualTime(), new ManualTime(), () -> 0.5,
                TestEgress.LOOPBACK);
    }

    @Override
    protected HttpJsonSourceConfig goodConfig() {
        return HttpJsonSourceConfig.of(api.uri("/cursor")).withBearerToken(FakeJsonApi.TOKEN)
                .withRecords("/data", "/id", "/updated_at")
                .withPagination(Pagination.CURSOR, "/next_cursor", "cursor")
                .withUpdatedSinceParam("updated_since");
    }

    @Override
    protected Map<Status, HttpJsonSourceConfig> badConfigs() {
        Map<Status, HttpJsonSourceConfig> bad = new LinkedHashMap<>();
        bad.put(Status.AUTH, goodConfig().withBearerToken("expired-token"));
        bad.put(Status.CONFIG, goodConfig().withPagination(Pagination.CURSOR, null, null));
        // Nothing listens on port 9 (discard) of the loopback interface: connection refused.
        bad.put(Status.TRANSIENT, goodConfig().withUrl(URI.create("http://127.0.0.1:9/cursor")).withMaxRetries(0));
        return bad;
    }

    @Override
    protected void givenSourceHasRecords(int count) {
        api.holdRecords(count);
    }

    @Override
    protected Checkpoint farFutureCheckpoint() {
        return ReadState.at("9999-12-31T23:59:59Z", Set.of());
    }
}
