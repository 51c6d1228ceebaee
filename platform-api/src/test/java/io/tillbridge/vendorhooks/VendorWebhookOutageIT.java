package io.tillbridge.vendorhooks;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.Await;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database unreachable under the receiving route: the API's pool goes through a proxy that the
 * test cuts. A delivery is then answered 503 {@code database-unavailable} with Retry-After, so that
 * the vendor retries, and the same delivery is stored once the database is back.
 */
@MicronautTest(transactional = false)
class VendorWebhookOutageIT extends TestDatabaseProperties {

    private static final String KEY = "outage-signature-key";
    private static CuttableProxy proxy;

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Outage Grill", TenantRole.OWNER);

    @Override
    protected Map<String, String> extraProperties() {
        String url = TestDatabase.shared().app().url();
        Matcher m = Pattern.compile("//([^/:]+):(\\d+)/").matcher(url);
        if (!m.find()) {
            throw new IllegalStateException("no host and port in " + url);
        }
        try {
            proxy = new CuttableProxy(Integer.parseInt(m.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("datasources.default.url", m.replaceFirst("//127.0.0.1:" + proxy.port() + "/"),
                "datasources.default.connection-timeout", "1000");
    }

    @AfterAll
    void close_the_proxy() throws IOException {
        proxy.close();
    }

    @Test
    void while_the_database_is_unreachable_a_delivery_answers_503_with_retry_after_and_is_stored_once_it_is_back()
            throws Exception {
        String base = "/api/v1/tenants/" + tenants.id();
        String connection;
        try (SquareSandbox square = SquareSandbox.start(SquareSandboxOptions.defaults().withOrders(5))) {
            connection = created(api.post(tenants.owner(), base + "/connections", Map.of("connectorId", "square",
                    "name", "Square", "config", Map.of("baseUrl", square.baseUri().toString(),
                            "accessToken", square.issueToken()))));
        }
        String path = base + "/connections/" + connection + "/webhook-subscription";
        Response entered = api.put(tenants.owner(), path, Map.of("signingSecret", KEY));
        assertThat(entered.status()).as(entered.toString()).isEqualTo(200);
        String url = (String) entered.json().get("url");
        assertThat(deliver(url, "evt-before").statusCode()).isEqualTo(200);

        proxy.cut();
        HttpResponse<String> down;
        try {
            long started = System.nanoTime();
            down = deliver(url, "evt-during");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(millis).as("answered well before a sender gives up").isLessThan(5_000);
        } finally {
            proxy.restore();
        }
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.body()).contains("/problems/database-unavailable");
        assertThat(down.headers().firstValue("Retry-After")).isPresent();

        Await.until(Duration.ofSeconds(20), "the redelivery to be stored", () -> deliver(url, "evt-during")
                .statusCode() == 200);
        long stored = inTenant(tenants.id(), c -> (Long) rows(c, "SELECT count(*) AS n FROM vendor_hook_events"
                + " WHERE connection_id = ?", UUID.fromString(connection)).get(0).get("n"));
        assertThat(stored).isEqualTo(2L);
    }

    private HttpResponse<String> deliver(String url, String eventId) {
        byte[] body = SquareEvents.orderUpdated(eventId, "order-1", "L1", 2).getBytes(StandardCharsets.UTF_8);
        return api.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("x-square-hmacsha256-signature", SquareEvents.sign(KEY, url, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }
}
