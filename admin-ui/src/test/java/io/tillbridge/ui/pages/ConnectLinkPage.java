package io.tillbridge.ui.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** The page a partner's connect link opens: the partner's request, Approve and Decline, or why the link cannot be used. */
public final class ConnectLinkPage {

    private final Page page;

    public ConnectLinkPage(Page page) {
        this.page = page;
    }

    /** "<Partner> asks to connect your <Connector> to Tillbridge for <tenant>, with access: ...". */
    public Locator request() {
        return page.locator("#connect-link-request");
    }

    /** Why the link cannot be used, or what went wrong. */
    public Locator outcome() {
        return page.locator("#connect-link-outcome");
    }

    /** Approves: the browser leaves for the vendor's consent page. */
    public void approve() {
        page.locator("#connect-link-approve").click();
    }

    /** Declines: the browser goes back to the partner. */
    public void decline() {
        page.locator("#connect-link-decline").click();
    }
}
