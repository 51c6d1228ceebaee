package io.tillbridge.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.ui.pages.PortalPages;
import io.tillbridge.users.OpaqueToken;
import io.tillbridge.users.PasswordResetService;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Portal sessions in headless Chromium on a real Jetty: a password reset and "sign out
 * everywhere" end other portal sessions at their next request, an idle session ends after the idle
 * timeout, and the session cookie and framing headers are checked on real responses.
 */
class PortalSessionsIT {

    private static ApplicationContext context;
    private static PortalServer portal;
    private static PortalServer shortIdlePortal;
    private static PortalServer shortLivedPortal;
    private static BrowserSupport browser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        // Every loopback address is a trusted proxy here, so that X-Forwarded-Proto can be tried.
        context = TestContexts.run(Map.of("tillbridge.http.trusted-proxies", "127.0.0.0/8"));
        portal = PortalServer.start(context, "127.0.0.1", 0);
        shortIdlePortal = PortalServer.start(context, "127.0.0.1", 0,
                new PortalSessionSettings(Duration.ofSeconds(8), Duration.ofHours(12)));
        shortLivedPortal = PortalServer.start(context, "127.0.0.1", 0,
                new PortalSessionSettings(Duration.ofHours(1), Duration.ofSeconds(20)));
        browser = BrowserSupport.launch();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (shortLivedPortal != null) {
            shortLivedPortal.close();
        }
        if (shortIdlePortal != null) {
            shortIdlePortal.close();
        }
        if (portal != null) {
            portal.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void an_old_portal_session_is_signed_out_at_its_next_request_after_a_password_reset() throws Exception {
        String email = PortalFixture.signUp(context, "Reset Bakery");
        Page page = browser.newPage();
        try {
            PortalPages pages = signedIn(page, portal, email);

            resetPassword(email, "a-brand-new-password-" + UUID.randomUUID());
            pages.goTo("Settings");

            page.waitForURL(Pattern.compile(".*/login.*"));
            assertThat(page.locator("vaadin-login-form")).isVisible();
        } finally {
            page.context().close();
        }
    }

    @Test
    void signing_out_everywhere_in_one_browser_ends_the_session_in_another() {
        String email = PortalFixture.signUp(context, "Everywhere Bakery");
        Page first = browser.newPage();
        Page second = browser.newPage();
        try {
            signedIn(first, portal, email);
            PortalPages other = signedIn(second, portal, email);

            first.locator("#sign-out-everywhere").click();
            first.waitForURL(Pattern.compile(".*/login.*"));
            other.goTo("Settings");

            second.waitForURL(Pattern.compile(".*/login.*"));
            assertThat(second.locator("vaadin-login-form")).isVisible();
        } finally {
            first.context().close();
            second.context().close();
        }
    }

    @Test
    void a_session_idle_for_longer_than_the_idle_timeout_is_signed_out() {
        String email = PortalFixture.signUp(context, "Idle Bakery");
        Page page = browser.newPage();
        try {
            PortalPages pages = signedIn(page, shortIdlePortal, email);
            pages.goTo("Settings");
            assertThat(page).hasURL(Pattern.compile(".*/settings"));

            page.waitForTimeout(10_000);
            pages.goTo("Team");

            page.waitForURL(Pattern.compile(".*/login.*"));
            assertThat(page.locator("vaadin-login-form")).isVisible();
        } finally {
            page.context().close();
        }
    }

    @Test
    void a_session_older_than_the_absolute_timeout_is_signed_out_though_it_was_never_idle() {
        String email = PortalFixture.signUp(context, "Long Day Bakery");
        Page page = browser.newPage();
        try {
            PortalPages pages = signedIn(page, shortLivedPortal, email);
            // The stamp was set before this moment, so the session is at least this old.
            long start = System.nanoTime();
            while (Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(12)) < 0) {
                pages.goTo("Settings");
                assertThat(page).hasURL(Pattern.compile(".*/settings"));
                pages.goTo("Team");
                assertThat(page).hasURL(Pattern.compile(".*/team"));
                page.waitForTimeout(1_000);
            }
            long left = Duration.ofSeconds(21).minus(Duration.ofNanos(System.nanoTime() - start)).toMillis();
            page.waitForTimeout(Math.max(0, left));

            pages.goTo("Settings");

            page.waitForURL(Pattern.compile(".*/login.*"));
            assertThat(page.locator("vaadin-login-form")).isVisible();
        } finally {
            page.context().close();
        }
    }

