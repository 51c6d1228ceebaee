package io.tillbridge;

import io.tillbridge.ui.TestContexts;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.tillbridge.ui.BrowserSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole platform as the launcher starts it (database, migrations, API, portal) on free ports
 * against the test database, seen by headless Chromium and an HTTP client.
 */
class PlatformEndToEndIT {

    private static Tillbridge platform;
    private static BrowserSupport browser;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start_the_whole_platform() {
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        platform = TestContexts.launch("end-to-end-signing-secret-0123456789abcdef", Map.of("tillbridge.mode", "dev"));
        browser = BrowserSupport.launch();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void the_portal_landing_page_renders_in_chromium_and_links_to_the_api_docs() throws Exception {
        Page page = browser.newPage();
        try {
            page.navigate(platform.portalUri().orElseThrow().toString());
            assertThat(page.locator("h1")).hasText("Tillbridge");
            String docs = platform.platform().apiDocsUri().orElseThrow().toString();
            assertThat(page.locator("a", new Page.LocatorOptions().setHasText("API documentation")))
                    .hasAttribute("href", docs);
            var screenshot = BrowserSupport.screenshot(page, "end-to-end-landing");
            assertThat(Files.size(screenshot)).isGreaterThan(1_000);
        } finally {
            page.context().close();
        }
    }

    @Test
    void the_api_health_answers_up() throws Exception {
        URI health = platform.platform().apiUri().orElseThrow().resolve("/health");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void the_api_docs_link_leads_to_swagger_ui() throws Exception {
        URI docs = platform.platform().apiDocsUri().orElseThrow();
        HttpResponse<String> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(HttpRequest.newBuilder(docs).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("swagger-ui");
    }

    @Test
    void the_welcome_message_prints_the_portal_api_and_docs_urls() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        platform.printWelcome(new PrintStream(out, true, StandardCharsets.UTF_8), 1234);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text)
                .contains("Portal:    " + platform.portalUri().orElseThrow())
                .contains("API:       " + platform.platform().apiUri().orElseThrow() + "/api/v1")
                .contains("API docs:  " + platform.platform().apiDocsUri().orElseThrow())
                .contains("Mail:      the log (no SMTP server configured")
                .contains("Roles:     api, worker, scheduler, ui");
    }

    @Test
    void mail_links_point_at_the_portal_this_process_serves() {
        String expected = platform.portalUri().orElseThrow().toString().replaceAll("/$", "");
        assertThat(platform.platform().context().getProperty("tillbridge.portal.url", String.class)).hasValue(expected);
    }
}
