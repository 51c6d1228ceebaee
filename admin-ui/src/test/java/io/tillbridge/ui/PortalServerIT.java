package io.tillbridge.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The portal on a real Jetty, seen by headless Chromium and by a plain HTTP client. */
class PortalServerIT {

    private static final String DOCS_URL = "http://example.invalid/docs";

    private static ApplicationContext context;
    private static PortalServer portal;
    private static BrowserSupport browser;

    private Page page;

    @BeforeAll
    static void startPortalAndBrowser() {
        // The first page load includes the client bundle and a server round trip: allow it some time.
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        context = TestContexts.run(Map.of("tillbridge.api.docs-url", DOCS_URL));
        portal = PortalServer.start(context, "127.0.0.1", 0);
        browser = BrowserSupport.launch();
    }

    @AfterAll
    static void stopPortalAndBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (portal != null) {
            portal.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @BeforeEach
    void openPage() {
        page = browser.newPage();
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    @Test
    void the_landing_page_renders_once_the_client_has_bootstrapped() {
        page.navigate(portal.uri().toString());

        // The heading exists only after the Vaadin client loaded and fetched the view from the server.
        assertThat(page.locator("h1")).hasText("Tillbridge");
        assertThat(page.locator("vaadin-button", new Page.LocatorOptions().setHasText("Sign in"))).isVisible();
        assertThat(page.locator("a", new Page.LocatorOptions().setHasText("API documentation")))
                .hasAttribute("href", DOCS_URL);
        BrowserSupport.screenshot(page, "landing");
    }

    @Test
    void the_login_page_renders_the_login_form() {
        page.navigate(portal.uri().resolve("login").toString());

        assertThat(page.locator("vaadin-login-form")).isVisible();
        assertThat(page.locator("input[name=username]")).isVisible();
        assertThat(page).hasTitle("Sign in · Tillbridge");
        BrowserSupport.screenshot(page, "login");
    }

    @Test
    void a_sign_in_with_an_unknown_account_is_refused_with_a_readable_message() {
        page.navigate(portal.uri().resolve("login").toString());

        page.locator("input[name=username]").fill("owner@example.test");
        page.locator("input[name=password]").fill("secret");
        page.locator("vaadin-button[slot=submit]").click();

        assertThat(page.getByText("The email address or password is not correct.")).isVisible();
        BrowserSupport.screenshot(page, "login-refused");
    }

    @Test
    void a_static_file_inside_a_jar_answers_200() throws IOException, InterruptedException {
        // vaadinPush.js sits in flow-push's jar under META-INF/resources: the file Jetty >= 12.1.9 broke.
        HttpResponse<String> response = get(portal.uri().resolve("VAADIN/static/push/vaadinPush-min.js"));

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("atmosphere"), "expected the Atmosphere client script");
    }

    @Test
    void the_portals_own_static_files_are_served() throws IOException, InterruptedException {
        HttpResponse<String> response = get(portal.uri().resolve("robots.txt"));

        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("Disallow: /"), response.body());
    }

    @Test
    void an_unknown_page_answers_404_with_the_portals_not_found_page() throws IOException, InterruptedException {
        assertEquals(404, get(portal.uri().resolve("no-such-page")).statusCode());
        assertEquals(200, get(portal.uri().resolve("login")).statusCode());
        assertEquals(200, get(portal.uri().resolve("locations/new")).statusCode());

        page.navigate(portal.uri().resolve("no-such-page").toString());
        assertThat(page.locator("h2")).hasText("Page not found");
        assertThat(page.locator("#not-found-back")).isVisible();
        assertThat(page.getByText("Could not navigate")).hasCount(0);
        BrowserSupport.screenshot(page, "not-found");
    }

    @Test
    void a_missing_static_file_answers_404() throws IOException, InterruptedException {
        HttpResponse<String> response = get(portal.uri().resolve("VAADIN/static/push/no-such-file.js"));

        assertEquals(404, response.statusCode());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