    @Test
    void at_800_pixels_the_team_actions_and_the_audit_filters_fit_in_the_window() {
        String email = PortalFixture.signUp(context, "Narrow Bakery");
        Page page = browser.newPage();
        try {
            page.setViewportSize(800, 900);
            PortalPages pages = signedIn(page, portal, email);

            pages.open("team");
            assertThat(page.locator("#invite-submit")).isVisible();
            assertInsideWindow(page, "#invite-submit");
            assertInsideWindow(page, "#members vaadin-select");
            BrowserSupport.screenshot(page, "team-800px");

            pages.open("audit");
            assertThat(page.locator("#audit-filter")).isVisible();
            assertInsideWindow(page, "#audit-filter");
            assertInsideWindow(page, "#audit-action");
            BrowserSupport.screenshot(page, "audit-800px");
        } finally {
            page.context().close();
        }
    }

    private static void assertInsideWindow(Page page, String selector) {
        var box = page.locator(selector).first().boundingBox();
        org.assertj.core.api.Assertions.assertThat(box).as(selector + " is laid out").isNotNull();
        org.assertj.core.api.Assertions.assertThat(box.x + box.width).as(selector + "'s right edge").isLessThanOrEqualTo(800);
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_lax_in_the_browser() {
        String email = PortalFixture.signUp(context, "Cookie Bakery");
        Page page = browser.newPage();
        try {
            signedIn(page, portal, email);

            List<Cookie> cookies = page.context().cookies();
            Cookie session = cookies.stream().filter(c -> c.name.equals("JSESSIONID")).findFirst().orElseThrow();
            assertThat(session.httpOnly).as("HttpOnly").isTrue();
            assertThat(session.sameSite).isEqualTo(SameSiteAttribute.LAX);
            assertThat(session.secure).as("not Secure over plain http").isFalse();
        } finally {
            page.context().close();
        }
    }

    @Test
    void portal_pages_refuse_framing_and_sniffing_and_set_the_session_cookie_http_only() throws Exception {
        HttpResponse<String> response = get("login", Map.of());

        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        String cookie = sessionCookie(response);
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(cookie).doesNotContainIgnoringCase("Secure");
    }

    @Test
    void behind_a_trusted_proxy_that_says_https_the_session_cookie_is_secure() throws Exception {
        HttpResponse<String> response = get("login", Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.4"));

        assertThat(sessionCookie(response)).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly");
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(portal.uri().resolve(path)).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie in " + response.headers().map()));
    }

    private static PortalPages signedIn(Page page, PortalServer server, String email) {
        PortalPages pages = new PortalPages(page, server.uri().toString());
        pages.open("login");
        pages.signIn(email, PortalFixture.PASSWORD);
        // A new tenant's owner lands on the setup wizard.
        assertThat(page.locator("#onboarding-steps")).isVisible();
        return pages;
    }

    /** A password reset as the mailed link would do it: a reset token, confirmed with a new password. */
    private static void resetPassword(String email, String newPassword) throws Exception {
        OpaqueToken token = OpaqueToken.generate();
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO email_tokens (id, user_id, purpose, token_hash,"
                        + " expires_at, created_at) SELECT ?, id, 'reset-password', ?, ?, now() FROM users WHERE email = ?")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setBytes(2, token.hash());
            ps.setTimestamp(3, Timestamp.from(Instant.now().plusSeconds(600)));
            ps.setString(4, email);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        context.getBean(PasswordResetService.class).confirm(token.value(), newPassword);
    }
}
