package io.tillbridge.users;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.newUser;
import static io.tillbridge.tenants.TenantFixture.roleOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestMailProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A person invited to a tenant without an account signs up through the invitation and joins it. */
@MicronautTest(transactional = false)
class InvitedSignupIT extends TestMailProperties {

    private static final String PORTAL = "https://portal.tillbridge.test";
    private static final Pattern LINK = Pattern.compile(Pattern.quote(PORTAL) + "/accept-invitation\\?token=(\\S+)");
    private static final String PASSWORD = "steam-the-milk-slowly";

    @Inject
    ApiClient api;

    private UUID tenant;
    private User admin;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("tillbridge.portal.url", PORTAL);
    }

    @BeforeEach
    void a_tenant_with_an_admin() {
        tenant = newTenant("Harbour Coffee");
        admin = newMember(tenant, TenantRole.ADMIN);
    }

    @Test
    void an_invited_person_signs_up_joins_with_the_invited_role_and_can_sign_in() throws Exception {
        String email = address();
        String token = invite(email, "operator");

        var response = api.post(null, "/api/v1/signup/invited", Map.of("invitationToken", token, "name", "Sam Lee",
                "password", PASSWORD));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json()).containsEntry("email", email).containsEntry("tenantId", tenant.toString())
                .containsEntry("role", "operator");
        var login = api.post(null, "/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        assertThat(login.body()).contains(tenant.toString()).contains("\"emailVerified\":true");
        assertThat(roleOf(tenant, new User(UUID.fromString((String) response.json().get("userId")), email)))
                .isEqualTo("operator");
    }

    @Test
    void signing_up_through_an_invitation_creates_no_tenant_of_ones_own() throws Exception {
        String token = invite(address(), "viewer");
        var response = api.post(null, "/api/v1/signup/invited", Map.of("invitationToken", token, "name", "Sam Lee",
                "password", PASSWORD));
        UUID user = UUID.fromString((String) response.json().get("userId"));

        long memberships = TenantFixture.platform(c -> TenantFixture.rows(c,
                "SELECT tenant_id FROM memberships WHERE user_id = ?", user).size());
        assertThat(memberships).isEqualTo(1);
    }

    @Test
    void an_invitation_serves_one_sign_up_only() throws Exception {
        String token = invite(address(), "viewer");
        assertThat(api.post(null, "/api/v1/signup/invited", Map.of("invitationToken", token, "name", "Sam Lee",
                "password", PASSWORD)).status()).isEqualTo(201);

        var second = api.post(null, "/api/v1/signup/invited", Map.of("invitationToken", token, "name", "Someone Else",
                "password", PASSWORD));

        assertThat(second.status()).as(second.toString()).isEqualTo(410);
        assertThat(second.body()).contains("/problems/invitation-expired");
    }

    @Test
    void an_address_with_an_account_is_told_to_sign_in_and_nothing_is_written() throws Exception {
        User existing = newUser(address());
        String token = invite(existing.email(), "viewer");

        var response = api.post(null, "/api/v1/signup/invited", Map.of("invitationToken", token, "name", "Sam Lee",
                "password", PASSWORD));

        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.body()).contains("Sign in");
        assertThat(roleOf(tenant, existing)).isNull();
    }

    @Test
    void an_unknown_token_answers_404() {
        var response = api.post(null, "/api/v1/signup/invited", Map.of("invitationToken",
                tenant + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "name", "Sam Lee", "password", PASSWORD));
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
    }

    @Test
    void a_short_password_answers_400_naming_the_field() throws Exception {
        String token = invite(address(), "viewer");
        var response = api.post(null, "/api/v1/signup/invited", Map.of("invitationToken", token, "name", "Sam Lee",
                "password", "short"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"password\"");
    }

    private String invite(String email, String role) throws Exception {
        var response = api.post(admin, "/api/v1/tenants/" + tenant + "/invitations", Map.of("email", email, "role", role));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        MimeMessage[] messages = smtp.getReceivedMessagesForDomain(email);
        assertThat(messages).isNotEmpty();
        Matcher link = LINK.matcher((String) messages[messages.length - 1].getContent());
        assertThat(link.find()).isTrue();
        return URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
    }

    private static String address() {
        return "invited-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
    }
}
