package io.tillbridge.partners;

import static io.tillbridge.partners.PartnerFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.partners.PartnerFixtures.Person;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A merchant lets partners in and out; a partner key reaches only the tenants that let its partner
 * in, with the permissions of its scopes.
 */
@MicronautTest(transactional = false)
class PartnerGrantsIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @Inject
    PartnerFixtures fixtures;

    private static String grants(UUID tenant) {
        return "/api/v1/tenants/" + tenant + "/partner-grants";
    }

    private static String grantBody(UUID partner) {
        return "{\"partnerId\":\"" + partner + "\"}";
    }

    @Test
    void an_admin_grants_a_partner_access() {
        Person admin = fixtures.user();
        UUID tenant = fixtures.tenantOf(admin, "admin");
        UUID partner = fixtures.partner(fixtures.user());
        var response = fixtures.post(grants(tenant), admin.token(), grantBody(partner));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).hasValue(grants(tenant) + "/" + partner);
        assertThat(response.json()).containsEntry("partnerId", partner.toString())
                .containsEntry("grantedBy", admin.id().toString());
        assertThat(fixtures.get(grants(tenant), admin.token()).items())
                .extracting(g -> g.get("partnerId")).containsExactly(partner.toString());
    }

    @Test
    void a_granted_partner_key_reads_the_tenant() {
        Person owner = fixtures.user();
        UUID tenant = fixtures.tenantOf(owner, "owner");
        UUID partner = fixtures.partner(fixtures.user());
        String key = fixtures.key(partner, "read");
        fixtures.post(grants(tenant), owner.token(), grantBody(partner));
        var response = fixtures.get(grants(tenant), key);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.items()).extracting(g -> g.get("partnerId")).containsExactly(partner.toString());
    }

    @Test
    void a_partner_lists_the_tenants_that_granted_it_access() {
        UUID partner = fixtures.partner(fixtures.user());
        UUID granting = fixtures.tenant();
        fixtures.tenant();
        fixtures.grant(granting, partner);
        var response = fixtures.get("/api/v1/partner/tenants", fixtures.key(partner, "read"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.items()).singleElement().satisfies(t -> assertThat(t)
                .containsEntry("id", granting.toString()).containsKeys("slug", "name").containsEntry("status", "active"));
    }

    @Test
    void a_signed_in_user_cannot_list_partner_tenants() {
        assertThat(fixtures.get("/api/v1/partner/tenants", fixtures.user().token()).status()).isEqualTo(403);
    }

    @Test
    void a_revoked_grant_answers_404_to_the_partner_key() {
        Person owner = fixtures.user();
        UUID tenant = fixtures.tenantOf(owner, "owner");
        UUID partner = fixtures.partner(fixtures.user());
        String key = fixtures.key(partner, "read");
        fixtures.grant(tenant, partner);
        assertThat(fixtures.get(grants(tenant), key).status()).isEqualTo(200);
        assertThat(fixtures.delete(grants(tenant) + "/" + partner, owner.token()).status()).isEqualTo(204);
        assertThat(fixtures.get(grants(tenant), key).status()).isEqualTo(404);
        assertThat(fixtures.get("/api/v1/partner/tenants", key).items()).isEmpty();
    }

    @Test
    void a_key_of_one_partner_on_a_tenant_that_granted_only_another_answers_404_and_is_recorded() {
        UUID tenant = fixtures.tenant();
        UUID p = fixtures.partner(fixtures.user());
        UUID q = fixtures.partner(fixtures.user());
        fixtures.grant(tenant, q);
        String keyOfP = fixtures.key(p, "admin");
        var response = fixtures.get(grants(tenant), keyOfP);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).contains("/problems/not-found").doesNotContain(q.toString());
        assertThat(rows("SELECT actor_kind, tenant_id FROM audit_log WHERE action = 'security.cross-tenant-refused'"
                + " AND target_id = ? AND after->>'caller' LIKE ?", tenant.toString(), "partner " + p + "%"))
                .containsExactly(List.of("partner", tenant));
    }

    @Test
    void a_read_key_cannot_grant() {
        UUID tenant = fixtures.tenant();
        UUID partner = fixtures.partner(fixtures.user());
        fixtures.grant(tenant, partner);
        var response = fixtures.post(grants(tenant), fixtures.key(partner, "read"), grantBody(partner));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("/problems/forbidden");
    }

    @Test
    void a_read_key_cannot_revoke() {
        UUID tenant = fixtures.tenant();
        UUID partner = fixtures.partner(fixtures.user());
        fixtures.grant(tenant, partner);
        assertThat(fixtures.delete(grants(tenant) + "/" + partner, fixtures.key(partner, "read")).status()).isEqualTo(403);
        assertThat(rows("SELECT 1 FROM partner_grants WHERE tenant_id = ? AND revoked_at IS NULL", tenant)).hasSize(1);
    }

    @Test
    void a_write_key_may_withdraw_its_own_partner_from_a_tenant() {
        UUID tenant = fixtures.tenant();
        UUID partner = fixtures.partner(fixtures.user());
        fixtures.grant(tenant, partner);
        String key = fixtures.key(partner, "write");
        assertThat(fixtures.delete(grants(tenant) + "/" + partner, key).status()).isEqualTo(204);
        assertThat(fixtures.get(grants(tenant), key).status()).isEqualTo(404);
    }

    @Test
    void a_write_key_cannot_let_another_partner_in() {
        UUID tenant = fixtures.tenant();
        UUID partner = fixtures.partner(fixtures.user());
        UUID other = fixtures.partner(fixtures.user());
        fixtures.grant(tenant, partner);
        var response = fixtures.post(grants(tenant), fixtures.key(partner, "write"), grantBody(other));
        assertThat(response.status()).isEqualTo(403);
        assertThat(rows("SELECT 1 FROM partner_grants WHERE tenant_id = ? AND partner_id = ?", tenant, other)).isEmpty();
    }

    @Test
    void a_viewer_cannot_grant() {
        Person viewer = fixtures.user();
        UUID tenant = fixtures.tenantOf(viewer, "viewer");
        var response = fixtures.post(grants(tenant), viewer.token(), grantBody(fixtures.partner(fixtures.user())));
        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void a_non_member_cannot_see_a_tenants_grants() {
        UUID tenant = fixtures.tenant();
        assertThat(fixtures.get(grants(tenant), fixtures.user().token()).status()).isEqualTo(404);
    }

    @Test
    void granting_and_revoking_are_audited_in_the_tenant() {
        Person admin = fixtures.user();
        UUID tenant = fixtures.tenantOf(admin, "admin");
        UUID partner = fixtures.partner(fixtures.user());
        fixtures.post(grants(tenant), admin.token(), grantBody(partner));
        fixtures.delete(grants(tenant) + "/" + partner, admin.token());
        assertThat(rows("SELECT action, actor_kind, actor_id FROM audit_log WHERE tenant_id = ? AND target_id = ?"
                + " ORDER BY id", tenant, partner.toString()))
                .containsExactly(List.of("partner-grant.created", "user", admin.id().toString()),
                        List.of("partner-grant.revoked", "user", admin.id().toString()));
    }

    @Test
    void granting_a_partner_that_has_access_answers_200_and_changes_nothing() {
        Person admin = fixtures.user();
        UUID tenant = fixtures.tenantOf(admin, "admin");
        UUID partner = fixtures.partner(fixtures.user());
        fixtures.post(grants(tenant), admin.token(), grantBody(partner));
        var again = fixtures.post(grants(tenant), admin.token(), grantBody(partner));
        assertThat(again.status()).isEqualTo(200);
        assertThat(rows("SELECT 1 FROM audit_log WHERE tenant_id = ? AND action = 'partner-grant.created'", tenant)).hasSize(1);
    }

    @Test
    void a_revoked_partner_can_be_let_in_again() {
        Person admin = fixtures.user();
        UUID tenant = fixtures.tenantOf(admin, "admin");
        UUID partner = fixtures.partner(fixtures.user());
        String key = fixtures.key(partner, "read");
        fixtures.post(grants(tenant), admin.token(), grantBody(partner));
        fixtures.delete(grants(tenant) + "/" + partner, admin.token());
        assertThat(fixtures.post(grants(tenant), admin.token(), grantBody(partner)).status()).isEqualTo(201);
        assertThat(fixtures.get(grants(tenant), key).status()).isEqualTo(200);
    }

    @Test
    void granting_an_unknown_partner_answers_422() {
        Person admin = fixtures.user();
        UUID tenant = fixtures.tenantOf(admin, "admin");
        var response = fixtures.post(grants(tenant), admin.token(), grantBody(UUID.randomUUID()));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body()).contains("/problems/unprocessable");
    }

    @Test
    void revoking_a_partner_without_access_answers_404() {
        Person admin = fixtures.user();
        UUID tenant = fixtures.tenantOf(admin, "admin");
        assertThat(fixtures.delete(grants(tenant) + "/" + UUID.randomUUID(), admin.token()).status()).isEqualTo(404);
    }

    @Test
    void a_retried_grant_with_the_same_idempotency_key_replays_the_first_answer() {
        Person admin = fixtures.user();
        UUID tenant = fixtures.tenantOf(admin, "admin");
        UUID partner = fixtures.partner(fixtures.user());
        fixtures.post(grants(tenant), admin.token(), grantBody(partner), "Idempotency-Key", "grant-1");
        var retry = fixtures.post(grants(tenant), admin.token(), grantBody(partner), "Idempotency-Key", "grant-1");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void a_partner_key_is_refused_in_a_suspended_tenant() {
        UUID tenant = fixtures.tenant();
        UUID partner = fixtures.partner(fixtures.user());
        fixtures.grant(tenant, partner);
        PartnerFixtures.sql("UPDATE tenants SET status = 'suspended' WHERE id = ?", tenant);
        var response = fixtures.get(grants(tenant), fixtures.key(partner, "read"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("/problems/tenant-suspended");
    }
}
