package io.tillbridge;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.PlatformSettings;
import io.tillbridge.testing.LocalMailServer;
import io.tillbridge.ui.BrowserSupport;
import io.tillbridge.ui.pages.ConnectLinkPage;
import io.tillbridge.ui.pages.PortalPages;
import io.tillbridge.users.Signup;
import io.tillbridge.users.SignupResult;
import io.tillbridge.users.SignupService;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A partner's connect link end to end in headless Chromium against the whole platform: the
 * partner's key creates the link over the API, the merchant opens it, signs in, approves, grants
 * access on the shipped Square sandbox's OAuth page (loopback), and lands on the partner's
 * redirect URL (a loopback server of the test) with the new connection's id; the link is used up.
 */
class ConnectLinkJourneyIT {

    private static final String PASSWORD = "grind-the-beans-at-dawn";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GreenMail smtp;
    private static Tillbridge platform;
    private static BrowserSupport browser;
    private static PartnerApp partnerApp;

    @BeforeAll
    static void start_the_platform_and_the_partners_app() throws Exception {
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        smtp = LocalMailServer.start();
        LocalMailServer.settings(smtp).forEach(System::setProperty);
        JdbcTarget owner = TestDatabase.shared().owner();
        platform = Tillbridge.start(PlatformSettings.fromMap(Map.of(
                "tillbridge.database.url", owner.url(),
                "tillbridge.database.user", owner.user(),
                "tillbridge.database.password", owner.password(),
                "tillbridge.database.app-password", TestDatabase.shared().app().password(),
                "tillbridge.jwt-secret", "connect-link-journey-signing-secret-0123456789",
                "tillbridge.management.port", "0",
                "tillbridge.host", "127.0.0.1",
                "tillbridge.api.port", "0",
                "tillbridge.portal.port", "0")));
        browser = BrowserSupport.launch();
        partnerApp = PartnerApp.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (partnerApp != null) {
                partnerApp.close();
            }
            if (browser != null) {
                browser.close();
            }
            if (platform != null) {
                platform.close();
            }
        } finally {
            System.clearProperty("tillbridge.mail.smtp.host");
            System.clearProperty("tillbridge.mail.smtp.port");
            if (smtp != null) {
                smtp.stop();
            }
        }
    }

    @Test
    void a_merchant_connects_square_through_a_partners_link_and_lands_back_at_the_partner() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SignupService signups = platform.platform().context().getBean(SignupService.class);
        String merchantEmail = "kim-" + run + "@harbour.example";
        SignupResult merchant = signups.signUp(new Signup("Harbour Coffee " + run, merchantEmail, PASSWORD, "Kim", null));
        SignupResult partnerOwner = signups.signUp(new Signup("Acme Integrations " + run, "dev-" + run + "@acme.example",
                PASSWORD, "Dev", null));
        String partnerKey = partnerWithKeyAndGrant(partnerOwner, "Acme Integrations " + run, merchant);

        HttpResponse<String> created = partnerApp.call(api(), "POST", "/api/v1/tenants/" + merchant.tenant().value()
                + "/connect-links", partnerKey, JSON.writeValueAsString(Map.of("connectorId", "square",
                        "redirectUrl", partnerApp.redirectUrl(), "state", "order-" + run, "sandbox", true)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String link = JSON.readTree(created.body()).get("url").asText();

        Page page = browser.newPage();
        try {
            PortalPages portal = new PortalPages(page, portalUri());
            ConnectLinkPage consent = new ConnectLinkPage(page);
            portal.open(link);
            page.waitForURL(Pattern.compile(".*/login\\?continue=connect-link.*"));
            BrowserSupport.screenshot(page, "connect-link-1-sign-in");
            portal.signIn(merchantEmail, PASSWORD);

            assertThat(consent.request()).hasText("Acme Integrations " + run + " asks to connect your Square to"
                    + " Tillbridge for Harbour Coffee " + run + ", with access: "
                    + String.join(", ", squareScopes(token(merchant))) + ".");
            BrowserSupport.screenshot(page, "connect-link-2-consent");
            consent.approve();

            page.waitForURL(Pattern.compile(Pattern.quote(partnerApp.redirectUrl()) + "\\?.*"));
            assertThat(page.locator("#landed")).hasText(PartnerApp.LANDED);
            BrowserSupport.screenshot(page, "connect-link-3-back-at-the-partner");
            List<Map<String, String>> arrivals = partnerApp.arrivals();
            assertThat(arrivals).hasSize(1);
            assertThat(arrivals.get(0)).containsEntry("state", "order-" + run).containsKey("connection_id");
            String connectionId = arrivals.get(0).get("connection_id");
            HttpResponse<String> connection = partnerApp.call(api(), "GET", "/api/v1/tenants/"
                    + merchant.tenant().value() + "/connections/" + connectionId, partnerKey, null);
            assertThat(connection.statusCode()).as(connection.body()).isEqualTo(200);
            assertThat(JSON.readTree(connection.body()).get("connectorId").asText()).isEqualTo("square");
            HttpResponse<String> status = partnerApp.call(api(), "GET", "/api/v1/tenants/" + merchant.tenant().value()
                    + "/connect-links/" + JSON.readTree(created.body()).get("id").asText(), partnerKey, null);
            assertThat(JSON.readTree(status.body()).get("status").asText()).isEqualTo("completed");

            portal.open(link);
            assertThat(consent.outcome()).containsText("already used");
            BrowserSupport.screenshot(page, "connect-link-4-already-used");
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(page, "failed-connect-link");
            throw e;
        } finally {
            page.context().close();
        }
    }

    /** The partner account, its write key and its redirect URL (by its owner), and the merchant's grant. */
    private static String partnerWithKeyAndGrant(SignupResult owner, String name, SignupResult merchant)
            throws Exception {
        String ownerToken = token(owner);
        HttpResponse<String> partner = partnerApp.call(api(), "POST", "/api/v1/partners", ownerToken,
                JSON.writeValueAsString(Map.of("name", name, "contactEmail", "dev@acme.example")));
        assertThat(partner.statusCode()).as(partner.body()).isEqualTo(201);
        String partnerId = JSON.readTree(partner.body()).get("id").asText();
        HttpResponse<String> key = partnerApp.call(api(), "POST", "/api/v1/partners/" + partnerId + "/keys", ownerToken,
                JSON.writeValueAsString(Map.of("name", "connect", "scopes", List.of("write"))));
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        HttpResponse<String> redirects = partnerApp.call(api(), "PUT", "/api/v1/partners/" + partnerId
                + "/redirect-urls", ownerToken, JSON.writeValueAsString(Map.of("urls", List.of(partnerApp.redirectUrl()))));
        assertThat(redirects.statusCode()).as(redirects.body()).isEqualTo(200);
        HttpResponse<String> grant = partnerApp.call(api(), "POST", "/api/v1/tenants/" + merchant.tenant().value()
                + "/partner-grants", token(merchant), JSON.writeValueAsString(Map.of("partnerId", partnerId)));
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(201);
        return JSON.readTree(key.body()).get("key").asText();
    }

    private static List<String> squareScopes(String token) throws Exception {
        HttpResponse<String> connector = partnerApp.call(api(), "GET", "/api/v1/connectors/square", token, null);
        JsonNode scopes = JSON.readTree(connector.body()).path("oauth").path("scopes");
        assertThat(scopes.isArray()).as(connector.body()).isTrue();
        return java.util.stream.StreamSupport.stream(scopes.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String token(SignupResult user) {
        AccessTokens tokens = platform.platform().context().getBean(AccessTokens.class);
        return tokens.forUser(user.userId(), "user@example.test", Optional.empty()).token();
    }

    private static URI api() {
        return platform.platform().apiUri().orElseThrow();
    }

    private static String portalUri() {
        return platform.portalUri().orElseThrow().toString();
    }
}
