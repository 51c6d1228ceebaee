package io.tillbridge.integrations;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.engine.ScriptedSource;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.WarehouseSandbox;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shadow mode against the real postgres-warehouse target: a live run loads the table, then a
 * shadow run compares a changed source with the table's rows and writes nothing.
 */
@MicronautTest(transactional = false)
class ShadowWarehouseIT extends TestDatabaseProperties {

    @Inject
    RunWorker worker;

    @Inject
    ApiClient api;

    private WarehouseSandbox warehouse;
    private UUID tenant;
    private User owner;

    @BeforeAll
    void a_warehouse_and_a_tenant() {
        warehouse = WarehouseSandbox.inTestDatabase();
        tenant = newTenant("Shadow Deli");
        owner = newMember(tenant, TenantRole.OWNER);
    }

    @AfterAll
    void drop_the_warehouse() {
        warehouse.close();
    }

    @Test
    void a_shadow_run_writes_nothing_to_the_warehouse_and_shows_its_diff() throws SQLException {
        String script = "shadow-" + UUID.randomUUID();
        String table = "orders_" + UUID.randomUUID().toString().substring(0, 8);
        scripted(script, order(1, "1.50", "2026-01-01T00:00:01Z"), order(2, "2.50", "2026-01-01T00:00:02Z"));
        String source = created(api.post(owner, base() + "/connections", Map.of("connectorId", "test-scripted-source",
                "name", "Scripted", "config", Map.of("script", script))));
        String target = created(api.post(owner, base() + "/connections", Map.of("connectorId", "postgres-warehouse",
                "name", "Warehouse", "config", warehouse.targetConfig(30))));
        String live = created(api.post(owner, base() + "/integrations", Map.of("name", "Live", "sourceConnectionId",
                source, "sourceStream", "orders", "targetConnectionId", target, "targetObject", table, "mode", "live")));
        assertThat(runs().toTheEnd(runs().start(live))).containsEntry("status", "succeeded");
        List<String> before = rows(table);

        scripted(script, order(1, "1.50", "2026-01-01T00:00:01Z"), order(2, "2.75", "2026-01-01T00:00:02Z"),
                order(3, "3.50", "2026-01-01T00:00:03Z"));
        Response current = api.get(owner, base() + "/integrations/" + live);
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : List.of("name", "sourceConnectionId", "sourceStream", "targetConnectionId", "targetObject")) {
            body.put(field, current.json().get(field));
        }
        body.put("mode", "shadow");
        assertThat(api.put(owner, base() + "/integrations/" + live, body, "If-Match",
                current.header("ETag").orElseThrow()).status()).isEqualTo(200);
        // A fresh ledger entry for key 1 would skip it; drop the ledger so that every record is compared.
        io.tillbridge.tenants.TenantFixture.inTenant(tenant, c -> io.tillbridge.tenants.TenantFixture.update(c,
                "DELETE FROM ledger WHERE integration_id = ?", UUID.fromString(live)));

        Map<String, Object> run = runs().toTheEnd(runs().start(live));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded").containsEntry("shadow", true);
        assertThat(rows(table)).as("the warehouse is untouched").isEqualTo(before);
        Map<String, Object> summary = api.get(owner, base() + "/runs/" + run.get("id") + "/shadow-summary").json();
        assertThat(summary).as(summary.toString()).containsEntry("create", 1).containsEntry("update", 1)
                .containsEntry("unchanged", 1);
        Map<String, Object> update = api.get(owner, base() + "/runs/" + run.get("id") + "/shadow-changes?action=update")
                .items().get(0);
        assertThat(update).containsEntry("sourceKey", "2").containsEntry("changedFields", List.of("total"));
        assertThat(update.get("before").toString()).contains("2.50").contains("2026-01-01T00:00:02Z");
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, owner, owner, base());
    }

    @SafeVarargs
    private static void scripted(String script, Map<String, Object>... orders) {
        ScriptedSource.script(script, List.of(List.of(orders)));
    }

    private static Map<String, Object> order(int id, String total, String updatedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", new BigDecimal(id));
        data.put("total", total);
        data.put("updated_at", updatedAt);
        return data;
    }

    private List<String> rows(String table) throws SQLException {
        return warehouse.values(table, "_key || ' ' || _version || ' ' || _loaded_at::text || ' ' || total || ' ' || updated_at::text",
                "1");
    }
}
