package io.tillbridge.ui.home;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.alerts.AlertService;
import io.tillbridge.health.HealthService;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.locations.LocationService;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.settings.TenantSettings;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.List;
import java.util.Optional;

/**
 * Where a signed-in merchant lands: the tenant's status, the health of its integrations (worst
 * first, each a link to its page), and a getting-started checklist, each step
 * marked done or to do from what the tenant has (in words and an icon, never colour alone), with a
 * link to where the step is done.
 */
@Route(value = "home", layout = MainLayout.class)
@PageTitle("Home · Tillbridge")
public class HomeView extends VerticalLayout implements BeforeEnterObserver {

    /** One step of the checklist. */
    record Step(String id, String title, String how, boolean done, String link, String linkText) {
    }

    private final TenantAccess access;
    private final TenantSettingsService settings;
    private final LocationService locations;
    private final ConnectionService connections;
    private final IntegrationService integrations;
    private final HealthService health;
    private final AlertService alerts;
    final Anchor openAlerts = new Anchor("alerts", "");
    final HealthList healthList = new HealthList();
    final Paragraph status = new Paragraph();
    final Span progress = new Span();
    final UnorderedList checklist = new UnorderedList();
    private final Paragraph refusal = new Paragraph();
    List<Step> steps = List.of();

    HomeView(TenantAccess access, TenantSettingsService settings, LocationService locations,
            ConnectionService connections, IntegrationService integrations, HealthService health, AlertService alerts) {
        this.access = access;
        this.settings = settings;
        this.locations = locations;
        this.connections = connections;
        this.integrations = integrations;
        this.health = health;
        this.alerts = alerts;
        openAlerts.setId("home-open-alerts");
        setPadding(false);
        status.setId("home-status");
        progress.setId("home-progress");
        checklist.setId("getting-started");
        checklist.getStyle().set("list-style", "none").set("padding", "0").set("margin", "0");
        refusal.setVisible(false);
        Anchor wizard = new Anchor("get-started", "Open the setup wizard: every step in order, from where you left off");
        wizard.setId("home-get-started");
        add(new H2("Home"), status, refusal, openAlerts, new H3("Health of your integrations"), healthList, new H3("Get started"),
                progress, wizard, checklist);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        try {
            TenantScope scope = PortalSession.require().admit(access);
            TenantSettings tenant = settings.get(scope);
            status.setText(tenant.businessName() + " · " + tenant.plan() + " plan · " + tenant.status()
                    + " · amounts in " + tenant.currency());
            show(List.of(
                    new Step("profile", "Business profile and KPI targets",
                            "Name, currency, and what a record costs by hand today, so that the dashboard can show"
                                    + " time and money saved.", tenant.kpiTargets().anySet(), "settings", "Open settings"),
                    new Step("locations", "Locations",
                            "Each shop with its time zone and the hour its business day closes.",
                            !locations.list(scope, Optional.empty(), 1).items().isEmpty(), "locations", "Open locations"),
                    new Step("connect", "Connect your POS",
                            "Square, Shopify or Clover, or the sandbox of each to try without credentials.",
                            !connections.list(scope, Optional.empty(), 1).items().isEmpty(), "connect", "Add a connection"),
                    new Step("integrate", "Build an integration",
                            "Pick a source stream and a target, map the fields, run it in shadow mode, then go live.",
                            !integrations.list(scope, Optional.empty(), 1).items().isEmpty(), "get-started",
                            "Continue in the setup wizard")));
            healthList.show(health.overview(scope));
            long open = alerts.openCount(scope);
            openAlerts.setText(open == 0 ? "No open alerts" : open == 1 ? "1 open alert: see Alerts" : open + " open alerts: see Alerts");
        } catch (ProblemException e) {
            refusal.setText(Notices.message(e));
            refusal.setVisible(true);
        }
    }

    private void show(List<Step> shown) {
        steps = shown;
        checklist.removeAll();
        long done = shown.stream().filter(Step::done).count();
        progress.setText(done == shown.size() ? "All steps done." : done + " of " + shown.size() + " steps done.");
        for (Step step : shown) {
            Icon icon = (step.done() ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.CIRCLE_THIN).create();
            icon.getElement().setAttribute("aria-hidden", "true");
            icon.setColor(step.done() ? "var(--lumo-success-color)" : "var(--lumo-secondary-text-color)");
            Span state = new Span(step.done() ? "Done" : "To do");
            state.getElement().getThemeList().add(step.done() ? "badge success" : "badge contrast");
            Span title = new Span(step.title());
            title.getStyle().set("font-weight", "600");
            Component where = step.link() == null ? new Span(step.linkText()) : new Anchor(step.link(), step.linkText());
            Div text = new Div(title, new Paragraph(step.how()), where);
            Div row = new Div(icon, state, text);
            row.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)").set("align-items", "flex-start")
                    .set("padding", "var(--lumo-space-s) 0");
            ListItem item = new ListItem(row);
            item.setId("step-" + step.id());
            checklist.add(item);
        }
    }
}
