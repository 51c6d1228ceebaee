package io.tillbridge.mappings;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mapping versions, pinning, preview and suggestions through real HTTP and PostgreSQL, against a fake orders API. */
@MicronautTest(transactional = false)
class MappingsIT extends TestDatabaseProperties {

    private static final String ORDERS = "[{\"id\":\"o1\",\"state\":\"COMPLETED\",\"tender\":\"CARD\",\"total_money\":{\"amount\":1050,\"currency\":\"USD\"}},"
            + "{\"id\":\"o2\",\"state\":\"COMPLETED\",\"tender\":\"GIFT_CARD\",\"total_money\":{\"amount\":99,\"currency\":\"JPY\"}}]";

    private static final String VALID = "{\"valueMaps\":{\"ledger\":{\"entries\":{\"CARD\":\"1200\",\"GIFT_CARD\":\"2400\"}}},"
            + "\"fields\":[{\"target\":\"order_id\",\"source\":\"id\",\"required\":true},"
            + "{\"target\":\"account\",\"source\":\"tender\",\"valueMap\":\"ledger\"},"
            + "{\"target\":\"total\",\"source\":\"total_money.amount\",\"money\":{\"from\":\"minor\",\"to\":\"decimal\",\"currencySource\":\"total_money.currency\"}}]}";

    @Inject
    MappingVersions mappings;

    @Inject
    MappingPreviews previews;

    @Inject
    ApiClient api;

    private ScriptedApi vendor;
    private UUID tenant;
    private User admin;
    private User viewer;
    private String integration;

    @BeforeAll
    void a_fake_orders_api() throws IOException {
        vendor = ScriptedApi.start().route("/orders", Reply.ok(ORDERS));
    }

    @AfterAll
    void stop_the_fake() {
        vendor.close();
    }

    @BeforeEach
    void a_tenant_with_an_integration() {
        tenant = newTenant("Mapping Deli");
        admin = newMember(tenant, TenantRole.ADMIN);
        viewer = newMember(tenant, TenantRole.VIEWER);
        String source = connection("http-json", Map.of("url", vendor.url("/orders"),
                "maxRetries", 0, "timeoutSeconds", 5));
        String target = connection("postgres-warehouse", Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:9/none",
                "user", "wh", "password", "pw-x", "schema", "wh"));
        Response created = api.post(admin, "/api/v1/tenants/" + tenant + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", source, "sourceStream", "records", "targetConnectionId", target, "targetObject", "journal"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        integration = (String) created.json().get("id");
    }

