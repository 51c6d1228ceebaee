package io.tillbridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.Caller;
import io.tillbridge.audit.TestFixtures;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Suspending and resuming a tenant, and what a suspension stops. */
@MicronautTest(transactional = false)
class TenantSuspensionIT extends TestDatabaseProperties {

    private static final String REASON = "Chargeback fraud under review";

    @Inject
    TenantStatusService status;

    @Inject
    ApiClient api;

    private TestFixtures.User support;
    private String supportToken;

    @BeforeAll
    void staff() {
        support = TestFixtures.staff("support");
        supportToken = api.staffToken(support, Caller.PlatformRole.SUPPORT);
    }

    @Test
    void a_suspended_tenants_member_gets_403_tenant_suspended_on_its_routes() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Suspended");
        String ownerToken = api.token(TestFixtures.member(tenant, "owner"));
        assertThat(api.bearer(ownerToken).get(auditLog(tenant)).status()).isEqualTo(200);

        assertThat(suspend(tenant).status()).isEqualTo(200);
        Response refused = api.bearer(ownerToken).get(auditLog(tenant));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.problemType()).isEqualTo("/problems/tenant-suspended");
    }

    @Test
    void suspending_answers_the_new_state_with_reason_and_time() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Suspended");

        Response reply = suspend(tenant);

        assertThat(reply.json()).containsEntry("tenantId", tenant.id().toString()).containsEntry("status", "suspended")
                .containsEntry("suspendedReason", REASON).containsKey("suspendedAt");
        assertThat(TestFixtures.rows("SELECT status, suspended_reason, suspended_at IS NOT NULL FROM tenants WHERE id = ?",
                tenant.id())).containsExactly(List.of("suspended", REASON, "t"));
    }

    @Test
    void a_suspension_is_audited_under_the_tenant_with_before_and_after() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Suspended");
        suspend(tenant);

        Map<String, Object> entry = api.bearer(supportToken).get("/api/v1/support/audit-log?tenantId=" + tenant.id()
                + "&action=support.tenant.suspended").items().get(0);

        assertThat(entry.get("actor")).isEqualTo(Map.of("kind", "support", "id", support.id().toString(),
                "label", support.email()));
        assertThat(entry).containsEntry("targetType", "tenant").containsEntry("targetId", tenant.id().toString());
        assertThat(entry.get("before")).isEqualTo(nullable("status", "active", "suspendedAt", null, "suspendedReason", null));
        @SuppressWarnings("unchecked")
        Map<String, Object> after = (Map<String, Object>) entry.get("after");
        assertThat(after).containsEntry("status", "suspended").containsEntry("suspendedReason", REASON);
        assertThat(after.get("suspendedAt")).isNotNull();
    }

    @Test
    void resuming_restores_the_members_access() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Resumed");
        String ownerToken = api.token(TestFixtures.member(tenant, "owner"));
        suspend(tenant);

        Response reply = api.bearer(supportToken).post("/api/v1/support/tenants/" + tenant.id() + "/resume", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("status", "active").doesNotContainKey("suspendedReason");
        assertThat(api.bearer(ownerToken).get(auditLog(tenant)).status()).isEqualTo(200);
    }

    @Test
    void a_resumption_is_audited_with_the_suspension_as_before() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Resumed");
        suspend(tenant);
        api.bearer(supportToken).post("/api/v1/support/tenants/" + tenant.id() + "/resume", null);

        assertThat(TestFixtures.rows("SELECT before->>'status', before->>'suspendedReason', after->>'status'"
                + " FROM audit_log WHERE tenant_id = ? AND action = 'support.tenant.resumed'", tenant.id()))
                .containsExactly(List.of("suspended", REASON, "active"));
    }

    @Test
    void suspending_a_suspended_tenant_answers_409() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Twice");
        suspend(tenant);

        assertThat(suspend(tenant).status()).isEqualTo(409);
    }

    @Test
    void resuming_an_active_tenant_answers_409() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Active");

        assertThat(api.bearer(supportToken).post("/api/v1/support/tenants/" + tenant.id() + "/resume", null).status())
                .isEqualTo(409);
    }

    @Test
    void a_suspension_needs_a_reason_of_at_least_three_characters() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("No reason");

        Response reply = api.bearer(supportToken).post("/api/v1/support/tenants/" + tenant.id() + "/suspend",
                "{\"reason\": \"no\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("/problems/validation-failed");
        assertThat(TestFixtures.rows("SELECT status FROM tenants WHERE id = ?", tenant.id()))
                .containsExactly(List.of("active"));
    }

    @Test
    void a_suspension_reason_of_spaces_around_one_character_answers_400() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Spaces");

        Response reply = api.bearer(supportToken).post("/api/v1/support/tenants/" + tenant.id() + "/suspend",
                "{\"reason\": \"   x   \"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("/problems/validation-failed");
    }

    @Test
    void suspending_an_unknown_tenant_answers_404() {
        assertThat(api.bearer(supportToken).post("/api/v1/support/tenants/" + UUID.randomUUID() + "/suspend",
                "{\"reason\": \"" + REASON + "\"}").status()).isEqualTo(404);
    }

    @Test
    void the_detail_shows_the_suspension_reason_and_time() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Shown");
        String suspendedAt = (String) suspend(tenant).get("suspendedAt");

        Response detail = api.bearer(supportToken).get("/api/v1/support/tenants/" + tenant.id());

        assertThat(detail.json()).containsEntry("status", "suspended").containsEntry("suspendedReason", REASON)
                .containsEntry("suspendedAt", suspendedAt);
    }

    @Test
    void support_still_reads_a_suspended_tenant_through_an_impersonation() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Investigated");
        suspend(tenant);
        Response started = api.bearer(supportToken).post("/api/v1/support/tenants/" + tenant.id() + "/impersonations",
                "{\"reason\": \"Investigating the chargebacks\"}");

        assertThat(api.bearer((String) started.get("accessToken")).get(auditLog(tenant)).status()).isEqualTo(200);
    }

    @Test
    void the_scheduler_sees_an_active_tenant_as_active() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Running");

        assertThat(status.isActive(new TenantId(tenant.id()))).isTrue();
    }

    @Test
    void the_scheduler_sees_a_suspended_tenant_as_not_active() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Stopped");
        suspend(tenant);

        assertThat(status.isActive(new TenantId(tenant.id()))).isFalse();
    }

    @Test
    void the_scheduler_sees_an_unknown_tenant_as_not_active() {
        assertThat(status.isActive(TenantId.random())).isFalse();
    }

    private Response suspend(TestFixtures.Tenant tenant) {
        return api.bearer(supportToken).post("/api/v1/support/tenants/" + tenant.id() + "/suspend",
                "{\"reason\": \"" + REASON + "\"}");
    }

    private static String auditLog(TestFixtures.Tenant tenant) {
        return "/api/v1/tenants/" + tenant.id() + "/audit-log";
    }

    private static Map<String, Object> nullable(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
