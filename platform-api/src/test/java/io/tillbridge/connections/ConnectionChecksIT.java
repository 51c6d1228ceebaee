package io.tillbridge.connections;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.rows;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The periodic connection check against a local fake API whose token can be refused: health through
 * the API, {@code connection.broken} published once per breakage, recovery by a member's check.
 */
@MicronautTest(transactional = false)
class ConnectionChecksIT extends TestDatabaseProperties {

    private static final String TOKEN = "tok-Chk4-never-shown-77ab";

    @Inject
    ApiClient api;

    @Inject
    ConnectionChecks checks;

    @Inject
    org.quartz.Scheduler scheduler;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants(TenantRole.ADMIN, TenantRole.VIEWER);

    private final AtomicBoolean accepted = new AtomicBoolean(true);
    private ScriptedApi vendor;

    @BeforeAll
    void a_fake_orders_api() {
        vendor = ScriptedApi.start().requireBearer(token -> accepted.get() && TOKEN.equals(token))
                .route("/orders", Reply.ok("[{\"id\":1,\"total\":\"9.50\"}]"));
    }

    @AfterAll
    void stop_the_fake() {
        vendor.close();
    }

    @Test
    void a_connection_that_stops_working_breaks_once_stays_failing_since_then_and_recovers() {
        String id = create();
        Map<String, Object> unchecked = health(id);
        assertThat(unchecked).containsEntry("status", "unchecked");

        assertThat(checkDue()).isGreaterThanOrEqualTo(1);
        assertThat(health(id)).containsEntry("status", "ok").containsEntry("failingSince", null);
        assertThat(checkDue()).as("checked less than an interval ago: not due").isZero();

        accepted.set(false);
        age(id);
        checkDue();
        Map<String, Object> failing = health(id);
        assertThat(failing).containsEntry("status", "failing").containsEntry("category", "AUTH");
        assertThat(failing.get("failingSince")).isNotNull();
        assertThat(failing.get("reasons").toString()).contains("The check fails since");
        assertThat(brokenEvents()).hasSize(1);
        assertThat(brokenEvents().get(0)).contains(id).contains("AUTH");

        age(id);
        checkDue();
        Map<String, Object> still = health(id);
        assertThat(still.get("failingSince")).as("failing since the first failed check").isEqualTo(failing.get("failingSince"));
        assertThat(still.get("checkedAt")).isNotEqualTo(failing.get("checkedAt"));
        assertThat(brokenEvents()).as("one event per breakage").hasSize(1);

        Map<String, Object> overview = api.get(tenants.viewer(), "/api/v1/tenants/" + tenants.id() + "/health").json();
        assertThat(overview.get("connections").toString()).contains(id).contains("failing");

        accepted.set(true);
        Response check = api.post(tenants.admin(), "/api/v1/tenants/" + tenants.id() + "/connections/" + id + "/check", null);
        assertThat(check.json()).containsEntry("status", "OK");
        assertThat(health(id)).containsEntry("status", "ok").containsEntry("failingSince", null)
                .containsEntry("reasons", List.of());

        accepted.set(false);
        age(id);
        checkDue();
        assertThat(brokenEvents()).as("broken again after working").hasSize(2);
    }

    @Test
    void the_check_is_on_the_clustered_scheduler_every_15_minutes() throws Exception {
        org.quartz.CronTrigger trigger = (org.quartz.CronTrigger) scheduler.getTrigger(
                org.quartz.TriggerKey.triggerKey(ConnectionCheckSchedule.NAME, "platform"));
        assertThat(trigger).isNotNull();
        assertThat(trigger.getCronExpression()).isEqualTo("0 3/15 * * * ?");
        assertThat(scheduler.getJobDetail(org.quartz.JobKey.jobKey(ConnectionCheckSchedule.NAME, "platform"))
                .getJobClass()).isEqualTo(ConnectionCheckJob.class);
    }

    @Test
    void another_tenants_connection_health_answers_404() {
        String id = create();
        Response response = api.get(tenants.stranger(), "/api/v1/tenants/" + tenants.otherId() + "/connections/" + id
                + "/health");
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.header("Content-Type").orElse("")).contains("application/problem+json");
    }

    /** The periodic pass for the tenant under test (other test classes' connections share the database). */
    private int checkDue() {
        return checks.checkDue(new TenantId(tenants.id()), 100);
    }

    private String create() {
        Response response = api.post(tenants.admin(), "/api/v1/tenants/" + tenants.id() + "/connections", Map.of(
                "connectorId", "http-json", "name", "Till API " + UUID.randomUUID().toString().substring(0, 8),
                "config", Map.of("url", vendor.url("/orders"), "stream", "orders", "maxRetries", 0, "timeoutSeconds", 5,
                        "bearerToken", TOKEN)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }

    private Map<String, Object> health(String id) {
        Response response = api.get(tenants.viewer(), "/api/v1/tenants/" + tenants.id() + "/connections/" + id + "/health");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Moves the connection's last check two hours back, so that the next pass finds it due. */
    private void age(String id) {
        inTenant(tenants.id(), c -> update(c, "UPDATE connection_checks SET checked_at = checked_at - interval '2 hours'"
                + " WHERE connection_id = ?", UUID.fromString(id)));
    }

    private List<String> brokenEvents() {
        return inTenant(tenants.id(), c -> rows(c, "SELECT data::text AS d FROM platform_events WHERE type ="
                + " 'connection.broken' ORDER BY seq")).stream().map(r -> (String) r.get("d")).toList();
    }
}
