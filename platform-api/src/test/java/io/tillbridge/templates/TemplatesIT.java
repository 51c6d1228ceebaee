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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The template catalog and installing a template through the API: one call makes every
 * integration with its pinned mapping and schedule, recording where it came from; a connection of
 * another tenant, of the wrong connector or an unknown template are refused with a problem that
 * names the field, and leave nothing behind.
 */
@MicronautTest(transactional = false)
@SuppressWarnings("unchecked")
class TemplatesIT extends TestDatabaseProperties {

    private static final String WAREHOUSE = ShippedTemplates.WAREHOUSE;

    @Inject
    ApiClient api;

    private UUID tenant;
    private User admin;
    private User viewer;
    private String pos;
    private String warehouse;

    @BeforeEach
    void a_tenant_with_a_pos_and_a_warehouse_connection() {
        tenant = newTenant("Template Bakery");
        admin = newMember(tenant, TenantRole.ADMIN);
        viewer = newMember(tenant, TenantRole.VIEWER);
        pos = connection("square", Map.of("baseUrl", "http://127.0.0.1:9/", "accessToken", "EAAA-x", "maxRetries", 0));
        warehouse = connection("postgres-warehouse", Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:9/none",
                "user", "wh", "password", "pw-x", "schema", "wh"));
    }

    @Test
    void the_catalog_lists_each_template_with_its_connectors_and_integrations_to_anyone_signed_in() {
        Response list = api.get(viewer, "/api/v1/templates");

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        Map<String, Object> template = list.items().stream().filter(t -> WAREHOUSE.equals(t.get("id"))).findFirst()
                .orElseThrow();
        assertThat(template).containsEntry("version", 1).containsEntry("name", "POS orders and lines -> warehouse");
        assertThat((Map<String, Object>) template.get("source")).containsEntry("kind", "pos")
                .containsEntry("streams", List.of("pos.orders"));
        assertThat((List<Object>) ((Map<String, Object>) template.get("source")).get("connectors")).contains("square", "shopify", "clover");
        assertThat((Map<String, Object>) template.get("target")).containsEntry("connectors", List.of("postgres-warehouse"));
        List<Object> integrations = (List<Object>) template.get("integrations");
        assertThat(integrations).extracting(i -> ((Map<String, Object>) i).get("key")).containsExactly("orders", "lines");
        assertThat((Map<String, Object>) ((Map<String, Object>) integrations.get(0)).get("mapping")).containsKey("fields");
        assertThat(api.as(null).get("/api/v1/templates").status()).as("not signed in").isEqualTo(401);
        User outsider = TenantFixture.newUser();
        assertThat(api.get(outsider, "/api/v1/templates/" + WAREHOUSE).json()).isEqualTo(template);
    }

    @Test
    void the_catalog_answers_a_partner_api_key() {
        User developer = TenantFixture.newUser();
        String partner = (String) api.post(developer, "/api/v1/partners", Map.of("name", "Template partner",
                "contactEmail", "dev@partner.example")).json().get("id");
        Response key = api.post(developer, "/api/v1/partners/" + partner + "/keys", Map.of("name", "catalog",
                "scopes", List.of("read")));
        assertThat(key.status()).as(key.toString()).isEqualTo(201);

        Response list = api.bearer((String) key.json().get("key")).get("/api/v1/templates");

        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.items()).extracting(t -> t.get("id")).contains(WAREHOUSE);
    }

    @Test
    void an_unknown_template_answers_404() {
        Response read = api.get(viewer, "/api/v1/templates/no-such-template");
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.problemType()).isEqualTo("/problems/not-found");

        Response install = api.post(admin, install("no-such-template"), request(pos, warehouse));
        assertThat(install.status()).as(install.toString()).isEqualTo(404);
        assertThat(install.body()).contains("no-such-template");
        assertNothingInstalled();
    }

    @Test
    void installing_makes_every_integration_with_its_pinned_mapping_and_schedule_in_one_call() {
        Response location = api.post(admin, base() + "/locations", Map.of("name", "Harbour", "timeZone",
                "Europe/Dublin", "closeOutHour", 4));
        assertThat(location.status()).as(location.toString()).isEqualTo(201);

        Response installed = api.post(admin, install(WAREHOUSE), request(pos, warehouse));

        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        assertThat(installed.json()).containsEntry("templateId", WAREHOUSE).containsEntry("templateVersion", 1);
        String installId = (String) installed.json().get("installId");
        List<Object> made = (List<Object>) installed.json().get("integrations");
        assertThat(made).hasSize(2);
        Map<String, Object> orders = (Map<String, Object>) made.get(0);
        assertThat(orders).containsEntry("key", "orders").containsEntry("mappingVersion", 1);
        Map<String, Object> integration = (Map<String, Object>) orders.get("integration");
        assertThat(integration).containsEntry("name", "POS orders").containsEntry("sourceConnectionId", pos)
                .containsEntry("sourceStream", "pos.orders").containsEntry("targetConnectionId", warehouse)
                .containsEntry("targetObject", "pos_orders").containsEntry("mode", "shadow");
        assertThat((Map<String, Object>) integration.get("template")).containsEntry("id", WAREHOUSE).containsEntry("version", 1)
                .containsEntry("key", "orders").containsEntry("installId", installId);
        assertThat((Map<String, Object>) orders.get("schedule")).containsEntry("cron", "0 0/15 * * * ?")
                .containsEntry("timeZone", "Europe/Dublin").containsEntry("enabled", true);
        Map<String, Object> lines = (Map<String, Object>) ((Map<String, Object>) made.get(1)).get("integration");
        assertThat(lines).containsEntry("targetObject", "pos_order_lines");
        assertThat((Map<String, Object>) lines.get("template")).containsEntry("key", "lines").containsEntry("installId", installId);

        String id = (String) integration.get("id");
        Response read = api.get(viewer, base() + "/integrations/" + id);
        assertThat(read.json().get("template")).isEqualTo(integration.get("template"));
        assertThat(versions(id)).singleElement().satisfies(v -> {
            assertThat(v).containsEntry("version", 1).containsEntry("pinned", true);
            assertThat(v.get("spec")).isEqualTo(templateMapping(WAREHOUSE, 0));
        });
        assertThat(api.get(viewer, base() + "/integrations/" + id + "/schedule").status()).isEqualTo(200);
        assertThat(TenantFixture.audit(tenant, "template.installed")).singleElement()
                .satisfies(e -> assertThat((String) e.get("after")).contains(WAREHOUSE, id));
        assertThat(TenantFixture.audit(tenant, "integration.created")).hasSize(2);
        assertThat(TenantFixture.audit(tenant, "mapping.version-created")).hasSize(2);
        assertThat(TenantFixture.audit(tenant, "integration.mapping-pinned")).hasSize(2);
        assertThat(TenantFixture.audit(tenant, "schedule.created")).hasSize(2);
    }

    @Test
    void a_name_prefix_a_mode_and_no_schedules_are_the_callers_choice() {
        Map<String, Object> body = new HashMap<>(request(pos, warehouse));
        body.put("namePrefix", "  Pier 4 ");
        body.put("mode", "live");
        body.put("schedule", false);

        Response installed = api.post(admin, install(WAREHOUSE), body);

        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        List<Object> made = (List<Object>) installed.json().get("integrations");
        assertThat(made).extracting(m -> ((Map<String, Object>) ((Map<String, Object>) m).get("integration")).get("name"))
                .containsExactly("Pier 4 POS orders", "Pier 4 POS order lines");
        assertThat(made).allSatisfy(m -> {
            assertThat((Map<String, Object>) ((Map<String, Object>) m).get("integration")).containsEntry("mode", "live");
            assertThat(((Map<String, Object>) m).get("schedule")).isNull();
        });
        String id = (String) ((Map<String, Object>) ((Map<String, Object>) made.get(0)).get("integration")).get("id");
        assertThat(api.get(viewer, base() + "/integrations/" + id + "/schedule").status()).isEqualTo(404);
    }

    @Test
    void an_installed_integration_is_an_ordinary_one_that_can_be_changed_and_keeps_its_origin() {
        Map<String, Object> integration = (Map<String, Object>) ((Map<String, Object>) ((List<Object>) api.post(admin, install(WAREHOUSE),
                request(pos, warehouse)).json().get("integrations")).get(0)).get("integration");
        String id = (String) integration.get("id");
        Map<String, Object> change = new HashMap<>(Map.of("name", "My orders", "sourceConnectionId", pos,
                "sourceStream", "pos.orders", "targetConnectionId", warehouse, "targetObject", "orders_v2"));

        Response changed = api.put(admin, base() + "/integrations/" + id, change, "If-Match",
                "\"" + integration.get("version") + "\"");

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json()).containsEntry("name", "My orders").containsEntry("targetObject", "orders_v2");
        assertThat(changed.json().get("template")).isEqualTo(integration.get("template"));
        Response saved = api.post(admin, base() + "/integrations/" + id + "/mappings",
                Map.of("fields", List.of(Map.of("target", "order_id", "source", "id"))));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        assertThat(saved.json()).containsEntry("version", 2);
    }

    @Test
    void a_target_connection_of_a_connector_the_template_does_not_write_to_is_refused_naming_the_field() {
        String other = connection("http-json", Map.of("url", "http://127.0.0.1:9/orders"));

        Response wrongTarget = api.post(admin, install(WAREHOUSE), request(pos, pos));
        Response wrongSource = api.post(admin, install(WAREHOUSE), request(other, warehouse));

        assertThat(wrongTarget.status()).as(wrongTarget.toString()).isEqualTo(422);
        assertThat(wrongTarget.problemType()).isEqualTo("/problems/template-not-applicable");
        assertThat(fields(wrongTarget)).containsExactly("targetConnectionId");
        assertThat(wrongTarget.body()).contains("postgres-warehouse");
        assertThat(wrongSource.status()).as(wrongSource.toString()).isEqualTo(422);
        assertThat(fields(wrongSource)).containsExactly("sourceConnectionId");
        assertThat(wrongSource.body()).contains("http-json");
        assertNothingInstalled();
    }

    @Test
    void another_tenants_connection_answers_404_and_nothing_is_made() {
        UUID other = newTenant("Other Template Bakery");
        User stranger = newMember(other, TenantRole.OWNER);

        Response foreignTarget = api.post(stranger, "/api/v1/tenants/" + other + "/templates/" + WAREHOUSE + "/install",
                request(pos, warehouse));
        Response unknown = api.post(admin, install(WAREHOUSE), request(pos, UUID.randomUUID().toString()));

        assertThat(foreignTarget.status()).as(foreignTarget.toString()).isEqualTo(404);
        assertThat(fields(foreignTarget)).containsExactly("sourceConnectionId");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(fields(unknown)).containsExactly("targetConnectionId");
        assertNothingInstalled();
        assertThat(api.get(stranger, "/api/v1/tenants/" + other + "/integrations").items()).isEmpty();
    }

    @Test
    void a_missing_connection_or_a_bad_mode_is_a_validation_problem_naming_the_field() {
        Map<String, Object> noSource = new HashMap<>(request(pos, warehouse));
        noSource.remove("sourceConnectionId");
        Map<String, Object> badMode = new HashMap<>(request(pos, warehouse));
        badMode.put("mode", "dry-run");
        Map<String, Object> longPrefix = new HashMap<>(request(pos, warehouse));
        longPrefix.put("namePrefix", "x".repeat(81));

        for (Map<String, Object> body : List.of(noSource, badMode, longPrefix)) {
            Response refused = api.post(admin, install(WAREHOUSE), body);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.problemType()).isEqualTo("/problems/validation-failed");
            assertThat(fields(refused)).singleElement().satisfies(f -> assertThat(f)
                    .containsAnyOf("sourceConnectionId", "mode", "namePrefix"));
        }
        assertNothingInstalled();
    }

    @Test
    void a_viewer_cannot_install() {
        Response refused = api.post(viewer, install(WAREHOUSE), request(pos, warehouse));

        assertThat(refused.status()).isEqualTo(403);
        assertNothingInstalled();
    }

    @Test
    void a_retried_install_with_the_same_idempotency_key_installs_once() {
        Response first = api.post(admin, install(WAREHOUSE), request(pos, warehouse), "Idempotency-Key", "tpl-1");
        Response retry = api.post(admin, install(WAREHOUSE), request(pos, warehouse), "Idempotency-Key", "tpl-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("installId")).isEqualTo(first.json().get("installId"));
        assertThat(api.get(viewer, base() + "/integrations").items()).hasSize(2);
    }

    private void assertNothingInstalled() {
        assertThat(api.get(admin, base() + "/integrations").items()).isEmpty();
        assertThat(TenantFixture.audit(tenant, "template.installed")).isEmpty();
        for (String table : List.of("mapping_versions", "integration_schedules")) {
            List<Map<String, Object>> rows = TenantFixture.inTenant(tenant, c -> TenantFixture.rows(c,
                    "SELECT 1 FROM " + table + " WHERE tenant_id = ?", tenant));
            assertThat(rows).as(table).isEmpty();
        }
    }

    /** The integration's mapping versions, read as JSON (the API answers a list). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> versions(String integration) {
        return (List<Map<String, Object>>) parse(api.get(viewer, base() + "/integrations/" + integration
                + "/mappings").body());
    }

    /** The mapping of the template's integration at {@code index}, as the catalog shows it, read as JSON. */
    private Object templateMapping(String id, int index) {
        Map<String, Object> template = (Map<String, Object>) parse(api.get(viewer, "/api/v1/templates/" + id).body());
        return ((Map<String, Object>) ((List<Object>) template.get("integrations")).get(index)).get("mapping");
    }

    private static Object parse(String json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static List<String> fields(Response response) {
        List<Object> errors = (List<Object>) response.json().get("errors");
        return errors == null ? List.of() : errors.stream().map(e -> (String) ((Map<String, Object>) e).get("field")).toList();
    }

    private String connection(String connector, Map<String, Object> config) {
        Response created = api.post(admin, base() + "/connections", Map.of("connectorId", connector, "name",
                connector + " " + UUID.randomUUID().toString().substring(0, 6), "config", config));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }

    private static Map<String, Object> request(String source, String target) {
        return Map.of("sourceConnectionId", source, "targetConnectionId", target);
    }

    private String install(String template) {
        return base() + "/templates/" + template + "/install";
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }
}
