package io.tillbridge.ui.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Page objects of a merchant's integration journey: the setup wizard, the integration builder, a
 * run's page, the integration's page and the error inbox. Each method is one step as the merchant
 * takes it, in the words of the page; selectors live here.
 */
public final class MerchantPages {

    private final Page page;
    private final PortalPages portal;

    public MerchantPages(PortalPages portal) {
        this.portal = portal;
        this.page = portal.page();
    }

    // --- the setup wizard ---------------------------------------------------------------------------

    public Locator stepTitle() {
        return page.locator("#onboarding-step-title");
    }

    /** Step 1: the business name (the currency stays as chosen at sign-up). */
    public void nameTheBusiness(String name) {
        type("#settings-business", name);
        page.locator("#settings-save").click();
        assertThat(stepTitle()).hasText("2. Locations");
    }

    /** Step 2: one location, then on to the targets. */
    public void addLocation(String name, String timeZone, int closeOutHour) {
        type("#location-name", name);
        choose("#location-time-zone", timeZone);
        type("#location-close-out", String.valueOf(closeOutHour));
        page.locator("#location-save").click();
        assertThat(page.locator("#onboarding-locations")).containsText(name + " · " + timeZone);
        page.locator("#onboarding-locations-continue").click();
        assertThat(stepTitle()).hasText("3. Targets");
    }

    /** Step 3: the KPI targets the portal measures the integration against. */
    public void setTargets(String manualMinutes, String hourlyCost, String errorPercent, String completionMinutes) {
        type("#settings-manual-minutes", manualMinutes);
        type("#settings-hourly-cost", hourlyCost);
        type("#settings-error-rate", errorPercent);
        type("#settings-completion", completionMinutes);
        page.locator("#settings-save").click();
        assertThat(stepTitle()).hasText("4. Connect your POS");
    }

    /** Step 4: the shipped sandbox of {@code connector} as the POS. */
    public void trySandbox(String connector) {
        page.locator("#onboarding-sandbox-" + connector).click();
        assertThat(stepTitle()).hasText("5. Destination");
    }

    /** Step 5: a new warehouse connection from its config fields, and an integration started empty. */
    public void startEmptyIntoWarehouse(Map<String, String> config) {
        config.forEach((name, value) -> type("#config-" + name, value));
        page.locator("#onboarding-start-empty").click();
        assertThat(stepTitle()).hasText("6. Review the mapping");
    }

    /** Step 6: opens the builder from the mapping step. */
    public void openBuilderFromWizard() {
        page.locator("#onboarding-mapping-builder").click();
        assertThat(page.locator("#mapping-rules")).isVisible();
    }

    public void confirmMapping() {
        page.locator("#onboarding-mapping-confirm").click();
        assertThat(stepTitle()).hasText("7. Shadow run");
    }

    /** Step 7: starts a shadow run and waits, checking again as the merchant would, until it ended. */
    public void shadowRun() {
        page.locator("#onboarding-run-start").click();
        until(Duration.ofSeconds(90), "the shadow run to end", () -> {
            if (page.locator("#onboarding-run-continue").isVisible()) {
                return true;
            }
            try {
                // The page's own polling may hide the button between the look and the click.
                page.locator("#onboarding-run-check").click(new Locator.ClickOptions().setTimeout(2_000));
            } catch (com.microsoft.playwright.TimeoutError e) {
                // looked again below
            }
            return page.locator("#onboarding-run-continue").isVisible();
        });
    }

    public Locator shadowRunStatus() {
        return page.locator("#onboarding-run-status");
    }

    public Locator shadowRunCounts() {
        return page.locator("#onboarding-run-counts");
    }

    /** From the shadow run step to the run's page with what it would have written. */
    public void openShadowDiff() {
        page.locator("#onboarding-run-diff").click();
        assertThat(page.locator("#shadow-summary")).isVisible();
    }

    // --- the integration builder --------------------------------------------------------------------

    public Locator previewStatus() {
        return page.locator("#mapping-preview-status");
    }

    public Locator preview() {
        return page.locator("#mapping-preview");
    }

    /** A target field the mapping does not have yet; it is selected for editing. */
    public void addTargetField(String name) {
        type("#mapping-new-target", name);
        page.locator("#mapping-add-target").click();
        assertThat(portal.cell("mapping-rules", name)).isVisible();
    }

