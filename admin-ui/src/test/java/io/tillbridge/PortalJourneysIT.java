package io.tillbridge;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.tillbridge.audit.AuditEntry;
import io.tillbridge.audit.AuditFilter;
import io.tillbridge.audit.AuditTrail;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.PlatformSettings;
import io.tillbridge.testing.Await;
import io.tillbridge.testing.LocalMailServer;
import io.tillbridge.ui.BrowserSupport;
import io.tillbridge.ui.pages.PortalPages;
import io.tillbridge.users.Signup;
import io.tillbridge.users.SignupResult;
import io.tillbridge.users.SignupService;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
 * portal) with a real SMTP server (GreenMail) receiving the verification and invitation mail.
 */
class PortalJourneysIT {

    private static final String PASSWORD = "grind-the-beans-at-dawn";
    private static final Pattern LINK = Pattern.compile("(http\\S+/(verify-email|accept-invitation|reset-password)\\?token=\\S+)");

    private static GreenMail smtp;
    private static Tillbridge platform;
    private static BrowserSupport browser;

    @BeforeAll
    static void start_the_platform_with_an_smtp_server() {
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        smtp = LocalMailServer.start();
        LocalMailServer.settings(smtp).forEach(System::setProperty);
        JdbcTarget owner = TestDatabase.shared().owner();
        platform = Tillbridge.start(PlatformSettings.fromMap(Map.of(
                "tillbridge.database.url", owner.url(),
                "tillbridge.database.user", owner.user(),
                "tillbridge.database.password", owner.password(),
                "tillbridge.database.app-password", TestDatabase.shared().app().password(),
                "tillbridge.jwt-secret", "portal-journeys-signing-secret-0123456789abcdef",
                "tillbridge.management.port", "0",
                "tillbridge.host", "127.0.0.1",
                "tillbridge.api.port", "0",
                "tillbridge.portal.port", "0")));
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
