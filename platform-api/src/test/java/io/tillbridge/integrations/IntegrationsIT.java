package io.tillbridge.integrations;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/v1/tenants/{id}/integrations through real HTTP and PostgreSQL. */
@MicronautTest(transactional = false)
class IntegrationsIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    private UUID tenant;
    private User admin;
    private User operator;
    private User viewer;
    private String source;
    private String target;

    @BeforeEach
    void a_tenant_with_a_source_and_a_target_connection() {
        tenant = newTenant("Integration Bakery");
        admin = newMember(tenant, TenantRole.ADMIN);
        operator = newMember(tenant, TenantRole.OPERATOR);
        viewer = newMember(tenant, TenantRole.VIEWER);
        source = connection("http-json", Map.of("url", "http://127.0.0.1:9/orders", "bearerToken", "tok-x"));
        target = connection("postgres-warehouse", Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:9/none",
                "user", "wh", "password", "pw-x", "schema", "wh"));
    }

    @Test
    void creating_an_integration_answers_201_with_defaults_an_etag_and_a_location() {
        Response created = api.post(admin, path(), body("Orders", source, target));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("ETag")).hasValue("\"1\"");
        assertThat(created.header("Location")).hasValue(path() + "/" + created.json().get("id"));
        assertThat(created.json()).containsEntry("name", "Orders").containsEntry("sourceConnectionId", source)
                .containsEntry("sourceStream", "records").containsEntry("targetConnectionId", target)
                .containsEntry("targetObject", "orders").containsEntry("mode", "shadow")
                .containsEntry("status", "active").containsEntry("mapping", "identity");
        Response read = api.get(viewer, path() + "/" + created.json().get("id"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(created.json());
    }

    @Test
    void a_retried_create_with_the_same_idempotency_key_creates_one_integration() {
        Response first = api.post(admin, path(), body("Orders", source, target), "Idempotency-Key", "int-1");
        Response retry = api.post(admin, path(), body("Orders", source, target), "Idempotency-Key", "int-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(api.get(viewer, path()).items()).hasSize(1);
    }

    @Test
    void the_connections_must_exist_in_the_tenant_and_be_a_source_and_a_target() {
        Response swapped = api.post(admin, path(), body("Swapped", target, source));
        assertThat(swapped.status()).as(swapped.toString()).isEqualTo(422);
        assertThat(swapped.body()).contains("cannot be a source");
        Response unknown = api.post(admin, path(), body("Unknown", UUID.randomUUID().toString(), target));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.body()).contains("does not exist");
        UUID other = newTenant("Other");
        User stranger = newMember(other, TenantRole.OWNER);
        Response foreign = api.post(stranger, "/api/v1/tenants/" + other + "/integrations", body("Foreign", source, target));
        assertThat(foreign.status()).as("another tenant's connections are unknown").isEqualTo(422);
        Map<String, Object> badMode = new HashMap<>(body("Mode", source, target));
        badMode.put("mode", "dry-run");
        assertThat(api.post(admin, path(), badMode).status()).isEqualTo(400);
        assertThat(api.post(admin, path(), body(" ", source, target)).status()).isEqualTo(400);
        assertThat(api.get(viewer, path()).items()).isEmpty();
    }

    @Test
    void an_update_needs_the_current_etag_and_keeps_the_mode_when_left_out() {
        String id = create("Orders");
        Map<String, Object> live = new HashMap<>(body("Orders", source, target));
        live.put("mode", "live");
        assertThat(api.put(admin, path() + "/" + id, live).status()).isEqualTo(428);
        assertThat(api.put(admin, path() + "/" + id, live, "If-Match", "\"7\"").status()).isEqualTo(412);
        Response changed = api.put(admin, path() + "/" + id, live, "If-Match", "\"1\"");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.header("ETag")).hasValue("\"2\"");
        assertThat(changed.json()).containsEntry("mode", "live");
        Response renamed = api.put(admin, path() + "/" + id, body("Renamed", source, target), "If-Match", "\"2\"");
        assertThat(renamed.json()).containsEntry("name", "Renamed").containsEntry("mode", "live");
    }

    @Test
    void pause_and_resume_change_the_status_and_every_change_is_audited() {
        String id = create("Orders");
        Response paused = api.post(admin, path() + "/" + id + "/pause", null);
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json()).containsEntry("status", "paused");
        assertThat(api.post(admin, path() + "/" + id + "/pause", null).json()).containsEntry("status", "paused");
        assertThat(api.post(admin, path() + "/" + id + "/resume", null).json()).containsEntry("status", "active");
        assertThat(api.put(admin, path() + "/" + id, body("Renamed", source, target), "If-Match", "\"3\"").status())
                .isEqualTo(200);
        assertThat(api.delete(admin, path() + "/" + id, "If-Match", "\"4\"").status()).isEqualTo(204);
        assertThat(api.get(viewer, path() + "/" + id).status()).isEqualTo(404);
        List<Map<String, Object>> audit = TenantFixture.platform(c -> TenantFixture.rows(c,
                "SELECT action FROM audit_log WHERE tenant_id = ? AND target_type = 'integration' ORDER BY id", tenant));
        assertThat(audit).extracting(r -> r.get("action")).containsExactly("integration.created",
                "integration.paused", "integration.resumed", "integration.changed", "integration.deleted");
    }

    @Test
    void viewers_and_operators_read_but_cannot_change() {
        String id = create("Orders");
        assertThat(api.get(viewer, path()).status()).isEqualTo(200);
        assertThat(api.post(viewer, path(), body("No", source, target)).status()).isEqualTo(403);
        assertThat(api.post(operator, path(), body("No", source, target)).status()).isEqualTo(403);
        assertThat(api.post(operator, path() + "/" + id + "/pause", null).status()).isEqualTo(403);
        assertThat(api.delete(viewer, path() + "/" + id, "If-Match", "\"1\"").status()).isEqualTo(403);
    }

    @Test
    void the_list_pages_oldest_first() {
        create("A");
        create("B");
        create("C");
        Response first = api.get(viewer, path() + "?limit=2");
        assertThat(first.items()).extracting(i -> i.get("name")).containsExactly("A", "B");
        Response second = api.get(viewer, path() + "?limit=2&cursor=" + first.json().get("nextCursor"));
        assertThat(second.items()).extracting(i -> i.get("name")).containsExactly("C");
        assertThat(second.json()).doesNotContainKey("nextCursor");
    }

    private String path() {
        return "/api/v1/tenants/" + tenant + "/integrations";
    }

    private String create(String name) {
        Response created = api.post(admin, path(), body(name, source, target));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    private static Map<String, Object> body(String name, String sourceId, String targetId) {
        return Map.of("name", name, "sourceConnectionId", sourceId, "sourceStream", "records",
                "targetConnectionId", targetId, "targetObject", "orders");
    }

    private String connection(String connectorId, Map<String, Object> config) {
        Response created = api.post(admin, "/api/v1/tenants/" + tenant + "/connections",
                Map.of("connectorId", connectorId, "name", connectorId, "config", config));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }
}
