package io.tillbridge.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/v1/tenants/{id} and PUT .../settings through real HTTP and PostgreSQL. */
@MicronautTest(transactional = false)
class TenantSettingsIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants(TenantRole.OWNER, TenantRole.VIEWER);

    @Test
    void a_new_tenant_reads_its_name_as_business_name_with_version_1_as_etag() {
        var response = api.get(tenants.viewer(), path());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).hasValue("\"1\"");
        assertThat(response.json()).containsEntry("id", tenants.id().toString())
                .containsEntry("businessName", "Harbour Coffee").containsEntry("currency", "USD")
                .containsEntry("plan", "free").containsEntry("status", "active").containsEntry("version", 1)
                .containsKey("slug").containsKey("kpiTargets");
    }

    @Test
    void changing_the_settings_with_the_current_etag_saves_them_and_answers_the_next_etag() {
        var response = api.put(tenants.owner(), path() + "/settings", settings("Harbour Coffee Ltd", "EUR"), "If-Match", "\"1\"");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("ETag")).hasValue("\"2\"");
        var read = api.get(tenants.viewer(), path()).json();
        assertThat(read).containsEntry("businessName", "Harbour Coffee Ltd").containsEntry("currency", "EUR")
                .containsEntry("version", 2);
        assertThat(read.get("kpiTargets").toString()).contains("manualMinutesPerRecord=2.5", "hourlyStaffCost=28.5",
                "targetErrorRate=0.01", "targetCompletionMinutes=15");
    }

    @Test
    void the_tenant_name_follows_the_business_name() {
        api.put(tenants.owner(), path() + "/settings", settings("Harbour Coffee Ltd", "EUR"), "If-Match", "\"1\"");
        var name = TenantFixture.platform(c -> TenantFixture.rows(c, "SELECT name FROM tenants WHERE id = ?", tenants.id()));
        assertThat(name.get(0)).containsEntry("name", "Harbour Coffee Ltd");
    }

    @Test
    void the_first_change_creates_the_settings_row() {
        assertThat(settingsRows()).isZero();
        api.put(tenants.owner(), path() + "/settings", settings("Harbour Coffee Ltd", "GBP"), "If-Match", "\"1\"");
        assertThat(settingsRows()).isEqualTo(1);
    }

    @Test
    void a_change_is_audited_with_the_settings_before_and_after() {
        api.put(tenants.owner(), path() + "/settings", settings("Harbour Coffee Ltd", "EUR"), "If-Match", "\"1\"");
        var entries = TenantFixture.audit(tenants.id(), "tenant.settings-changed");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("actor_id", tenants.owner().id().toString());
        assertThat((String) entries.get(0).get("before")).contains("\"businessName\": \"Harbour Coffee\"", "\"USD\"");
        assertThat((String) entries.get(0).get("after")).contains("\"businessName\": \"Harbour Coffee Ltd\"", "\"EUR\"");
    }

    @Test
    void a_change_that_changes_nothing_keeps_the_version_and_leaves_no_audit_entry() {
        api.put(tenants.owner(), path() + "/settings", settings("Harbour Coffee Ltd", "EUR"), "If-Match", "\"1\"");
        Map<String, Object> same = settings("Harbour Coffee Ltd", "EUR");
        same.put("kpiTargets", Map.of("manualMinutesPerRecord", new BigDecimal("2.50"),
                "hourlyStaffCost", new BigDecimal("28.50"), "targetErrorRate", new BigDecimal("0.010"),
                "targetCompletionMinutes", new BigDecimal("15.0")));

        var response = api.put(tenants.owner(), path() + "/settings", same, "If-Match", "\"2\"");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("ETag")).hasValue("\"2\"");
        assertThat(TenantFixture.audit(tenants.id(), "tenant.settings-changed")).hasSize(1);
    }

    @Test
    void a_stale_etag_answers_412_and_changes_nothing() {
        api.put(tenants.owner(), path() + "/settings", settings("First", "EUR"), "If-Match", "\"1\"");
        var response = api.put(tenants.owner(), path() + "/settings", settings("Second", "EUR"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(412);
        assertThat(response.body()).contains("/problems/precondition-failed");
        assertThat(api.get(tenants.owner(), path()).json()).containsEntry("businessName", "First");
    }

    @Test
    void a_change_without_if_match_answers_428() {
        var response = api.put(tenants.owner(), path() + "/settings", settings("No Tag", "EUR"));
        assertThat(response.status()).isEqualTo(428);
        assertThat(response.body()).contains("/problems/precondition-required");
    }

    @Test
    void an_unknown_currency_answers_400_naming_the_field() {
        var response = api.put(tenants.owner(), path() + "/settings", settings("Harbour", "ABC"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("/problems/validation-failed", "\"field\":\"currency\"");
    }

    @Test
    void kpi_targets_out_of_range_answer_400_naming_each_field() {
        Map<String, Object> body = settings("Harbour", "EUR");
        body.put("kpiTargets", Map.of("targetErrorRate", 1.5, "hourlyStaffCost", -1, "manualMinutesPerRecord", 0.125));
        var response = api.put(tenants.owner(), path() + "/settings", body, "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"kpiTargets.targetErrorRate\"",
                "\"field\":\"kpiTargets.hourlyStaffCost\"", "\"field\":\"kpiTargets.manualMinutesPerRecord\"");
    }

    @Test
    void a_blank_business_name_answers_400_naming_the_field() {
        var response = api.put(tenants.owner(), path() + "/settings", settings(" ", "EUR"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"businessName\"");
    }

    @Test
    void a_viewer_cannot_change_the_settings() {
        var response = api.put(tenants.viewer(), path() + "/settings", settings("Viewer Was Here", "EUR"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(403);
        assertThat(api.get(tenants.owner(), path()).json()).containsEntry("businessName", "Harbour Coffee");
    }

    @Test
    void a_tenant_id_in_the_body_is_ignored() {
        Map<String, Object> body = settings("Spoofed", "EUR");
        body.put("tenantId", tenants.otherId().toString());
        var response = api.put(tenants.owner(), path() + "/settings", body, "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(200);
        assertThat(api.get(tenants.owner(), path()).json()).containsEntry("businessName", "Spoofed");
        assertThat(api.get(tenants.stranger(), "/api/v1/tenants/" + tenants.otherId()).json()).containsEntry("businessName", "Other Shop");
    }

    @Test
    void another_tenants_user_reading_the_tenant_gets_404() {
        var response = api.get(tenants.stranger(), path());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("/problems/not-found").doesNotContain("Harbour");
    }

    @Test
    void another_tenants_user_changing_the_settings_gets_404_and_changes_nothing() {
        var response = api.put(tenants.stranger(), path() + "/settings", settings("Taken Over", "EUR"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(404);
        assertThat(api.get(tenants.owner(), path()).json()).containsEntry("businessName", "Harbour Coffee");
    }

    @Test
    void reading_without_a_token_answers_401() {
        assertThat(api.get(null, path()).status()).isEqualTo(401);
    }

    private String path() {
        return "/api/v1/tenants/" + tenants.id();
    }

    private long settingsRows() {
        return TenantFixture.inTenant(tenants.id(), c -> (Long) TenantFixture.rows(c,
                "SELECT count(*) AS n FROM tenant_settings WHERE tenant_id = ?", tenants.id()).get(0).get("n"));
    }

    private static Map<String, Object> settings(String businessName, String currency) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("businessName", businessName);
        body.put("currency", currency);
        body.put("kpiTargets", Map.of("manualMinutesPerRecord", 2.5, "hourlyStaffCost", 28.5,
                "targetErrorRate", 0.01, "targetCompletionMinutes", 15));
        return body;
    }

}
