package io.tillbridge.connections;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Checks, discoveries and previews run within their own short limits (DD-018), against a local API
 * that never answers or answers huge samples. Limits are lowered for this context.
 */
@MicronautTest(transactional = false)
class InteractiveLimitsIT extends TestDatabaseProperties {

    private static final String TOKEN = "tok-interactive";

    @Inject
    ApiClient api;

    private ScriptedApi vendor;
    private volatile CountDownLatch slowCalled = new CountDownLatch(1);
    private UUID tenant;
    private User admin;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.interactive.connector-timeout", "2s", "tillbridge.interactive.preview-timeout", "250ms",
                "tillbridge.interactive.max-per-tenant", "1");
    }

    @BeforeAll
    void a_slow_and_a_wordy_api() throws IOException {
        vendor = ScriptedApi.start()
                .route("/slow", request -> {
                    slowCalled.countDown();
                    // Slower than any interactive timeout; then hangs up without an answer.
                    Thread.sleep(20_000);
                    return null;
                })
                .route("/wordy", Reply.ok("[{\"id\":1,\"note\":\"" + "n".repeat(5_000) + "\"},{\"id\":2,\"note\":\""
                        + "m".repeat(5_000) + "\"}]"));
    }

    @AfterAll
    void stop_the_api() {
        vendor.close();
    }

    @BeforeEach
    void a_tenant() {
        tenant = newTenant("Interactive Grill");
        admin = newMember(tenant, TenantRole.ADMIN);
        slowCalled = new CountDownLatch(1);
    }

    @Test
    void a_check_against_an_api_that_never_answers_is_stopped_at_its_limit_and_answers_transient() {
        String id = connection(admin, "/slow");
        long start = System.nanoTime();
        Response check = api.post(admin, path() + "/" + id + "/check", null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("interactive limits: a check of a silent API answered after " + took.toMillis() + " ms");
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json()).containsEntry("status", "TRANSIENT");
        assertThat((String) check.json().get("message")).contains("took longer than 2 s");
        // The connector's own request timeout is 60 s.
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void a_discovery_against_an_api_that_never_answers_answers_a_problem_at_its_limit() {
        String id = connection(admin, "/slow");
        long start = System.nanoTime();
        Response discover = api.post(admin, path() + "/" + id + "/discover", null);
        assertThat(discover.status()).as(discover.toString()).isEqualTo(422);
        assertThat(discover.body()).contains("/problems/connector-failed", "TRANSIENT", "took longer than 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void discovery_leaves_out_samples_larger_than_a_kibibyte() {
        String id = connection(admin, "/wordy");
        Response discover = api.post(admin, path() + "/" + id + "/discover", null);
        assertThat(discover.status()).as(discover.toString()).isEqualTo(200);
        assertThat(discover.body()).contains("\"note\"").doesNotContain("nnnnnnnnnn");
        assertThat(discover.body().length()).isLessThan(5_000);
    }

    @Test
    void one_tenant_runs_at_most_its_share_of_interactive_calls_at_once_and_others_are_not_held_up() throws Exception {
        String slow = connection(admin, "/slow");
        CompletableFuture<Response> first = CompletableFuture.supplyAsync(
                () -> api.post(admin, path() + "/" + slow + "/check", null));
        assertThat(slowCalled.await(10, TimeUnit.SECONDS)).as("the first check reached the API").isTrue();
        Response second = api.post(admin, path() + "/" + connection(admin, "/wordy") + "/discover", null);
        assertThat(second.status()).as(second.toString()).isEqualTo(429);
        assertThat(second.body()).contains("/problems/rate-limited");

        UUID other = newTenant("Other Grill");
        User otherAdmin = newMember(other, TenantRole.ADMIN);
        String wordy = connection(otherAdmin, other, "/wordy");
        Response elsewhere = api.post(otherAdmin, "/api/v1/tenants/" + other + "/connections/" + wordy + "/discover", null);
        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(200);
        assertThat(first.get(15, TimeUnit.SECONDS).json()).containsEntry("status", "TRANSIENT");
    }

    @Test
    void a_preview_that_takes_longer_than_its_limit_answers_422_and_is_stopped() {
        String integration = integration();
        StringBuilder records = new StringBuilder("[");
        String xs = String.join(",", java.util.Collections.nCopies(2_000, "7"));
        for (int i = 0; i < 100; i++) {
            records.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"xs\":[").append(xs).append("]}");
        }
        records.append("]");
        String body = "{\"spec\":{\"fields\":[{\"target\":\"id\",\"source\":\"id\"},"
                + "{\"target\":\"n\",\"expression\":\"record.xs.map(a, a * 2).filter(b, b > 0).map(c, c + 1)"
                + ".filter(d, d > 1).map(e, e * 3).size()\"}]},"
                + "\"records\":" + records + "}";
        long start = System.nanoTime();
        Response preview = api.post(admin, "/api/v1/tenants/" + tenant + "/integrations/" + integration
                + "/mappings/preview", body);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("interactive limits: a slow preview answered after " + took.toMillis() + " ms");
        assertThat(preview.status()).as(preview.toString()).isEqualTo(422);
        assertThat(preview.body()).contains("/problems/unprocessable", "took longer than 250 ms");
        assertThat(took).isLessThan(Duration.ofSeconds(6));
    }

    private String integration() {
        String source = connection(admin, "/wordy");
        Response target = api.post(admin, path(), Map.of("connectorId", "postgres-warehouse", "name", "Warehouse",
                "config", Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:9/none", "user", "wh", "password", "pw-x",
                        "schema", "wh")));
        assertThat(target.status()).as(target.toString()).isEqualTo(201);
        Response created = api.post(admin, "/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", source, "sourceStream", "records", "targetConnectionId", target.json().get("id"),
                "targetObject", "orders"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    private String connection(User as, String endpoint) {
        return connection(as, tenant, endpoint);
    }

    private String connection(User as, UUID in, String endpoint) {
        Map<String, Object> config = new HashMap<>();
        config.put("url", vendor.url(endpoint));
        config.put("maxRetries", 0);
        config.put("timeoutSeconds", 60);
        config.put("bearerToken", TOKEN);
        Response created = api.post(as, "/api/v1/tenants/" + in + "/connections",
                Map.of("connectorId", "http-json", "name", "API " + UUID.randomUUID(), "config", config));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    private String path() {
        return "/api/v1/tenants/" + tenant + "/connections";
    }
}