    @Test
    void a_valid_mapping_is_saved_as_numbered_versions_and_old_versions_stay_readable() {
        Response first = api.post(admin, path(), raw(VALID));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json()).containsEntry("version", 1).containsEntry("pinned", false);
        assertThat(first.header("Location")).hasValue(path() + "/1");
        Response second = api.post(admin, path(), raw(VALID.replace("\"required\":true", "\"required\":false")));
        assertThat(second.json()).containsEntry("version", 2);
        Response list = api.get(viewer, path());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).startsWith("[{\"integrationId\"");
        Response old = api.get(viewer, path() + "/1");
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.body()).contains("\"required\":true");
        assertThat(api.get(viewer, path() + "/9").status()).isEqualTo(404);
    }

    @Test
    void saving_dry_runs_the_mapping_on_the_discovered_samples_and_names_each_field_and_its_fix() {
        String unmapped = VALID.replace(",\"GIFT_CARD\":\"2400\"", "");
        Response refused = api.post(admin, path(), raw(unmapped));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(refused.body()).contains("\"field\":\"account\"").contains("unmapped_value")
                .contains("GIFT_CARD").contains("Fix: Add 'GIFT_CARD'");
        Response typo = api.post(admin, path(), raw("{\"fields\":[{\"target\":\"order_id\",\"sorce\":\"id\"}]}"));
        assertThat(typo.status()).isEqualTo(422);
        assertThat(typo.body()).contains("\"field\":\"fields[0].sorce\"");
        Response badSource = api.post(admin, path(), raw("{\"fields\":[{\"target\":\"order_id\",\"source\":\"idd\"}]}"));
        assertThat(badSource.status()).isEqualTo(422);
        assertThat(badSource.body()).contains("Did you mean 'id'?");
        assertThat(api.post(admin, path(), raw("{\"fields\": [")).status()).isEqualTo(422);
        assertThat(api.get(viewer, path()).body()).isEqualTo("[]");
    }

    @Test
    void pinning_a_version_makes_it_the_compiled_mapping_of_the_integration() {
        assertThat(api.post(admin, path(), raw(VALID)).status()).isEqualTo(201);
        assertThat(mappings.pinned(new TenantId(tenant), UUID.fromString(integration))).isEmpty();
        Response pinned = api.post(admin, path() + "/1/pin", null);
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
        assertThat(pinned.json()).containsEntry("pinned", true);
        assertThat(api.post(admin, path() + "/7/pin", null).status()).isEqualTo(404);
        Optional<CompiledMapping> compiled = mappings.pinned(new TenantId(tenant), UUID.fromString(integration));
        assertThat(compiled).isPresent();
        assertThat(mappings.pinned(new TenantId(tenant), UUID.fromString(integration)).get()).isSameAs(compiled.get());
        Map<String, Object> out = compiled.get().map(Map.of("id", "o9", "tender", "CARD",
                "total_money", Map.of("amount", new BigDecimal("250"), "currency", "USD"))).outputs().get(0);
        assertThat(out).containsEntry("account", "1200").containsEntry("total", new BigDecimal("2.50"));
        Response integrationNow = api.get(viewer, "/api/v1/tenants/" + tenant + "/integrations/" + integration);
        assertThat(integrationNow.header("ETag")).hasValue("\"2\"");
        List<Map<String, Object>> audit = TenantFixture.platform(c -> TenantFixture.rows(c,
                "SELECT action FROM audit_log WHERE tenant_id = ? AND target_type = 'integration' ORDER BY id", tenant));
        assertThat(audit).extracting(r -> r.get("action")).contains("mapping.version-created", "integration.mapping-pinned");
    }

    @Test
    void preview_maps_given_records_into_outputs_and_per_field_errors() {
        String body = "{\"spec\":" + VALID + ",\"records\":["
                + "{\"id\":\"a\",\"tender\":\"CARD\",\"total_money\":{\"amount\":1999,\"currency\":\"EUR\"}},"
                + "{\"tender\":\"CRYPTO\",\"total_money\":{\"amount\":5,\"currency\":\"EUR\"}}]}";
        Response preview = api.post(admin, path() + "/preview", raw(body));
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.body()).contains("\"mapping\":\"draft\"").contains("\"total\":19.99")
                .contains("\"path\":\"order_id\"").contains("\"category\":\"unmapped_value\"").contains("\"value\":\"CRYPTO\"");
    }

    @Test
    void preview_without_records_uses_the_sources_samples_and_a_saved_version() {
        assertThat(api.post(admin, path(), raw(VALID)).status()).isEqualTo(201);
        Response preview = api.post(admin, path() + "/preview", raw("{\"version\":1}"));
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.body()).contains("\"mapping\":\"1\"").contains("\"order_id\":\"o1\"").contains("\"total\":99");
        Response nothingPinned = api.post(admin, path() + "/preview", raw("{\"records\":[{\"id\":\"x\"}]}"));
        assertThat(nothingPinned.status()).isEqualTo(422);
        Response badSpec = api.post(admin, path() + "/preview", raw("{\"spec\":{\"fields\":[{\"target\":\"x\",\"expression\":\"record.a +\"}]},\"records\":[]}"));
        assertThat(badSpec.status()).isEqualTo(422);
        assertThat(badSpec.body()).contains("\"field\":\"x\"").contains("does not compile");
    }

    @Test
    void previewing_a_draft_needs_the_permission_to_configure_and_a_saved_version_only_to_read() {
        User operator = newMember(tenant, TenantRole.OPERATOR);
        String draft = "{\"spec\":" + VALID + ",\"records\":[{\"id\":\"a\",\"tender\":\"CARD\"}]}";
        for (User reader : List.of(viewer, operator)) {
            Response refused = api.post(reader, path() + "/preview", raw(draft));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.body()).contains("/problems/forbidden");
        }
        assertThat(api.post(admin, path() + "/preview", raw(draft)).status()).isEqualTo(200);
        assertThat(api.post(admin, path(), raw(VALID)).status()).isEqualTo(201);
        String saved = "{\"version\":1,\"records\":[{\"id\":\"a\",\"tender\":\"CARD\"}]}";
        for (User reader : List.of(viewer, operator)) {
            Response read = api.post(reader, path() + "/preview", raw(saved));
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.body()).contains("\"mapping\":\"1\"");
        }
    }

    @Test
    void suggestions_pair_fields_by_name_synonym_and_type() {
        Response given = api.post(viewer, path() + "/suggestions", raw("{\"source\":[{\"name\":\"item_code\",\"type\":\"string\"},"
                + "{\"name\":\"total_money.amount\",\"type\":\"number\"}],\"target\":[{\"name\":\"SKU\",\"type\":\"string\"},"
                + "{\"name\":\"amount\",\"type\":\"number\"}]}"));
        assertThat(given.status()).as(given.toString()).isEqualTo(200);
        assertThat(given.body()).contains("\"source\":\"item_code\",\"target\":\"SKU\"")
                .contains("\"source\":\"total_money.amount\",\"target\":\"amount\"");
        Response discovered = api.post(admin, path() + "/suggestions", raw("{\"target\":[{\"name\":\"order_id\",\"type\":\"string\"}]}"));
        assertThat(discovered.status()).as(discovered.toString()).isEqualTo(200);
        assertThat(discovered.body()).contains("\"source\":\"id\",\"target\":\"order_id\"");
    }

    @Test
    void a_spec_value_of_the_wrong_type_answers_422_problem_json_naming_its_path() {
        Response refused = api.post(admin, path(), raw("{\"fields\":[{\"target\":\"order_id\",\"source\":\"id\",\"required\":\"maybe\"}]}"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(refused.body()).contains("/problems/unprocessable").contains("\"field\":\"fields[0].required\"");
    }

    @Test
    void a_draft_spec_that_does_not_parse_answers_422_with_paths_inside_the_spec() {
        Response refused = api.post(admin, path() + "/preview",
                raw("{\"spec\":{\"fields\":[{\"target\":\"x\",\"sorce\":\"id\"}]},\"records\":[]}"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.body()).contains("\"field\":\"fields[0].sorce\"");
    }

    @Test
    void a_preview_version_that_is_not_a_positive_integer_answers_400_problem_json_naming_version() {
        Response refused = api.post(admin, path() + "/preview", raw("{\"version\":\"one\"}"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(refused.body()).contains("/problems/validation-failed").contains("\"field\":\"version\"");
    }

    @Test
    void a_preview_record_that_is_not_an_object_answers_400_naming_its_index() {
        Response refused = api.post(admin, path() + "/preview", raw("{\"records\":[{\"id\":\"a\"},7]}"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"records[1]\"");
    }

    @Test
    void a_preview_body_that_is_not_json_answers_400_malformed_json() {
        Response refused = api.post(admin, path() + "/preview", raw("{\"records\": ["));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("/problems/malformed-json");
    }

    @Test
    void a_suggestion_field_without_a_name_answers_400_naming_it() {
        Response refused = api.post(viewer, path() + "/suggestions", raw("{\"source\":[{\"type\":\"string\"}]}"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("/problems/validation-failed").contains("\"field\":\"source[0].name\"");
    }

    @Test
    void the_services_take_typed_requests_without_json() {
        TenantScope scope = new TenantScope(new TenantId(tenant), new Actor(Actor.Kind.USER, admin.id().toString(),
                admin.email(), null), TenantRole.ADMIN.permissions(), Optional.of(TenantRole.ADMIN));
        UUID id = UUID.fromString(integration);
        MappingSpec spec = new MappingSpec(null, List.of(MappingSpec.FieldRule.copy("id", "order_id")), null, null, null);
        MappingVersion saved = mappings.create(scope, id, spec);
        assertThat(saved.version()).isEqualTo(1);
        MappingPreviewResult preview = previews.preview(scope, id, new MappingPreviewRequest(null, 1,
                List.of(Map.of("id", "a"))));
        assertThat(preview.mapping()).isEqualTo("1");
        assertThat(preview.records().get(0).outputs().get(0)).containsEntry("order_id", "a");
        List<FieldPair> pairs = previews.suggest(scope, id, new FieldSuggestionRequest(
                List.of(new FieldSuggestionRequest.Field("item_code", FieldType.STRING, false)),
                List.of(new FieldSuggestionRequest.Field("sku", FieldType.STRING, true))));
        assertThat(pairs).extracting(FieldPair::source, FieldPair::target).containsExactly(
                tuple("item_code", "sku"));
    }

    private String path() {
        return "/api/v1/tenants/" + tenant + "/integrations/" + integration + "/mappings";
    }

    /** The body as written: ApiClient sends strings unchanged. */
    private static String raw(String text) {
        return text;
    }

    private String connection(String connectorId, Map<String, Object> config) {
        Response created = api.post(admin, "/api/v1/tenants/" + tenant + "/connections",
                Map.of("connectorId", connectorId, "name", connectorId, "config", config));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return (String) created.json().get("id");
    }
}
