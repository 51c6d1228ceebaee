package io.tillbridge.templates;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * An install that fails part-way leaves nothing behind: here the operator allows no schedule
 * firing more often than every 20 minutes, so the warehouse template's quarter-hourly schedule is
 * refused after both integrations and their mapping versions were made in the install's transaction.
 */
@MicronautTest(transactional = false)
@SuppressWarnings("unchecked")
class TemplateInstallRollbackIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @Inject
    Scheduler scheduler;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.scheduler.min-interval", "20m");
    }

    @Test
    void a_refused_schedule_rolls_back_the_integrations_and_mapping_versions_already_made() throws Exception {
        UUID tenant = newTenant("Rollback Bakery");
        User admin = newMember(tenant, TenantRole.ADMIN);
        String base = "/api/v1/tenants/" + tenant;
        String pos = created(api.post(admin, base + "/connections", Map.of("connectorId", "square", "name", "POS",
                "config", Map.of("baseUrl", "http://127.0.0.1:9/", "accessToken", "EAAA-x", "maxRetries", 0))));
        String warehouse = created(api.post(admin, base + "/connections", Map.of("connectorId", "postgres-warehouse",
                "name", "Warehouse", "config", Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:9/none", "user", "wh",
                        "password", "pw-x", "schema", "wh"))));

        Response refused = api.post(admin, base + "/templates/" + ShippedTemplates.WAREHOUSE + "/install",
                Map.of("sourceConnectionId", pos, "targetConnectionId", warehouse));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("cron", "more often than every 1200 seconds");
        assertThat(api.get(admin, base + "/integrations").items()).isEmpty();
        for (String table : List.of("integrations", "mapping_versions", "integration_schedules")) {
            List<Map<String, Object>> rows = TenantFixture.inTenant(tenant, c -> TenantFixture.rows(c,
                    "SELECT 1 FROM " + table + " WHERE tenant_id = ?", tenant));
            assertThat(rows).as(table).isEmpty();
        }
        for (String action : List.of("template.installed", "integration.created", "mapping.version-created")) {
            assertThat(TenantFixture.audit(tenant, action)).as(action).isEmpty();
        }
        assertThat(scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(tenant.toString()))).isEmpty();

        Response withoutSchedules = api.post(admin, base + "/templates/" + ShippedTemplates.WAREHOUSE + "/install",
                Map.of("sourceConnectionId", pos, "targetConnectionId", warehouse, "schedule", false));
        assertThat(withoutSchedules.status()).as("the same install without schedules " + withoutSchedules).isEqualTo(201);
    }

    private static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }
}
