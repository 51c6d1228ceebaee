package io.tillbridge;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.audit.AuditEntry;
import io.tillbridge.audit.AuditFilter;
import io.tillbridge.audit.AuditTrail;
import io.tillbridge.credentials.KeyEncryptionKeys;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.onboarding.OnboardingService;
import io.tillbridge.testing.Await;
import io.tillbridge.testing.LocalMailServer;
import io.tillbridge.ui.BrowserSupport;
import io.tillbridge.ui.TestContexts;
import io.tillbridge.testing.WarehouseSandbox;
import io.tillbridge.ui.pages.ConnectLinkPage;
import io.tillbridge.ui.pages.MerchantPages;
import io.tillbridge.ui.pages.PortalPages;
import io.tillbridge.users.Signup;
import io.tillbridge.users.SignupResult;
import io.tillbridge.users.SignupService;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal's main journeys in headless Chromium against the whole platform (database, API,
 * portal) with a real SMTP server (GreenMail) receiving the verification and invitation mail, and
 * a partner's connect link: the partner's key creates it over the API, the merchant signs in,
 * approves, grants access on the shipped Square sandbox's OAuth page (loopback) and lands on the
 * partner's redirect URL (a loopback {@link PartnerApp}) with the new connection's id.
 */
class PortalJourneysIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PASSWORD = "grind-the-beans-at-dawn";
    private static final Pattern LINK = Pattern.compile("(http\\S+/(verify-email|accept-invitation|reset-password)\\?token=\\S+)");

    private static GreenMail smtp;
    private static Tillbridge platform;
    private static BrowserSupport browser;
    private static WarehouseSandbox warehouse;

    @BeforeAll
    static void start_the_platform_with_an_smtp_server() {
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        smtp = LocalMailServer.start();
        LocalMailServer.settings(smtp).forEach(System::setProperty);
        // The connect link journey stores a connection's grant in the vault.
        System.setProperty(KeyEncryptionKeys.ACTIVE_PROPERTY, TestContexts.TEST_KEK);
        // The merchant's warehouse is a schema reached through a forwarder on another loopback port.
        System.setProperty("tillbridge.egress.allow", "127.0.0.0/8");
        warehouse = WarehouseSandbox.inTestDatabase();
        platform = TestContexts.launch("portal-journeys-signing-secret-0123456789abcdef", Map.of());
        browser = BrowserSupport.launch();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (platform != null) {
                platform.close();
            }
        } finally {
            System.clearProperty("tillbridge.mail.smtp.host");
            System.clearProperty("tillbridge.mail.smtp.port");
            System.clearProperty(KeyEncryptionKeys.ACTIVE_PROPERTY);
            System.clearProperty("tillbridge.egress.allow");
            if (warehouse != null) {
                warehouse.close();
            }
            if (smtp != null) {
                smtp.stop();
            }
        }
    }

    @Test
    void an_owner_signs_up_and_invites_an_operator_who_creates_an_account_through_the_invitation() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String ownerEmail = "owner-" + run + "@harbour.example";
        String operatorEmail = "sam-" + run + "@harbour.example";
        Page page = browser.newPage();
        try {
            PortalPages portal = new PortalPages(page, portalUri());
            portal.open("signup");
            portal.signUp("Harbour Coffee " + run, "Dana Byrne", ownerEmail, PASSWORD);
            BrowserSupport.screenshot(page, "journey-1-check-your-mail");

            portal.open(mailedLink(ownerEmail, "verify-email"));
            assertThat(page.locator("#verify-email-outcome")).hasText("Your email address is confirmed.");

            portal.open("login");
            String sessionBefore = sessionId(page);
            org.assertj.core.api.Assertions.assertThat(sessionBefore).as("a session exists before sign-in").isNotEmpty();
            portal.signIn(ownerEmail, PASSWORD);
            // A new merchant lands on the setup wizard, at its first step.
            assertThat(page.locator("#onboarding-step-title")).hasText("1. Business");
            BrowserSupport.screenshot(page, "journey-2-get-started");
            portal.goTo("Team");
            assertThat(portal.cell("members", ownerEmail)).isVisible();
            org.assertj.core.api.Assertions.assertThat(sessionId(page))
                    .as("signing in renews the session id (no session fixation)").isNotEqualTo(sessionBefore);
            portal.invite(operatorEmail);
            BrowserSupport.screenshot(page, "journey-3-team-with-invitation");
            String invitation = mailedLink(operatorEmail, "accept-invitation");
            portal.signOut();

            portal.open(invitation);
            // New to Tillbridge: an account with the invited address joins the tenant at once.
            page.locator("#invited-name input").fill("Sam Lee");
            page.locator("#invited-password input").fill(PASSWORD);
            page.locator("#invited-sign-up").click();

            assertThat(page.locator("#getting-started")).isVisible();
            portal.goTo("Team");
            assertThat(portal.cell("members", operatorEmail)).isVisible();
            assertThat(portal.cell("members", ownerEmail)).isVisible();
            assertThat(portal.cell("members", "Operator")).isVisible();
            BrowserSupport.screenshot(page, "journey-4-team-after-accepting");
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(page, "failed-journey");
            throw e;
        } finally {
            page.context().close();
        }
    }

    /**
     * The merchant's whole first day: signs up, goes through the setup wizard with the Square
     * sandbox as its POS and a warehouse as the destination, builds the mapping in the builder
     * (a suggested pair, a value map, a CEL field) while the preview follows, runs it in shadow
     * mode, reads the diff, goes live, runs it, finds the records the value map held in the error
     * inbox, fixes the mapping from there, retries them, and finds them written in its warehouse.
     */
    @Test
    void a_merchant_signs_up_builds_an_integration_goes_live_and_fixes_a_failed_record() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String email = "lee-" + run + "@dockside.example";
        Page page = browser.newPage();
        try {
            PortalPages portal = new PortalPages(page, portalUri());
            MerchantPages merchant = new MerchantPages(portal);
            portal.open("");
            BrowserSupport.screenshot(page, "story-01-landing");
            portal.open("signup");
            portal.signUp("Dockside Deli " + run, "Lee Marsh", email, PASSWORD);
            portal.open(mailedLink(email, "verify-email"));
            portal.open("login");
            portal.signIn(email, PASSWORD);

            assertThat(merchant.stepTitle()).hasText("1. Business");
            BrowserSupport.screenshot(page, "story-02-wizard-business");
            merchant.nameTheBusiness("Dockside Deli");
            merchant.addLocation("Quay Street", "Europe/Dublin", 4);
            merchant.setTargets("3", "16", "1", "20");
            BrowserSupport.screenshot(page, "story-03-wizard-connect");
            merchant.trySandbox("square");
            BrowserSupport.screenshot(page, "story-04-wizard-destination");
            Map<String, Object> config = warehouse.targetConfig(30);
            merchant.startEmptyIntoWarehouse(Map.of("jdbcUrl", (String) config.get("jdbcUrl"),
                    "user", (String) config.get("user"), "password", (String) config.get("password"),
                    "schema", (String) config.get("schema")));
            BrowserSupport.screenshot(page, "story-05-wizard-mapping");

            merchant.openBuilderFromWizard();
            assertThat(merchant.previewStatus()).containsText("sample records mapped");
            BrowserSupport.screenshot(page, "story-06-builder");

            // A suggested pair for a new target field.
            merchant.addTargetField("order_state");
            assertThat(merchant.suggestions()).containsText("order_state");
            merchant.acceptSuggestion("state", "order_state");
            assertThat(merchant.rulesCell("order_state")).isVisible();
            assertThat(merchant.preview()).containsText("order_state");

            // A value map: the merchant's own words for the order states seen in the samples.
            merchant.editRule("order_state");
            merchant.mapValues();
            String before = merchant.preview().innerText();
            merchant.mapValue("completed", "closed");
            merchant.mapValue("open", "open");
            merchant.mapValue("voided", "void");
            assertThat(merchant.valueMapSummary()).hasText("3 values seen, 0 unmapped.");
            assertThat(merchant.preview()).containsText("closed");
            org.assertj.core.api.Assertions.assertThat(merchant.preview().innerText()).isNotEqualTo(before);
            page.locator("#value-map").scrollIntoViewIfNeeded();
            BrowserSupport.screenshot(page, "story-07-builder-value-map");

            // Ledger accounts per kind of a second tender: no sample order is split over two tenders, so
            // no value is mapped yet and live split orders are held as errors.
            merchant.addTargetField("payment_account");
            merchant.ruleComesFrom("Copy or rename a source field");
            merchant.ruleSource("tenders[1].kind");
            merchant.mapValues();
            assertThat(merchant.valueMapSummary()).hasText("0 values seen, 0 unmapped.");

            // A CEL field: a typo is named at the field, the fixed expression shows in the preview.
            merchant.addTargetField("line_count");
            merchant.ruleComesFrom("CEL expression");
            merchant.celExpression("size(record.lines");
            assertThat(merchant.ruleProblem()).not().containsText("the expression is empty");
            assertThat(merchant.ruleProblem()).containsText("does not compile");
            assertThat(page.locator("#rule-expression")).hasAttribute("invalid", "");
            page.locator("#rule-expression").scrollIntoViewIfNeeded();
            BrowserSupport.screenshot(page, "story-08-builder-cel-problem");
            // No sample record has a second tender: the expression compiles, and the preview says
            // that it fails on the records.
            merchant.celExpression("size(record.tenders[1].kind)");
            assertThat(merchant.ruleProblem()).isHidden();
            assertThat(merchant.previewStatus()).not().containsText("no errors");
            merchant.celExpression("has(record.lines) ? size(record.lines) : 0");
            assertThat(merchant.previewStatus()).containsText("no errors");
            assertThat(merchant.preview()).containsText("line_count");
            page.locator("#mapping-preview").scrollIntoViewIfNeeded();
            BrowserSupport.screenshot(page, "story-09-builder-cel");
            merchant.saveAndPin();

            portal.goTo("Get started");
            assertThat(merchant.stepTitle()).hasText("6. Review the mapping");
            merchant.confirmMapping();
            merchant.shadowRun();
            assertThat(merchant.shadowRunStatus()).hasText("Shadow run: Succeeded");
            BrowserSupport.screenshot(page, "story-10-wizard-shadow-run");
            merchant.openShadowDiff();
            assertThat(page.locator("#shadow-summary")).containsText("would have created");
            BrowserSupport.screenshot(page, "story-11-shadow-diff");
            merchant.goLiveFromRun();

            merchant.runNow("Orders to warehouse");
            assertThat(page.locator("#run-summary")).containsText("Run now");
            String summary = merchant.awaitRunEnd();
            org.assertj.core.api.Assertions.assertThat(summary).startsWith("Succeeded");
            Matcher counts = Pattern.compile("(\\d+) read · (\\d+) written · (\\d+) unchanged · (\\d+) failed")
                    .matcher(merchant.runCounts().textContent());
            org.assertj.core.api.Assertions.assertThat(counts.find()).as(merchant.runCounts().textContent()).isTrue();
            int read = Integer.parseInt(counts.group(1));
            int failed = Integer.parseInt(counts.group(4));
            org.assertj.core.api.Assertions.assertThat(failed).as("records held by the value map").isPositive();
            org.assertj.core.api.Assertions.assertThat(Integer.parseInt(counts.group(2))).isEqualTo(read - failed);
            BrowserSupport.screenshot(page, "story-12-live-run");

            portal.goTo("Errors");
            assertThat(merchant.errorGroups()).containsText("Orders to warehouse");
            BrowserSupport.screenshot(page, "story-13-error-inbox");
            merchant.openFirstError();
            BrowserSupport.screenshot(page, "story-14-error");
            merchant.fixTheMapping();
            assertThat(merchant.builderBanner()).containsText("in field payment_account");
            page.locator("#value-map").scrollIntoViewIfNeeded();
            BrowserSupport.screenshot(page, "story-15-builder-fixing");
            List<String> kinds = merchant.unmappedValues();
            org.assertj.core.api.Assertions.assertThat(kinds).as("the held records' payment kinds").isNotEmpty();
            for (String kind : kinds) {
                merchant.mapValue(kind, "1200 " + kind);
            }
            assertThat(merchant.valueMapSummary()).containsText(", 0 unmapped.");
            merchant.saveAndPin();
            merchant.retryFixedErrors();
            BrowserSupport.screenshot(page, "story-16-retried");
            merchant.awaitNoOpenErrors();
            BrowserSupport.screenshot(page, "story-17-inbox-empty");
            // The inbox empties when the retry run is queued (its errors are "retried"); the run writes after.
            List<String> accounts = Await.until(Duration.ofSeconds(90), "the retried records in the warehouse",
                    () -> accountsWritten(warehouse), written -> written.size() >= read);
            org.assertj.core.api.Assertions.assertThat(accounts).as("every order is written, its account mapped")
                    .hasSize(read).allSatisfy(a -> org.assertj.core.api.Assertions.assertThat(a)
                            .satisfiesAnyOf(v -> org.assertj.core.api.Assertions.assertThat(v).isNull(),
                                    v -> org.assertj.core.api.Assertions.assertThat(kinds).contains(v.substring(5))));

            // The same pages at tablet width: none is wider than the screen.
            portal.goTo("Integrations");
            portal.cell("integrations", "Orders to warehouse").click();
            page.waitForURL(Pattern.compile(".*/integrations/[0-9a-f-]{36}$"));
            String integrationPage = page.url().substring(page.url().indexOf("integrations/"));
            page.setViewportSize(768, 1024);
            for (Map.Entry<String, String> shown : List.of(Map.entry("get-started", "get-started"),
                    Map.entry("integrations", "integrations"), Map.entry("integration", integrationPage),
                    Map.entry("mapping", integrationPage + "/mapping"), Map.entry("runs", "runs"),
                    Map.entry("errors", "errors"), Map.entry("connections", "connections"), Map.entry("home", "home"))) {
                portal.open(shown.getValue());
                page.locator("vaadin-app-layout h2").first().waitFor();
                org.assertj.core.api.Assertions.assertThat(merchant.contentOverflow())
                        .as("pixels " + shown.getValue() + " is wider than a tablet").isLessThanOrEqualTo(0);
                BrowserSupport.screenshot(page, "story-tablet-" + shown.getKey());
            }
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(page, "failed-story");
            throw e;
        } finally {
            page.context().close();
        }
    }

    @Test
    void support_impersonates_read_only_then_writes_after_confirming_and_every_step_is_audited() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SignupService signups = platform.platform().context().getBean(SignupService.class);
        SignupResult bakery = signups.signUp(new Signup("Corner Bakery " + run, "baker-" + run + "@bakery.example",
                PASSWORD, "Pat Baker", null));
        String staffEmail = "alex-" + run + "@support.example";
        SignupResult staff = signups.signUp(new Signup("Tillbridge Support " + run, staffEmail, PASSWORD, "Alex", null));
        makeSupportStaff(staff.userId());

        Page page = browser.newPage();
        try {
            PortalPages portal = new PortalPages(page, portalUri());
            portal.open("login?continue=support");
            portal.signIn(staffEmail, PASSWORD);
            portal.searchTenant("Corner Bakery " + run);
            portal.cell("support-tenants", "Corner Bakery " + run).click();
            assertThat(page.locator("#support-tenant-summary")).containsText(bakery.slug());

            page.locator("#support-impersonate").click();
            portal.giveReason("Ticket 4821: locations missing");
            assertThat(portal.banner()).hasText("Support access to Corner Bakery " + run + " as " + staffEmail
                    + " — read-only");
            BrowserSupport.screenshot(page, "support-1-read-only-banner");

            portal.goTo("Locations");
            page.locator("#location-add").click();
            portal.field("#location-name").fill("Harbour Street");
            page.locator("#location-save").click();
            assertThat(portal.notification("Read-only impersonation: confirm write access first")).isVisible();
            BrowserSupport.screenshot(page, "support-2-write-refused");

            portal.confirmWriteAccess(bakery.slug());
            assertThat(portal.banner()).containsText("— write access confirmed");
            page.locator("#location-save").click();
            assertThat(portal.cell("locations", "Harbour Street")).isVisible();
            BrowserSupport.screenshot(page, "support-3-written-with-confirmed-access");

            page.locator("#end-impersonation").click();
            assertThat(page.locator("#impersonation-banner")).isHidden();
            assertThat(page.locator("#support-tenant-summary")).containsText(bakery.slug());
        } catch (RuntimeException | AssertionError e) {
            BrowserSupport.screenshot(page, "failed-support");
            throw e;
        } finally {
            page.context().close();
        }

        List<AuditEntry> log = platform.platform().context().getBean(AuditTrail.class)
                .inTenant(bakery.tenant(), AuditFilter.none(), 200, null).items();
        AuditEntry created = log.stream().filter(e -> e.action().equals("location.created")).findFirst().orElseThrow();
        assertThat(created.actor().kind()).isEqualTo("support");
        assertThat(created.actor().id()).isEqualTo(staff.userId().toString());
        assertThat(created.actor().onBehalfOf()).startsWith("impersonation:").contains("tenant:" + bakery.tenant());
        assertThat(log).extracting(AuditEntry::action).contains("support.impersonation.started",
                "support.impersonation.write-confirmed", "support.impersonation.ended", "support.tenant.viewed");
    }

    @Test
    void a_merchant_connects_square_through_a_partners_link_and_lands_back_at_the_partner() throws Exception {
        try (PartnerApp partnerApp = PartnerApp.start()) {
            connectThroughALink(partnerApp);
        }
    }

    private void connectThroughALink(PartnerApp partnerApp) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        SignupService signups = platform.platform().context().getBean(SignupService.class);
        String merchantEmail = "kim-" + run + "@harbour.example";
        SignupResult merchant = signups.signUp(new Signup("Harbour Coffee " + run, merchantEmail, PASSWORD, "Kim", null));
        SignupResult partnerOwner = signups.signUp(new Signup("Acme Integrations " + run, "dev-" + run + "@acme.example",
                PASSWORD, "Dev", null));
        String partnerKey = partnerWithKeyAndGrant(partnerApp, partnerOwner, "Acme Integrations " + run, merchant);

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
                    + String.join(", ", squareScopes(partnerApp, accessToken(merchant))) + ".");
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
    private static String partnerWithKeyAndGrant(PartnerApp partnerApp, SignupResult owner, String name,
            SignupResult merchant)
            throws Exception {
        String ownerToken = accessToken(owner);
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
                + "/partner-grants", accessToken(merchant), JSON.writeValueAsString(Map.of("partnerId", partnerId)));
        assertThat(grant.statusCode()).as(grant.body()).isEqualTo(201);
        return JSON.readTree(key.body()).get("key").asText();
    }

    private static List<String> squareScopes(PartnerApp partnerApp, String token) throws Exception {
        HttpResponse<String> connector = partnerApp.call(api(), "GET", "/api/v1/connectors/square", token, null);
        JsonNode scopes = JSON.readTree(connector.body()).path("oauth").path("scopes");
        assertThat(scopes.isArray()).as(connector.body()).isTrue();
        return java.util.stream.StreamSupport.stream(scopes.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String accessToken(SignupResult user) {
        AccessTokens tokens = platform.platform().context().getBean(AccessTokens.class);
        return tokens.forUser(user.userId(), "user@example.test", Optional.empty()).token();
    }

    private static URI api() {
        return platform.platform().apiUri().orElseThrow();
    }

    private static String portalUri() {
        return platform.portalUri().orElseThrow().toString();
    }

    /** The link of the first mail to {@code to} that carries one for {@code route}. */
    private static String mailedLink(String to, String route) {
        return Await.until(Duration.ofSeconds(15), "a " + route + " mail to " + to, () -> linkIn(to, route),
                Optional::isPresent).orElseThrow();
    }

    private static Optional<String> linkIn(String to, String route) throws Exception {
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equalsIgnoreCase(to)) {
                Matcher link = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="));
                while (link.find()) {
                    if (link.group(2).equals(route)) {
                        return Optional.of(link.group(1));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The warehouse's payment accounts, or none while the column the fixed mapping adds is not there yet. */
    private static List<String> accountsWritten(WarehouseSandbox warehouse) throws SQLException {
        try {
            return warehouse.values(OnboardingService.WAREHOUSE_OBJECT, "payment_account");
        } catch (SQLException e) {
            if ("42703".equals(e.getSQLState())) {
                return List.of();
            }
            throw e;
        }
    }

    private static void makeSupportStaff(UUID user) throws Exception {
        JdbcTarget owner = TestDatabase.shared().owner();
        try (Connection c = DriverManager.getConnection(owner.url(), owner.user(), owner.password());
                PreparedStatement ps = c.prepareStatement("UPDATE users SET platform_role = 'support' WHERE id = ?")) {
            ps.setObject(1, user);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static String sessionId(Page page) {
        return page.context().cookies().stream().filter(c -> c.name.equals("JSESSIONID")).map(c -> c.value)
                .findFirst().orElse("");
    }
}
