package io.tillbridge.connectlinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.Caller;
import io.tillbridge.partners.PartnerFixtures;
import io.tillbridge.partners.PartnerFixtures.Person;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Partner connect links through the real API and PostgreSQL, with the Square sandbox that ships
 * with the platform standing in for the vendor: creation and its validation, single use, expiry,
 * the audit trail, and the tenant boundary. The merchant's browser is played by plain HTTP calls
 * that do not follow redirects, so that each hop can be checked.
 */
@MicronautTest(transactional = false)
class ConnectLinksIT extends TestDatabaseProperties {

    private static final String PORTAL = "https://portal.tillbridge.example";
    private static final String BACK = "https://app.partner.example/tillbridge/connected";

    @Inject
    ApiClient api;

    @Inject
    PartnerFixtures fixtures;

    @Inject
    ConnectLinks links;

    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Person merchant;
    private UUID tenant;
    private UUID partner;
    private String key;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.egress.allow", "", "tillbridge.portal.url", PORTAL);
    }

    @BeforeEach
    void a_tenant_that_granted_a_partner_with_a_registered_redirect() {
        merchant = fixtures.user();
        tenant = fixtures.tenantOf(merchant, "admin");
        Person partnerOwner = fixtures.user();
        partner = fixtures.partner(partnerOwner);
        fixtures.grant(tenant, partner);
        key = fixtures.key(partner, "write");
        Response registered = api.bearer(partnerOwner.token()).put(redirects(partner),
                Map.of("urls", List.of(BACK, "http://127.0.0.1:8765/back")));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
    }

    @Test
    void a_write_key_creates_a_link_to_the_portal_that_expires_in_15_minutes_and_is_stored_hashed() {
        Response created = create(Map.of("connectorId", "square", "redirectUrl", BACK, "state", "abc", "sandbox", true));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String url = (String) created.json().get("url");
        assertThat(url).matches(PORTAL.replace(".", "\\.") + "/connect-link/[0-9a-f]{64}");
        assertThat(Instant.parse((String) created.json().get("expiresAt")))
                .isBetween(Instant.now().plus(Duration.ofMinutes(14)), Instant.now().plus(Duration.ofMinutes(16)));
        assertThat(created.header("Location").orElseThrow()).endsWith("/connect-links/" + created.json().get("id"));
        String token = url.substring(url.lastIndexOf('/') + 1);
        List<Map<String, Object>> stored = TenantFixture.inTenant(tenant, c -> TenantFixture.rows(c,
                "SELECT encode(token_hash, 'hex') AS hash FROM connect_links WHERE tenant_id = ?", tenant));
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("hash").toString()).isNotEqualTo(token)
                .isEqualTo(java.util.HexFormat.of().formatHex(new Token(token).hash()));
        List<Map<String, Object>> audit = TenantFixture.audit(tenant, "connect-link.created");
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0)).containsEntry("actor_kind", "partner");
        assertThat(audit.get(0).get("after").toString()).contains(partner.toString()).doesNotContain(token);
    }

    @Test
    void an_unknown_connector_answers_validation_failed_at_connectorId() {
        Response response = create(Map.of("connectorId", "no-such-pos", "redirectUrl", BACK, "sandbox", true));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("/problems/validation-failed");
        assertThat(response.body()).contains("\"field\":\"connectorId\"");
    }

    @Test
    void a_redirect_url_that_is_not_registered_exactly_answers_validation_failed_at_redirectUrl() {
        Response longer = create(Map.of("connectorId", "square", "redirectUrl", BACK + "/evil", "sandbox", true));
        Response other = create(Map.of("connectorId", "square", "redirectUrl", "https://evil.example/", "sandbox", true));

        assertThat(longer.status()).isEqualTo(400);
        assertThat(longer.body()).contains("\"field\":\"redirectUrl\"").contains("registered");
        assertThat(other.status()).isEqualTo(400);
        assertThat(TenantFixture.audit(tenant, "connect-link.created")).isEmpty();
    }

    @Test
    void a_connector_without_oauth_answers_422() {
        Response response = create(Map.of("connectorId", "http-json", "redirectUrl", BACK));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.problemType()).isEqualTo("/problems/unprocessable");
    }

    @Test
    void a_read_key_and_a_member_are_refused_with_403() {
        String readKey = fixtures.key(partner, "read");
        Map<String, Object> body = Map.of("connectorId", "square", "redirectUrl", BACK, "sandbox", true);

        Response read = api.bearer(readKey).post(links(tenant), body);
        Response member = api.bearer(merchant.token()).post(links(tenant), body);

        assertThat(read.status()).isEqualTo(403);
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.problemType()).isEqualTo("/problems/forbidden");
    }

    @Test
    void a_tenant_that_did_not_grant_the_partner_answers_404_and_so_does_another_partners_link() {
        UUID ungranted = fixtures.tenant();
        Response refused = api.bearer(key).post(links(ungranted),
                Map.of("connectorId", "square", "redirectUrl", BACK, "sandbox", true));
        String id = (String) create(Map.of("connectorId", "square", "redirectUrl", BACK, "sandbox", true)).json().get("id");
        UUID otherPartner = fixtures.partner(fixtures.user());
        fixtures.grant(tenant, otherPartner);

        Response foreign = api.bearer(fixtures.key(otherPartner, "write")).get(links(tenant) + "/" + id);

        assertThat(refused.status()).isEqualTo(404);
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void redirect_urls_must_be_https_or_loopback_http_and_only_the_owner_registers_them() {
        Person owner = fixtures.user();
        UUID mine = fixtures.partner(owner);

        Response plain = api.bearer(owner.token()).put(redirects(mine), Map.of("urls", List.of(
                "https://ok.example/back", "http://app.example/back", "https://ok.example/back#frag")));
        Response byKey = api.bearer(fixtures.key(mine, "write")).put(redirects(mine),
                Map.of("urls", List.of("https://attacker.example/")));

        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.body()).contains("urls[1]").contains("urls[2]").doesNotContain("urls[0]");
        assertThat(api.bearer(owner.token()).get(redirects(mine)).json().get("urls")).isEqualTo(List.of());
        assertThat(byKey.status()).isEqualTo(403);
    }

    @Test
    void the_merchant_approves_and_is_sent_back_to_the_partner_with_the_connection_and_the_state() throws Exception {
        String token = token(create(Map.of("connectorId", "square", "redirectUrl", BACK, "state", "order 7&x",
                "sandbox", true)));
        Caller.User user = user(merchant);

        ConnectLinkConsent consent = links.open(user, token);
        assertThat(consent.outcome()).isEqualTo(ConnectLinkConsent.Outcome.READY);
        assertThat(consent.partnerName()).startsWith("Partner ");
        assertThat(consent.connectorName()).isEqualTo("Square");
        assertThat(consent.scopes()).contains("ORDERS_READ");
        URI authorization = links.approve(user, token);
        URI callback = URI.create(location(authorization));
        URI back = URI.create(location(callback));

        assertThat(back.toString()).startsWith(BACK + "?connection_id=").endsWith("&state=order+7%26x");
        String connectionId = query(back, "connection_id");
        Response connection = api.bearer(key).get("/api/v1/tenants/" + tenant + "/connections/" + connectionId);
        assertThat(connection.status()).as(connection.toString()).isEqualTo(200);
        assertThat(connection.json()).containsEntry("connectorId", "square").containsEntry("sandbox", true);
        String id = linkId();
        Response status = api.bearer(key).get(links(tenant) + "/" + id);
        assertThat(status.json()).containsEntry("status", "completed").containsEntry("connectionId", connectionId);
        List<Map<String, Object>> completed = TenantFixture.audit(tenant, "connect-link.completed");
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0)).containsEntry("actor_kind", "user").containsEntry("actor_id", merchant.id().toString());
        assertThat(TenantFixture.audit(tenant, "connect-link.opened")).hasSize(1);
    }

    @Test
    void a_completed_link_is_used_for_everyone_and_a_held_one_for_anyone_else() throws Exception {
        String token = token(create(Map.of("connectorId", "square", "redirectUrl", BACK, "sandbox", true)));
        Person colleague = fixtures.user();
        fixtures.member(tenant, colleague, "owner");
        links.open(user(merchant), token);

        assertThat(links.open(user(colleague), token).outcome()).isEqualTo(ConnectLinkConsent.Outcome.USED);
        assertThatThrownBy(() -> links.approve(user(colleague), token)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("used");

        URI callback = URI.create(location(links.approve(user(merchant), token)));
        location(callback);
        assertThat(links.open(user(merchant), token).outcome()).isEqualTo(ConnectLinkConsent.Outcome.USED);
        assertThat(links.open(user(merchant), token).partnerName()).isNull();
    }

    @Test
    void an_expired_link_shows_expired_and_its_status_says_so() {
        String token = token(create(Map.of("connectorId", "square", "redirectUrl", BACK, "sandbox", true)));
        TenantFixture.inTenant(tenant, c -> TenantFixture.update(c, "UPDATE connect_links SET expires_at ="
                + " now() - interval '1 second' WHERE tenant_id = ?", tenant));

        assertThat(links.open(user(merchant), token).outcome()).isEqualTo(ConnectLinkConsent.Outcome.EXPIRED);
        assertThat(api.bearer(key).get(links(tenant) + "/" + linkId()).json()).containsEntry("status", "expired");
        assertThat(TenantFixture.audit(tenant, "connect-link.opened")).isEmpty();
    }

    @Test
    void declining_sends_the_merchant_back_with_access_denied_and_ends_the_link() {
        String token = token(create(Map.of("connectorId", "square", "redirectUrl", BACK, "state", "s1", "sandbox", true)));
        links.open(user(merchant), token);

        URI back = links.decline(user(merchant), token);

        assertThat(back.toString()).isEqualTo(BACK + "?error=access_denied&state=s1");
        assertThat(api.bearer(key).get(links(tenant) + "/" + linkId()).json()).containsEntry("status", "declined");
        assertThat(TenantFixture.audit(tenant, "connect-link.declined")).hasSize(1);
        assertThat(links.open(user(merchant), token).outcome()).isEqualTo(ConnectLinkConsent.Outcome.USED);
    }

    @Test
    void a_viewer_a_stranger_and_an_unknown_token_learn_nothing_and_hold_nothing() {
        String token = token(create(Map.of("connectorId", "square", "redirectUrl", BACK, "sandbox", true)));
        Person viewer = fixtures.user();
        fixtures.member(tenant, viewer, "viewer");

        ConnectLinkConsent seenByViewer = links.open(user(viewer), token);
        ConnectLinkConsent seenByStranger = links.open(user(fixtures.user()), token);

        assertThat(seenByViewer.outcome()).isEqualTo(ConnectLinkConsent.Outcome.NOT_ALLOWED);
        assertThat(seenByViewer.tenantName()).isNull();
        assertThat(seenByStranger.outcome()).isEqualTo(ConnectLinkConsent.Outcome.NOT_ALLOWED);
        assertThat(links.open(user(merchant), "0".repeat(64)).outcome()).isEqualTo(ConnectLinkConsent.Outcome.UNKNOWN);
        assertThat(links.open(user(merchant), "../etc").outcome()).isEqualTo(ConnectLinkConsent.Outcome.UNKNOWN);
        assertThat(links.open(user(merchant), token).outcome()).as("still usable by a member who may connect")
                .isEqualTo(ConnectLinkConsent.Outcome.READY);
    }

    private Response create(Map<String, Object> body) {
        return api.bearer(key).post(links(tenant), new HashMap<>(body));
    }

    private String linkId() {
        return TenantFixture.inTenant(tenant, c -> TenantFixture.rows(c,
                "SELECT id FROM connect_links WHERE tenant_id = ?", tenant)).get(0).get("id").toString();
    }

    private static String token(Response created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String url = (String) created.json().get("url");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static Caller.User user(Person person) {
        return new Caller.User(person.id(), person.email(), Optional.empty());
    }

    private String location(URI uri) throws Exception {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(uri).header("Accept", "text/html").GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + " " + response.body()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " not in " + uri);
    }

    private static String links(UUID tenant) {
        return "/api/v1/tenants/" + tenant + "/connect-links";
    }

    private static String redirects(UUID partner) {
        return "/api/v1/partners/" + partner + "/redirect-urls";
    }
}
