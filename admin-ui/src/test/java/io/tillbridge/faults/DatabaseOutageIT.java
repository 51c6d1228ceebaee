package io.tillbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillbridge.faults.PlatformApi.Tenant;
import io.tillbridge.migrations.DatabaseBootstrap;
import io.tillbridge.migrations.DatabaseRoles;
import io.tillbridge.migrations.EmbeddedDatabase;
import io.tillbridge.testing.WarehouseSandbox;
import io.tillbridge.webhooks.WebhookSignatures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL stopped under a running API. The test starts a PostgreSQL server of its own (as
 * {@link DatabaseRestartIT} does), points the API at it, stops the server, and expects every route,
 * webhook intake included, to answer 503 {@code database-unavailable} with Retry-After well before
 * a webhook sender gives up; then starts the server again and expects the same API to recover.
 */
class DatabaseOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageIT.class);
    /** Webhook senders give up after about 5 s; the answer must come well before that. */
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(2_500);
    private static final Duration RECOVER_WITHIN = Duration.ofSeconds(15);

    private static Path directory;
    private static Path dataDirectory;
    private static int port;
    private static EmbeddedDatabase postgres;
    private static FaultyOrdersApi vendor;
    private static WarehouseSandbox warehouse;
    private static PlatformApi api;
    private final ObjectMapper json = new ObjectMapper();
    /** Stops the server should this JVM exit without {@code @AfterAll} (a test run that is stopped). */
    private static final Thread serverGuard = new Thread(() -> {
        if (postgres != null) {
            postgres.close();
        }
    }, "outage-test-postgres-cleanup");

    @BeforeAll
    static void a_database_of_its_own_and_the_api() throws Exception {
        directory = Files.createTempDirectory("tillbridge-outage-");
        dataDirectory = directory.resolve("postgres");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        postgres = EmbeddedDatabase.start(dataDirectory, port);
        Runtime.getRuntime().addShutdownHook(serverGuard);
        DatabaseBootstrap.Prepared database = DatabaseBootstrap.provision(postgres.superuser("postgres"), "tillbridge",
                DatabaseRoles.defaults("owner-" + UUID.randomUUID(), "app-" + UUID.randomUUID()));
        warehouse = new WarehouseSandbox(postgres.superuser("tillbridge"));
        vendor = new FaultyOrdersApi();
        api = PlatformApi.start(database.owner(), database.app());
    }

    @AfterAll
    static void stop_everything() throws IOException {
        if (api != null) {
            api.close();
        }
        if (vendor != null) {
            vendor.close();
        }
        if (postgres != null) {
            Runtime.getRuntime().removeShutdownHook(serverGuard);
            postgres.close();
            postgres = null;
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void while_the_database_is_down_routes_and_webhook_intake_answer_503_fast_and_the_api_recovers_by_itself()
            throws Exception {
        Tenant tenant = api.newTenant("Outage");
        String name = "outage_" + WorkerFaultsIT.suffix();
        vendor.dataset(name, 5);
        String integration = tenant.integration(tenant.source(vendor.url(name)), tenant.target(warehouse), name);
        Map<String, Object> endpoint = tenant.webhookEndpoint(integration);
        String endpointId = (String) endpoint.get("id");
        String secret = (String) endpoint.get("secret");
        Supplier<HttpResponse<String>> route = () -> call(() -> tenant.get("/integrations"));
        Supplier<HttpResponse<String>> webhook = () -> call(() -> deliver(endpointId, secret));
        assertThat(route.get().statusCode()).isEqualTo(200);
        assertThat(webhook.get().statusCode()).isEqualTo(202);

        postgres.close();
        try {
            for (int round = 1; round <= 3; round++) {
                assertAnsweredUnavailable("GET integrations, round " + round, route);
                assertAnsweredUnavailable("signed webhook delivery, round " + round, webhook);
            }
        } finally {
            postgres = EmbeddedDatabase.start(dataDirectory, port);
        }

        long restarted = System.nanoTime();
        WorkerFaultsIT.await("the tenant route answers again", () -> route.get().statusCode() == 200);
        WorkerFaultsIT.await("webhook intake answers again", () -> webhook.get().statusCode() == 202);
        long recovered = (System.nanoTime() - restarted) / 1_000_000;
        LOG.info("The API recovered {} ms after the database was back", recovered);
        assertThat(Duration.ofMillis(recovered)).isLessThan(RECOVER_WITHIN);
    }

    private void assertAnsweredUnavailable(String what, Supplier<HttpResponse<String>> request) throws IOException {
        long started = System.nanoTime();
        HttpResponse<String> response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Database down: {} answered {} in {} ms", what, response.statusCode(), took.toMillis());
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).as(what).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asText()).as(what).isEqualTo("/problems/database-unavailable");
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(503);
        assertThat(took).as(what + " answered in time").isLessThan(ANSWER_WITHIN);
    }

    private HttpResponse<String> deliver(String endpointId, String secret) throws IOException, InterruptedException {
        String id = "evt_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        byte[] body = ("{\"type\":\"order.created\",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        return api.send(HttpRequest.newBuilder(api.uri("/api/v1/hooks/" + endpointId))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignatures.sign(secret, id, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    /** A request that must complete (any status) within the HTTP timeout. */
    private interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    private static HttpResponse<String> call(Call call) {
        try {
            return call.send();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
