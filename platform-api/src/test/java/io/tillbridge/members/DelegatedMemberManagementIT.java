package io.tillbridge.members;

import static io.tillbridge.partners.PartnerFixtures.rows;
import static io.tillbridge.partners.PartnerFixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.partners.PartnerFixtures;
import io.tillbridge.partners.PartnerFixtures.Person;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delegated access (a partner key with the admin scope, a support impersonation whose write access
 * was confirmed) acts for a tenant but cannot manage its members, so it cannot make itself
 * permanent: inviting, changing a role and removing a member answer 403 delegated-access and change
 * nothing; the tenant's own owner still can.
 */
@MicronautTest(transactional = false)
class DelegatedMemberManagementIT extends TestDatabaseProperties {

    @Inject
    AccessTokens tokens;

    @Inject
    ApiClient api;

    @Inject
    PartnerFixtures fx;
    private UUID tenant;
    private Person owner;
    private Person viewer;
    private String adminKey;
    private String confirmedImpersonation;

    @BeforeEach
    void a_tenant_with_a_granted_admin_key_and_a_confirmed_impersonation() {
        owner = fx.user();
        viewer = fx.user();
        tenant = fx.tenantOf(owner, "owner");
        fx.member(tenant, viewer, "viewer");
        UUID partner = fx.partner(fx.user());
        fx.grant(tenant, partner);
        adminKey = fx.key(partner, "read", "write", "admin");
        Person support = fx.user();
        sql("UPDATE users SET platform_role = 'support' WHERE id = ?", support.id());
        UUID impersonation = UUID.randomUUID();
        sql("INSERT INTO impersonations (id, support_user_id, tenant_id, reason, expires_at, write_confirmed_at)"
                + " VALUES (?, ?, ?, 'customer asked for help', now() + interval '30 minutes', now())",
                impersonation, support.id(), tenant);
        confirmedImpersonation = tokens.forSupport(support.id(), support.email(), impersonation, new TenantId(tenant),
                Instant.now().plusSeconds(900)).token();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"partner key", "impersonation"})
    void delegated_access_cannot_invite_a_member(String who) {
        Response response = fx.post(tenantPath("/invitations"), credential(who),
                "{\"email\":\"new-admin@example.test\",\"role\":\"admin\"}");

        assertRefusedAsDelegated(response, who);
        assertThat(rows("SELECT 1 FROM invitations WHERE tenant_id = ?", tenant)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"partner key", "impersonation"})
    void delegated_access_cannot_change_a_members_role(String who) {
        Response response = fx.send("PUT", tenantPath("/members/" + viewer.id()), credential(who),
                "{\"role\":\"admin\"}", "If-Match", "\"1\"");

        assertRefusedAsDelegated(response, who);
        assertThat(rows("SELECT role FROM memberships WHERE tenant_id = ? AND user_id = ?", tenant, viewer.id()))
                .containsExactly(java.util.List.of("viewer"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"partner key", "impersonation"})
    void delegated_access_cannot_remove_a_member(String who) {
        Response response = fx.delete(tenantPath("/members/" + viewer.id()), credential(who));

        assertRefusedAsDelegated(response, who);
        assertThat(rows("SELECT 1 FROM memberships WHERE tenant_id = ? AND user_id = ?", tenant, viewer.id())).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"partner key", "impersonation"})
    void delegated_access_cannot_revoke_an_invitation(String who) {
        Response invited = fx.post(tenantPath("/invitations"), owner.token(),
                "{\"email\":\"colleague@example.test\",\"role\":\"viewer\"}");
        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        String id = String.valueOf(invited.json().get("id"));

        assertRefusedAsDelegated(fx.delete(tenantPath("/invitations/" + id), credential(who)), who);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"partner key", "impersonation"})
    void delegated_access_still_reads_the_team(String who) {
        Response response = fx.get(tenantPath("/members"), credential(who));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.items()).hasSize(2);
    }

    @Test
    void a_confirmed_impersonation_cannot_let_a_partner_in() {
        UUID outsiderPartner = fx.partner(fx.user());

        Response response = fx.post(tenantPath("/partner-grants"), confirmedImpersonation,
                "{\"partnerId\":\"" + outsiderPartner + "\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("/problems/delegated-access");
        assertThat(rows("SELECT 1 FROM partner_grants WHERE tenant_id = ? AND partner_id = ?", tenant, outsiderPartner))
                .isEmpty();
    }

    @Test
    void the_tenants_owner_still_invites_and_changes_roles() {
        Response invited = fx.post(tenantPath("/invitations"), owner.token(),
                "{\"email\":\"new-admin@example.test\",\"role\":\"admin\"}");
        Response promoted = fx.send("PUT", tenantPath("/members/" + viewer.id()), owner.token(),
                "{\"role\":\"admin\"}", "If-Match", "\"1\"");

        assertThat(invited.status()).as(invited.body()).isEqualTo(201);
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
    }

    private void assertRefusedAsDelegated(Response response, String who) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.json()).containsEntry("type", "/problems/delegated-access");
        assertThat(String.valueOf(response.json().get("detail")))
                .contains(who.equals("partner key") ? "A partner API key" : "A support impersonation")
                .contains("cannot invite, change or remove members");
    }

    private String credential(String who) {
        return who.equals("partner key") ? adminKey : confirmedImpersonation;
    }

    private String tenantPath(String rest) {
        return "/api/v1/tenants/" + tenant + rest;
    }
}
