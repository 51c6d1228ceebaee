package io.tillbridge.members;

import static io.tillbridge.tenants.TenantFixture.addMember;
import static io.tillbridge.tenants.TenantFixture.newUser;
import static io.tillbridge.tenants.TenantFixture.roleOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestMailProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Invitations end to end: created through the API, mailed through a real SMTP server (GreenMail),
 * accepted by the invited user through the API.
 */
@MicronautTest(transactional = false)
class InvitationsIT extends TestMailProperties {

    private static final String PORTAL = "https://portal.tillbridge.test";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(PORTAL) + "/accept-invitation\\?token=(\\S+)");

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants(TenantRole.OWNER, TenantRole.ADMIN, TenantRole.VIEWER);

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("tillbridge.portal.url", PORTAL);
    }

    @Test
    void inviting_answers_201_with_the_pending_invitation_and_no_token() {
        String email = address();
        var response = api.post(tenants.admin(), path(), invite(email, "operator"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json()).containsEntry("email", email).containsEntry("role", "operator")
                .containsEntry("status", "pending").containsEntry("invitedBy", tenants.admin().id().toString());
        assertThat(response.header("Location")).hasValue(path() + "/" + response.json().get("id"));
        assertThat(response.body()).doesNotContain("token");
    }

    @Test
    void the_invitation_mail_carries_the_link_to_the_portal_with_the_token() throws Exception {
        String email = address();
        api.post(tenants.admin(), path(), invite(email, "operator"));
        MimeMessage mail = mailTo(email);
        assertThat(mail.getSubject()).contains("Harbour Coffee");
        assertThat((String) mail.getContent()).contains(tenants.admin().email(), "an operator", "expires");
        assertThat(tokenIn(mail)).matches(Pattern.quote(tenants.id().toString()) + "\\.[A-Za-z0-9_-]{43}");
    }

    @Test
    void the_invitation_expires_in_seven_days() {
        var created = api.post(tenants.admin(), path(), invite(address(), "viewer")).json();
        var expires = java.time.Instant.parse((String) created.get("expiresAt"));
        var createdAt = java.time.Instant.parse((String) created.get("createdAt"));
        assertThat(java.time.Duration.between(createdAt, expires)).isEqualTo(java.time.Duration.ofDays(7));
    }

    @Test
    void only_the_sha256_of_the_tokens_secret_is_stored() throws Exception {
        String email = address();
        String id = (String) api.post(tenants.admin(), path(), invite(email, "viewer")).json().get("id");
        String secret = tokenIn(mailTo(email)).substring(tenants.id().toString().length() + 1);
        byte[] stored = TenantFixture.inTenant(tenants.id(), c -> (byte[]) TenantFixture.rows(c,
                "SELECT token_hash FROM invitations WHERE id = ?", UUID.fromString(id)).get(0).get("token_hash"));
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        assertThat(Arrays.equals(stored, expected)).isTrue();
    }

    @Test
    void the_invited_user_accepts_and_becomes_a_member_with_the_invited_role() throws Exception {
        User invited = newUser(address());
        String token = inviteAndReadToken(invited.email(), "operator");
        var response = api.post(invited, "/api/v1/invitations/accept", Map.of("token", token));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json()).containsEntry("tenantId", tenants.id().toString()).containsEntry("tenantName", "Harbour Coffee");
        assertThat(response.header("Location")).hasValue(path().replace("/invitations", "/members/") + invited.id());
        assertThat(roleOf(tenants.id(), invited)).isEqualTo("operator");
        assertThat(api.get(invited, "/api/v1/tenants/" + tenants.id() + "/members").status()).isEqualTo(200);
    }

    @Test
    void an_accepted_invitation_is_marked_accepted_and_audited_in_the_tenant() throws Exception {
        User invited = newUser(address());
        String token = inviteAndReadToken(invited.email(), "viewer");
        api.post(invited, "/api/v1/invitations/accept", Map.of("token", token));
        assertThat(api.get(tenants.admin(), path()).items()).isEmpty();
        var joined = TenantFixture.audit(tenants.id(), "member.joined");
        assertThat(joined).hasSize(1);
        assertThat(joined.get(0)).containsEntry("actor_id", invited.id().toString())
                .containsEntry("target_id", invited.id().toString());
        assertThat(TenantFixture.audit(tenants.id(), "invitation.accepted")).hasSize(1);
    }

    @Test
    void the_invited_address_matches_whatever_its_case() throws Exception {
        User invited = newUser(address());
        String token = inviteAndReadToken(invited.email().toUpperCase(Locale.ROOT), "viewer");
        assertThat(api.post(invited, "/api/v1/invitations/accept", Map.of("token", token)).status()).isEqualTo(201);
        assertThat(roleOf(tenants.id(), invited)).isEqualTo("viewer");
    }

    @Test
    void a_user_with_another_address_is_refused_with_403() throws Exception {
        String token = inviteAndReadToken(address(), "admin");
        User someoneElse = newUser(address());
        var response = api.post(someoneElse, "/api/v1/invitations/accept", Map.of("token", token));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("sent to another e-mail address");
        assertThat(roleOf(tenants.id(), someoneElse)).isNull();
    }

    @Test
    void an_expired_invitation_answers_410() throws Exception {
        User invited = newUser(address());
        String token = inviteAndReadToken(invited.email(), "viewer");
        TenantFixture.inTenant(tenants.id(), c -> TenantFixture.update(c,
                "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE lower(email) = lower(?)",
                invited.email()));
        var response = api.post(invited, "/api/v1/invitations/accept", Map.of("token", token));
        assertThat(response.status()).isEqualTo(410);
        assertThat(response.body()).contains("/problems/invitation-expired", "expired");
        assertThat(roleOf(tenants.id(), invited)).isNull();
    }

    @Test
    void a_revoked_invitation_answers_410() throws Exception {
        User invited = newUser(address());
        var created = api.post(tenants.admin(), path(), invite(invited.email(), "viewer")).json();
        String token = tokenIn(mailTo(invited.email()));
        assertThat(api.delete(tenants.admin(), path() + "/" + created.get("id")).status()).isEqualTo(204);
        var response = api.post(invited, "/api/v1/invitations/accept", Map.of("token", token));
        assertThat(response.status()).isEqualTo(410);
        assertThat(response.body()).contains("revoked");
        assertThat(roleOf(tenants.id(), invited)).isNull();
    }

    @Test
    void a_used_invitation_answers_410() throws Exception {
        User invited = newUser(address());
        String token = inviteAndReadToken(invited.email(), "viewer");
        api.post(invited, "/api/v1/invitations/accept", Map.of("token", token));
        var again = api.post(invited, "/api/v1/invitations/accept", Map.of("token", token));
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.body()).contains("accepted already");
    }

    @Test
    void a_retried_acceptance_with_the_same_idempotency_key_answers_the_first_result() throws Exception {
        User invited = newUser(address());
        String token = inviteAndReadToken(invited.email(), "viewer");
        api.post(invited, "/api/v1/invitations/accept", Map.of("token", token), "Idempotency-Key", "accept-1");
        var retry = api.post(invited, "/api/v1/invitations/accept", Map.of("token", token), "Idempotency-Key", "accept-1");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
    }

    @Test
    void an_unknown_token_answers_404() {
        User user = newUser(address());
        String token = tenants.id() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertThat(api.post(user, "/api/v1/invitations/accept", Map.of("token", token)).status()).isEqualTo(404);
    }

    @Test
    void a_malformed_token_answers_404() {
        User user = newUser(address());
        assertThat(api.post(user, "/api/v1/invitations/accept", Map.of("token", "not-a-token")).status()).isEqualTo(404);
    }

    @Test
    void a_tokens_secret_under_another_tenants_id_answers_404() throws Exception {
        User invited = newUser(address());
        addMember(tenants.otherId(), invited, TenantRole.VIEWER);
        String token = inviteAndReadToken(invited.email(), "admin");
        String moved = tenants.otherId() + token.substring(token.indexOf('.'));
        assertThat(api.post(invited, "/api/v1/invitations/accept", Map.of("token", moved)).status()).isEqualTo(404);
        assertThat(roleOf(tenants.otherId(), invited)).isEqualTo("viewer");
        assertThat(roleOf(tenants.id(), invited)).isNull();
    }

    @Test
    void a_member_accepting_an_invitation_answers_409() throws Exception {
        User invited = newUser(address());
        String token = inviteAndReadToken(invited.email(), "admin");
        addMember(tenants.id(), invited, TenantRole.VIEWER);
        var response = api.post(invited, "/api/v1/invitations/accept", Map.of("token", token));
        assertThat(response.status()).isEqualTo(409);
        assertThat(roleOf(tenants.id(), invited)).isEqualTo("viewer");
    }

    @Test
    void a_member_of_another_tenant_can_accept_and_belongs_to_both() throws Exception {
        User invited = newUser(address());
        addMember(tenants.otherId(), invited, TenantRole.OWNER);
        String token = inviteAndReadToken(invited.email(), "viewer");
        assertThat(api.post(invited, "/api/v1/invitations/accept", Map.of("token", token)).status()).isEqualTo(201);
        assertThat(roleOf(tenants.id(), invited)).isEqualTo("viewer");
        assertThat(roleOf(tenants.otherId(), invited)).isEqualTo("owner");
    }

    @Test
    void accepting_without_signing_in_answers_401() throws Exception {
        String token = inviteAndReadToken(address(), "viewer");
        assertThat(api.post(null, "/api/v1/invitations/accept", Map.of("token", token)).status()).isEqualTo(401);
    }

    @Test
    void inviting_a_member_answers_409() {
        var response = api.post(tenants.admin(), path(), invite(tenants.viewer().email().toUpperCase(Locale.ROOT), "admin"));
        assertThat(response.status()).isEqualTo(409);
    }

    @Test
    void an_admin_cannot_invite_an_owner() {
        String email = address();
        assertThat(api.post(tenants.admin(), path(), invite(email, "owner")).status()).isEqualTo(403);
        assertThat(smtp.getReceivedMessagesForDomain(email)).isEmpty();
    }

    @Test
    void an_owner_invites_an_owner() {
        assertThat(api.post(tenants.owner(), path(), invite(address(), "owner")).status()).isEqualTo(201);
    }

    @Test
    void a_viewer_cannot_invite() {
        String email = address();
        assertThat(api.post(tenants.viewer(), path(), invite(email, "viewer")).status()).isEqualTo(403);
        assertThat(smtp.getReceivedMessagesForDomain(email)).isEmpty();
    }

    @Test
    void an_invalid_address_and_role_answer_400_naming_both_fields() {
        var response = api.post(tenants.admin(), path(), invite("not-an-address", "king"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"email\"", "\"field\":\"role\"");
    }

    @Test
    void a_retried_invitation_with_the_same_idempotency_key_sends_one_mail() {
        String email = address();
        var first = api.post(tenants.admin(), path(), invite(email, "viewer"), "Idempotency-Key", "invite-1");
        var retry = api.post(tenants.admin(), path(), invite(email, "viewer"), "Idempotency-Key", "invite-1");
        assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(smtp.getReceivedMessagesForDomain(email)).hasSize(1);
    }

    @Test
    void a_new_invitation_to_the_same_address_replaces_the_pending_one() throws Exception {
        User invited = newUser(address());
        String oldToken = inviteAndReadToken(invited.email(), "viewer");
        api.post(tenants.admin(), path(), invite(invited.email(), "admin"));
        assertThat(api.get(tenants.admin(), path()).items()).singleElement().satisfies(i -> assertThat(i).containsEntry("role", "admin"));
        assertThat(api.post(invited, "/api/v1/invitations/accept", Map.of("token", oldToken)).status()).isEqualTo(410);
    }

    @Test
    void the_list_shows_pending_invitations_only() throws Exception {
        String pending = address();
        api.post(tenants.admin(), path(), invite(pending, "viewer"));
        var revoked = api.post(tenants.admin(), path(), invite(address(), "viewer")).json();
        api.delete(tenants.admin(), path() + "/" + revoked.get("id"));
        User accepting = newUser(address());
        api.post(accepting, "/api/v1/invitations/accept", Map.of("token", inviteAndReadToken(accepting.email(), "viewer")));
        assertThat(api.get(tenants.viewer(), path()).items()).extracting(i -> i.get("email")).containsExactly(pending);
    }

    @Test
    void the_list_comes_in_pages_joined_by_the_cursor() {
        for (int i = 0; i < 3; i++) {
            api.post(tenants.admin(), path(), invite(address(), "viewer"));
        }
        var first = api.get(tenants.viewer(), path() + "?limit=2");
        var second = api.get(tenants.viewer(), path() + "?limit=2&cursor=" + first.json().get("nextCursor"));
        assertThat(first.items()).hasSize(2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.json()).doesNotContainKey("nextCursor");
    }

    @Test
    void revoking_is_audited() {
        var created = api.post(tenants.admin(), path(), invite(address(), "viewer")).json();
        api.delete(tenants.admin(), path() + "/" + created.get("id"));
        var entries = TenantFixture.audit(tenants.id(), "invitation.revoked");
        assertThat(entries).hasSize(1);
        assertThat((String) entries.get(0).get("after")).contains("revoked");
    }

    @Test
    void an_accepted_invitation_cannot_be_revoked() throws Exception {
        User invited = newUser(address());
        var created = api.post(tenants.admin(), path(), invite(invited.email(), "viewer")).json();
        api.post(invited, "/api/v1/invitations/accept", Map.of("token", tokenIn(mailTo(invited.email()))));
        assertThat(api.delete(tenants.admin(), path() + "/" + created.get("id")).status()).isEqualTo(409);
    }

    @Test
    void a_tenant_id_in_the_body_is_ignored() {
        Map<String, Object> body = new HashMap<>(invite(address(), "viewer"));
        body.put("tenantId", tenants.otherId().toString());
        assertThat(api.post(tenants.admin(), path(), body).status()).isEqualTo(201);
        assertThat(api.get(tenants.admin(), path()).items()).hasSize(1);
        assertThat(api.get(tenants.stranger(), "/api/v1/tenants/" + tenants.otherId() + "/invitations").items()).isEmpty();
    }

    @Test
    void another_tenants_user_inviting_gets_404_and_no_mail_is_sent() {
        String email = address();
        assertThat(api.post(tenants.stranger(), path(), invite(email, "owner")).status()).isEqualTo(404);
        assertThat(smtp.getReceivedMessagesForDomain(email)).isEmpty();
    }

    @Test
    void another_tenants_user_listing_invitations_gets_404() {
        api.post(tenants.admin(), path(), invite(address(), "viewer"));
        assertThat(api.get(tenants.stranger(), path()).status()).isEqualTo(404);
    }

    @Test
    void another_tenants_user_reading_an_invitation_gets_404() {
        var created = api.post(tenants.admin(), path(), invite(address(), "viewer")).json();
        assertThat(api.get(tenants.stranger(), path() + "/" + created.get("id")).status()).isEqualTo(404);
    }

    @Test
    void another_tenants_user_revoking_an_invitation_gets_404_and_it_stays_pending() {
        var created = api.post(tenants.admin(), path(), invite(address(), "viewer")).json();
        assertThat(api.delete(tenants.stranger(), path() + "/" + created.get("id")).status()).isEqualTo(404);
        assertThat(api.get(tenants.admin(), path() + "/" + created.get("id")).json()).containsEntry("status", "pending");
    }

    @Test
    void an_invitation_of_another_tenant_is_not_found_through_ones_own_tenant() {
        var created = api.post(tenants.admin(), path(), invite(address(), "viewer")).json();
        String otherPath = "/api/v1/tenants/" + tenants.otherId() + "/invitations/" + created.get("id");
        assertThat(api.get(tenants.stranger(), otherPath).status()).isEqualTo(404);
        assertThat(api.delete(tenants.stranger(), otherPath).status()).isEqualTo(404);
        assertThat(api.get(tenants.admin(), path() + "/" + created.get("id")).json()).containsEntry("status", "pending");
    }

    private String inviteAndReadToken(String email, String role) throws Exception {
        Response response = api.post(role.equals("owner") ? tenants.owner() : tenants.admin(), path(), invite(email, role));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return tokenIn(mailTo(email));
    }

    private MimeMessage mailTo(String email) {
        MimeMessage[] messages = smtp.getReceivedMessagesForDomain(email);
        assertThat(messages).as("mail to " + email).isNotEmpty();
        return messages[messages.length - 1];
    }

    private static String tokenIn(MimeMessage mail) throws Exception {
        Matcher link = LINK.matcher((String) mail.getContent());
        assertThat(link.find()).as("the mail holds the invitation link").isTrue();
        return URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
    }

    private String path() {
        return "/api/v1/tenants/" + tenants.id() + "/invitations";
    }

    private static String address() {
        return "invitee-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
    }

    private static Map<String, Object> invite(String email, String role) {
        return Map.of("email", email, "role", role);
    }
}
