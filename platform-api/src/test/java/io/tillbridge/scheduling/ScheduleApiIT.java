package io.tillbridge.scheduling;

import static io.tillbridge.tenants.TenantFixture.audit;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.platform;
import static io.tillbridge.tenants.TenantFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schedule of an integration through the API: validation, next fire times, versions, audit. */
@MicronautTest(transactional = false)
class ScheduleApiIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Schedule Bakery", TenantRole.OWNER);

    private UUID integration;

    @BeforeEach
    void a_tenant_with_an_integration() {
        integration = TestIntegrations.newIntegration(tenants.id());
    }

    private String path() {
        return "/api/v1/tenants/" + tenants.id() + "/integrations/" + integration + "/schedule";
    }

    @Test
    void an_invalid_cron_expression_answers_400_naming_the_cron_field() {
        Response response = api.put(tenants.owner(), path(), Map.of("cron", "every morning"));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/problem+json"));
        assertThat(response.json()).containsEntry("type", "/problems/validation-failed");
        assertThat(fields(response)).containsExactly("cron");
        assertThat(schedulesInDatabase()).isZero();
    }

    @Test
    void a_cron_expression_firing_more_often_than_the_minimum_answers_400() {
        Response response = api.put(tenants.owner(), path(), Map.of("cron", "*/10 * * * * ?"));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("cron");
        assertThat(response.body()).contains("60 seconds");
    }

    @Test
    void an_interval_below_the_minimum_answers_400_naming_interval_seconds() {
        Response response = api.put(tenants.owner(), path(), Map.of("intervalSeconds", 59));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("intervalSeconds");
    }

    @Test
    void an_unknown_time_zone_answers_400_naming_time_zone() {
        Response response = api.put(tenants.owner(), path(), Map.of("cron", "0 0 6 * * ?", "timeZone", "Mars/Olympus"));
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("timeZone");
    }

    @Test
    void both_cron_and_interval_or_neither_answer_400() {
        assertThat(api.put(tenants.owner(), path(), Map.of("cron", "0 0 6 * * ?", "intervalSeconds", 3600)).status()).isEqualTo(400);
        assertThat(api.put(tenants.owner(), path(), Map.of("enabled", true)).status()).isEqualTo(400);
        assertThat(schedulesInDatabase()).isZero();
    }

    @Test
    void a_cron_schedule_answers_its_next_fire_times_in_its_time_zone() {
        Response created = api.put(tenants.owner(), path(), Map.of("cron", "0 30 6 * * ?", "timeZone", "Europe/Paris"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.header("ETag")).hasValue("\"1\"");
        List<Instant> times = fireTimes(created);
        assertThat(times).hasSize(5);
        for (int i = 0; i < times.size(); i++) {
            ZonedDateTime paris = times.get(i).atZone(ZoneId.of("Europe/Paris"));
            assertThat(paris.getHour()).isEqualTo(6);
            assertThat(paris.getMinute()).isEqualTo(30);
            if (i > 0) {
                assertThat(Duration.between(times.get(i - 1), times.get(i)).toHours()).isBetween(23L, 25L);
            }
        }
        assertThat(times.get(0)).isAfter(Instant.now());

        Response read = api.get(tenants.owner(), path());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).containsEntry("cron", "0 30 6 * * ?").containsEntry("timeZone", "Europe/Paris")
                .containsEntry("enabled", true).containsEntry("version", 1);
        assertThat(fireTimes(read)).isEqualTo(times);
        assertThat(audit(tenants.id(), "schedule.created")).hasSize(1);
        assertThat(quartzTriggers()).isEqualTo(1);
    }

    @Test
    void an_interval_schedule_first_fires_one_interval_from_now() {
        Instant before = Instant.now();
        Response created = api.put(tenants.owner(), path(), Map.of("intervalSeconds", 900));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        List<Instant> times = fireTimes(created);
        assertThat(times).hasSize(5);
        assertThat(times.get(0)).isBetween(before.plusSeconds(899), Instant.now().plusSeconds(901));
        assertThat(Duration.between(times.get(0), times.get(1))).isEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void replacing_a_schedule_needs_its_etag_and_is_audited() {
        assertThat(api.put(tenants.owner(), path(), Map.of("intervalSeconds", 3600)).status()).isEqualTo(200);
        Response withoutIfMatch = api.put(tenants.owner(), path(), Map.of("intervalSeconds", 7200));
        assertThat(withoutIfMatch.status()).as(withoutIfMatch.toString()).isEqualTo(428);
        assertThat(api.put(tenants.owner(), path(), Map.of("intervalSeconds", 7200), "If-Match", "\"7\"").status()).isEqualTo(412);

        Response replaced = api.put(tenants.owner(), path(), Map.of("cron", "0 0 * * * ?"), "If-Match", "\"1\"");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json()).containsEntry("version", 2).containsEntry("cron", "0 0 * * * ?")
                .containsEntry("timeZone", "UTC");
        assertThat(replaced.json().get("intervalSeconds")).isNull();
        List<Map<String, Object>> changed = audit(tenants.id(), "schedule.changed");
        assertThat(changed).hasSize(1);
        assertThat((String) changed.get(0).get("before")).contains("3600");
        assertThat((String) changed.get(0).get("after")).contains("0 0 * * * ?");
    }

    @Test
    void a_disabled_schedule_has_no_fire_times_and_no_trigger() {
        Response created = api.put(tenants.owner(), path(), Map.of("intervalSeconds", 3600, "enabled", false));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json()).containsEntry("enabled", false);
        assertThat(fireTimes(created)).isEmpty();
        assertThat(quartzTriggers()).isZero();
    }

    @Test
    void deleting_the_schedule_removes_its_trigger_and_answers_404_after() {
        assertThat(api.put(tenants.owner(), path(), Map.of("intervalSeconds", 3600)).status()).isEqualTo(200);
        assertThat(api.delete(tenants.owner(), path()).status()).isEqualTo(428);
        Response deleted = api.delete(tenants.owner(), path(), "If-Match", "\"1\"");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(api.get(tenants.owner(), path()).status()).isEqualTo(404);
        assertThat(quartzTriggers()).isZero();
        assertThat(audit(tenants.id(), "schedule.deleted")).hasSize(1);
    }

    @Test
    void an_integration_without_a_schedule_or_of_another_tenant_answers_404() {
        assertThat(api.get(tenants.owner(), path()).status()).isEqualTo(404);
        UUID other = TestIntegrations.newIntegration(newTenant("Other"));
        Response foreign = api.put(tenants.owner(), "/api/v1/tenants/" + tenants.id() + "/integrations/" + other + "/schedule",
                Map.of("intervalSeconds", 3600));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
    }

    @Test
    void deleting_the_integration_deletes_its_schedule() {
        assertThat(api.put(tenants.owner(), path(), Map.of("intervalSeconds", 3600)).status()).isEqualTo(200);
        Response deleted = api.delete(tenants.owner(), "/api/v1/tenants/" + tenants.id() + "/integrations/" + integration,
                "If-Match", "\"1\"");
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(schedulesInDatabase()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(Response response) {
        return ((List<Map<String, Object>>) response.json().get("errors")).stream()
                .map(e -> (String) e.get("field")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Instant> fireTimes(Response response) {
        return ((List<Object>) response.json().get("nextFireTimes")).stream()
                .map(t -> Instant.parse(t.toString())).toList();
    }

    private long schedulesInDatabase() {
        return TenantFixture.inTenant(tenants.id(), c -> (Long) rows(c,
                "SELECT count(*) AS n FROM integration_schedules WHERE integration_id = ?", integration).get(0).get("n"));
    }

    private long quartzTriggers() {
        return platform(c -> (Long) rows(c, "SELECT count(*) AS n FROM qrtz_triggers WHERE trigger_group = ?"
                + " AND trigger_name = ?", tenants.id().toString(), integration.toString()).get(0).get("n"));
    }
}
