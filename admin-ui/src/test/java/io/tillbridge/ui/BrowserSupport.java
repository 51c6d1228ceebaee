package io.tillbridge.ui;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One headless Chromium for a test class: open it in {@code @BeforeAll}, close it in
 * {@code @AfterAll}, and take a fresh {@link Page} (own browser context, own cookies) per test.
 *
 * <p>A system Chromium is preferred: the one named by the environment variable {@code CHROMIUM_PATH},
 * else {@code /usr/bin/chromium}; Playwright downloads no browser of its own. Without one the browser
 * tests fail at once with a message that names the fix.
 */
public final class BrowserSupport implements AutoCloseable {

    private static final Path SYSTEM_CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> CHROMIUM_ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final Browser browser;

    private BrowserSupport(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static BrowserSupport launch() {
        Path chromium = systemChromium().orElseThrow(() -> new IllegalStateException("The browser tests need"
                + " Chromium: install it (Debian: apt-get install chromium, which gives /usr/bin/chromium) or set"
                + " CHROMIUM_PATH to a Chromium executable."));
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            BrowserType.LaunchOptions options = new BrowserType.LaunchOptions()
                    .setHeadless(true)
                    .setArgs(CHROMIUM_ARGS)
                    .setExecutablePath(chromium);
            return new BrowserSupport(playwright, playwright.chromium().launch(options));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    private static Optional<Path> systemChromium() {
        String configured = System.getenv("CHROMIUM_PATH");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Optional.of(Path.of(configured)) : Optional.empty();
        }
        return Files.isExecutable(SYSTEM_CHROMIUM) ? Optional.of(SYSTEM_CHROMIUM) : Optional.empty();
    }

    /** A page in a new browser context; close it with {@code page.context().close()} after the test. */
    public Page newPage() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800)).newPage();
    }

    /** Saves a full-page screenshot as {@code target/screenshots/<name>.png} and returns its path. */
    public static Path screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
