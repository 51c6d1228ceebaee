package io.tillbridge.ui.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;

/**
 * Page objects of the portal for browser tests: each method is one user step on one page, in the
 * words of the page, so that tests read as journeys and selectors live in one place.
 */
public final class PortalPages {

    private final Page page;
    private final String portal;

    public PortalPages(Page page, String portalUri) {
        this.page = page;
        this.portal = portalUri.endsWith("/") ? portalUri : portalUri + "/";
    }

    public Page page() {
        return page;
    }

    public void open(String pathOrUrl) {
        page.navigate(pathOrUrl.startsWith("http") ? pathOrUrl : portal + pathOrUrl);
    }

    /** Fills the sign-up form (already open) and submits it; waits for "check your mail". */
    public void signUp(String business, String name, String email, String password) {
        field("#signup-business").fill(business);
        field("#signup-name").fill(name);
        field("#signup-email").fill(email);
        field("#signup-password").fill(password);
        page.locator("#signup-submit").click();
        assertThat(page.locator("#check-mail-text")).containsText(email);
    }

    /** Fills the sign-in form (already open) and submits it. */
    public void signIn(String email, String password) {
        Locator inputs = page.locator("vaadin-login-form input:not([type=hidden])");
        inputs.nth(0).fill(email);
        inputs.nth(1).fill(password);
        inputs.nth(1).press("Enter");
    }

    public void signOut() {
        page.locator("#sign-out").click();
        page.waitForURL(Pattern.compile(".*/login.*"));
    }

    public Locator cell(String gridId, String text) {
        return page.locator("#" + gridId + " vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText(Pattern.compile("^" + literal(text) + "$")));
    }

    /**
     * {@code text} as a regular expression that matches it literally, in both Java and the
     * browser's JavaScript, where Playwright evaluates it ({@code Pattern.quote}'s {@code \Q...\E}
     * means nothing there).
     */
    public static String literal(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\$0");
    }

    public void invite(String email) {
        field("#invite-email").fill(email);
        page.locator("#invite-submit").click();
        assertThat(cell("invitations", email)).isVisible();
    }

    public void searchTenant(String text) {
        field("#support-query").fill(text);
        page.locator("#support-search").click();
    }

    public void giveReason(String reason) {
        page.locator("#support-reason textarea").fill(reason);
        page.locator("#support-reason-confirm").click();
    }

    public void goTo(String navigationLabel) {
        page.locator("vaadin-side-nav-item").filter(new Locator.FilterOptions().setHasText(navigationLabel)).first().click();
    }

    public Locator banner() {
        return page.locator("#impersonation-text");
    }

    public Locator notification(String text) {
        return page.locator("vaadin-notification-card").filter(new Locator.FilterOptions().setHasText(text));
    }

    public void confirmWriteAccess(String slug) {
        page.locator("#confirm-write").click();
        field("#confirm-write-slug").fill(slug);
        page.locator("#confirm-write-submit").click();
    }

    public Locator field(String selector) {
        return page.locator(selector + " input");
    }
}
