package io.tillbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tillbridge.faults.PlatformApi.Tenant;
import io.tillbridge.testing.ApiClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

    private static FaultStage stage;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void a_database_of_its_own_and_the_api() throws Exception {
        stage = FaultStage.onOwnDatabase("outage", Map.of(), 0);
    }

    @AfterAll
    static void stop_everything() throws IOException {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void while_the_database_is_down_routes_and_webhook_intake_answer_503_fast_and_the_api_recovers_by_itself()
            throws Exception {
        Tenant tenant = stage.api.newTenant("Outage");
        String name = "outage_" + WorkerFaultsIT.suffix();
        stage.vendor.dataset(name, 5);
        String integration = tenant.integration(tenant.source(stage.vendor.url(name)), tenant.target(stage.warehouse), name);
        Map<String, Object> endpoint = tenant.webhookEndpoint(integration);
        String endpointId = (String) endpoint.get("id");
        String secret = (String) endpoint.get("secret");
        Supplier<ApiClient.Response> route = () -> tenant.get("/integrations");
        Supplier<ApiClient.Response> webhook = () -> deliver(endpointId, secret);
        assertThat(route.get().status()).isEqualTo(200);
        assertThat(webhook.get().status()).isEqualTo(202);

        stage.postgres.stop();
        try {
            for (int round = 1; round <= 3; round++) {
                assertAnsweredUnavailable("GET integrations, round " + round, route);
                assertAnsweredUnavailable("signed webhook delivery, round " + round, webhook);
            }
        } finally {
            stage.postgres.restart();
        }

        long restarted = System.nanoTime();
        WorkerFaultsIT.await("the tenant route answers again", () -> route.get().status() == 200);
        WorkerFaultsIT.await("webhook intake answers again", () -> webhook.get().status() == 202);
        long recovered = (System.nanoTime() - restarted) / 1_000_000;
        LOG.info("The API recovered {} ms after the database was back", recovered);
        assertThat(Duration.ofMillis(recovered)).isLessThan(RECOVER_WITHIN);
    }

    private void assertAnsweredUnavailable(String what, Supplier<ApiClient.Response> request) throws IOException {
        long started = System.nanoTime();
        ApiClient.Response response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Database down: {} answered {} in {} ms", what, response.status(), took.toMillis());
        assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(503);
        assertThat(response.header("Content-Type")).as(what).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.header("Retry-After")).as(what).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asText()).as(what).isEqualTo("/problems/database-unavailable");
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(503);
        assertThat(took).as(what + " answered in time").isLessThan(ANSWER_WITHIN);
    }

    private ApiClient.Response deliver(String endpointId, String secret) {
        String id = "evt_" + UUID.randomUUID();
        return stage.api.client().deliver(endpointId, secret, id, Instant.now().getEpochSecond(),
                "{\"type\":\"order.created\",\"id\":\"" + id + "\"}");
    }
}