    /** Accepts the suggested pair of {@code source} to {@code target}. */
    public void acceptSuggestion(String source, String target) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept " + source + " to " + target)).click();
    }

    public Locator suggestions() {
        return page.locator("#mapping-suggestions");
    }

    /** Opens the rule of {@code target} in the rule editor (a click on the open one would close it). */
    public void editRule(String target) {
        Locator title = page.locator("#rule-form h3");
        if (!(title.isVisible() && title.textContent().contains(target))) {
            rulesCell(target).click();
        }
        assertThat(title).containsText(target);
    }

    public Locator rulesCell(String target) {
        return page.locator("#mapping-rules vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText(Pattern.compile("^" + PortalPages.literal(target) + "( \\(.*\\))?$")));
    }

    public void ruleComesFrom(String kindLabel) {
        page.locator("#rule-kind").click();
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText(kindLabel)).click();
    }

    /** The source field (or path) the rule copies, typed into its box. */
    public void ruleSource(String path) {
        Locator input = page.locator("#rule-source input");
        input.fill(path);
        input.press("Enter");
        assertThat(page.locator("#mapping-rules vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText("from " + path)).first()).isVisible();
    }

    public void celExpression(String expression) {
        page.locator("#rule-expression textarea").fill(expression);
    }

    public Locator ruleProblem() {
        return page.locator("#rule-problem");
    }

    /** Ticks "Map values with a value map" for the rule being edited. */
    public void mapValues() {
        page.locator("#rule-form vaadin-checkbox").filter(new Locator.FilterOptions().setHasText("Map values")).click();
        assertThat(page.locator("#value-map")).isVisible();
    }

    public Locator valueMapSummary() {
        return page.locator("#value-map-summary");
    }

    /** The target value for {@code value} in the value map shown. */
    public void mapValue(String value, String target) {
        page.getByLabel("Target value for " + value, new Page.GetByLabelOptions().setExact(true)).fill(target);
    }

    /** The values of the value map shown that have no target value yet. */
    public java.util.List<String> unmappedValues() {
        Locator fields = page.locator("#value-map-entries vaadin-text-field");
        fields.first().waitFor();
        java.util.List<String> values = new java.util.ArrayList<>();
        for (Locator field : fields.all()) {
            if (field.locator("input").inputValue().isBlank()) {
                String label = field.locator("input").getAttribute("aria-label");
                values.add((label == null ? field.getAttribute("accessible-name") : label)
                        .substring("Target value for ".length()));
            }
        }
        return values;
    }

    /** Reloads the inbox until it says there is no open error. */
    public void awaitNoOpenErrors() {
        Locator none = errorGroups().getByText("No open errors.");
        until(Duration.ofSeconds(90), "the inbox to have no open error", () -> {
            page.reload();
            try {
                none.waitFor(new Locator.WaitForOptions().setTimeout(3_000));
                return true;
            } catch (com.microsoft.playwright.TimeoutError e) {
                return false;
            }
        });
    }

    public Locator valueMapTarget(String value) {
        return page.getByLabel("Target value for " + value, new Page.GetByLabelOptions().setExact(true));
    }

    public void saveAndPin() {
        page.locator("#mapping-save-pin").click();
        page.locator("#mapping-save-status").filter(new Locator.FilterOptions().setHasText(Pattern.compile("."))).waitFor();
        if (!page.locator("#mapping-save-status").textContent().contains("and pinned")) {
            throw new AssertionError(page.locator("#mapping-save-status").textContent() + " Problems: "
                    + page.locator("#mapping-rules").innerText());
        }
    }

    public Locator builderBanner() {
        return page.locator("#mapping-banner");
    }

    /** After a fix was saved and pinned: retries the errors it fixes, and lands in the inbox. */
    public void retryFixedErrors() {
        page.locator("#mapping-retry-errors").click();
        page.waitForURL(Pattern.compile(".*/errors.*"));
    }

    // --- runs, integrations, errors -----------------------------------------------------------------

    /** On a shadow run's page: switches its integration to live. */
    public void goLiveFromRun() {
        page.locator("#go-live").click();
        assertThat(portal.notification("is live")).isVisible();
    }

    /** Opens the integration {@code name} from the integrations list and starts a run; opens the run. */
    public void runNow(String name) {
        portal.goTo("Integrations");
        portal.cell("integrations", name).click();
        page.locator("#integration-run").click();
        page.locator("#integration-queued-run").click();
        assertThat(page.locator("#run-summary")).isVisible();
    }

    /** Reloads a run's page until the run ended; answers its summary. */
    public String awaitRunEnd() {
        until(Duration.ofSeconds(90), "the run to end", () -> {
            String summary = page.locator("#run-summary").textContent();
            if (summary.startsWith("Waiting to start") || summary.startsWith("Running")) {
                page.reload();
                page.locator("#run-summary").waitFor();
                return false;
            }
            return true;
        });
        return page.locator("#run-summary").textContent();
    }

    public Locator runCounts() {
        return page.locator("#run-counts");
    }

    public Locator errorGroups() {
        return page.locator("#error-groups");
    }

    /** Opens the first error listed in the inbox. */
    public void openFirstError() {
        page.locator("#errors a").filter(new Locator.FilterOptions().setHasText("Details")).first().click();
        assertThat(page.locator("#error-what")).isVisible();
    }

    public Locator errorWhat() {
        return page.locator("#error-what");
    }

    public void fixTheMapping() {
        page.locator("#error-fix-mapping").click();
        assertThat(builderBanner()).isVisible();
    }

    /**
     * How many pixels the page's content, or its top bar, is wider than the space it has (0 or
     * less: it fits); a grid or table that scrolls inside itself does not count.
     */
    public int contentOverflow() {
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        Object overflow = page.evaluate("() => { const c = document.querySelector('vaadin-app-layout')"
                + ".shadowRoot.querySelector('[content]');"
                + " const last = document.querySelector('#sign-out-everywhere').getBoundingClientRect();"
                + " return Math.max(c.scrollWidth - c.clientWidth, Math.ceil(last.right) - window.innerWidth); }");
        return ((Number) overflow).intValue();
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** Types into a Vaadin field and leaves it, so that a field that syncs on change syncs. */
    private void type(String fieldId, String value) {
        Locator input = page.locator(fieldId + " input");
        input.fill(value);
        input.press("Tab");
    }

    /** Picks {@code value} in a Vaadin combo box by typing it. */
    private void choose(String comboId, String value) {
        Locator input = page.locator(comboId + " input");
        input.fill(value);
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText(value)).first().click();
    }

    private static void until(Duration limit, String what, BooleanSupplier done) {
        Instant end = Instant.now().plus(limit);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("waited " + limit + " for " + what);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
