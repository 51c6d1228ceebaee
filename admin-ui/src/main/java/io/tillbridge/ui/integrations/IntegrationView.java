package io.tillbridge.ui.integrations;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.health.HealthService;
import io.tillbridge.health.IntegrationHealth;
import io.tillbridge.ui.HealthWords;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.journals.JournalPreviews;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.scheduling.ScheduleService;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.webhooks.IssuedWebhookEndpoint;
import io.tillbridge.webhooks.WebhookEndpoint;
import io.tillbridge.webhooks.WebhookService;
import java.util.Optional;
import java.util.UUID;

/**
 * One integration: its settings (saved against the version that was shown, so that a concurrent
 * change is reported instead of overwritten), shadow or live mode, pause and resume, run now,
 * deletion, its schedule, its inbound webhook URL and its mapping versions. An id that is not one
 * of the tenant's integrations shows the portal's not-found page.
 */
@Route(value = "integrations/:integrationId", layout = MainLayout.class)
@PageTitle("Integration · Tillbridge")
class IntegrationView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final IntegrationService integrations;
    private final ScheduleService schedules;
    private final WebhookService webhooks;
    private final MappingVersions mappings;
    private final ConnectionChoices choices;
    final H2 title = new H2();
    final Paragraph summary = new Paragraph();
    final Paragraph refusal = new Paragraph();
    final Paragraph health = new Paragraph();
    final Button save = new Button("Save changes");
    final Button mode = new Button();
    final Button pause = new Button();
    final Button runNow = new Button("Run now");
    final Anchor queuedRun = new Anchor();
    final Button delete = new Button("Delete integration");
    final TextField webhookUrl = new TextField("Webhook URL");
    final Paragraph webhookText = new Paragraph();
    final Button webhookCreate = new Button("Create a webhook URL");
    final Button webhookRemove = new Button("Remove webhook URL");
    IntegrationForm form;
    ScheduleSection schedule;
    MappingVersionsSection versions;
    JournalPreviewSection journalPreview;
    private final JournalPreviews journalPreviews;
    private final java.time.Clock clock;
    private Integration shown;
    private final HealthService healthService;

    IntegrationView(TenantAccess access, IntegrationService integrations, ConnectionService connections,
            ConnectorCatalog catalog, ScheduleService schedules, WebhookService webhooks, MappingVersions mappings,
            HealthService healthService, JournalPreviews journalPreviews, java.time.Clock clock) {
        this.healthService = healthService;
        this.journalPreviews = journalPreviews;
        this.clock = clock;
        this.access = access;
        this.integrations = integrations;
        this.schedules = schedules;
        this.webhooks = webhooks;
        this.mappings = mappings;
        this.choices = new ConnectionChoices(connections, catalog);
        setPadding(false);
        summary.setId("integration-summary");
        health.setId("integration-health");
        refusal.setId("integration-refusal");
        save.setId("integration-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(event -> save());
        mode.setId("integration-mode");
        mode.addClickListener(event -> switchMode());
        pause.setId("integration-pause");
        pause.addClickListener(event -> togglePause());
        runNow.setId("integration-run");
        runNow.addClickListener(event -> runNow());
        queuedRun.setId("integration-queued-run");
        delete.setId("integration-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClickListener(event -> Confirmation.ask("Delete " + shown.name() + "?", "Its schedule, webhook URL,"
                + " mapping versions and run history go with it. This cannot be undone.", "Delete",
                "integration-delete-confirm", true, this::deleteNow));
        webhookUrl.setId("integration-webhook-url");
        webhookUrl.setReadOnly(true);
        webhookUrl.setWidth("36rem");
        webhookUrl.setMaxWidth("100%");
        webhookCreate.setId("integration-webhook-create");
        webhookCreate.addClickListener(event -> createWebhook());
        webhookRemove.setId("integration-webhook-remove");
        webhookRemove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        webhookRemove.addClickListener(event -> Confirmation.ask("Remove the webhook URL?", "Events sent to it are then"
                + " refused and start no runs.", "Remove", "integration-webhook-remove-confirm", true,
                this::removeWebhook));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        removeAll();
        try {
            UUID id = UUID.fromString(event.getRouteParameters().get("integrationId").orElse(""));
            show(integrations.get(scope(), id));
        } catch (IllegalArgumentException e) {
            event.rerouteToError(NotFoundException.class);
        } catch (ProblemException e) {
            if (e.type() == ProblemType.NOT_FOUND) {
                event.rerouteToError(NotFoundException.class);
            } else {
                add(new Anchor("integrations", "Integrations"), new H2("Integration"), new Paragraph(Notices.message(e)));
            }
        }
    }

    /** Its health in words: the status, why it is not healthy, and the figures (see the README's Health). */
    private void showHealth(TenantScope scope, Integration integration) {
        try {
            IntegrationHealth h = healthService.of(scope, integration.id());
            health.setText(HealthWords.status(h.status()) + ". " + (h.reasons().isEmpty() ? ""
                    : String.join(" ", h.reasons()) + " ") + HealthWords.figures(h));
        } catch (ProblemException e) {
            health.setText("Health not known: " + Notices.message(e));
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    private void show(Integration integration) {
        TenantScope scope = scope();
        boolean mayConfigure = scope.may(Permission.CONFIGURE);
        Span breadcrumbs = new Span();
        breadcrumbs.add(new Anchor("integrations", "Integrations"), new Span(" › " + integration.name()));
        form = choices.form(scope);
        form.setEnabled(mayConfigure);
        schedule = new ScheduleSection(schedules, this::scope, integration.id());
        versions = new MappingVersionsSection(mappings, this::scope, integration.id());
        Anchor editMapping = new Anchor("integrations/" + integration.id() + "/mapping", "Edit mapping");
        editMapping.setId("integration-edit-mapping");
        Anchor reconcile = new Anchor("integrations/" + integration.id() + "/reconciliation",
                "Reconciliation (journals against the target)");
        reconcile.setId("integration-reconciliation");
        reconcile.setVisible(makesJournals(scope, integration));
        refusal.setVisible(false);
        queuedRun.setVisible(false);
        save.setVisible(mayConfigure);
        delete.setVisible(mayConfigure);
        mode.setVisible(mayConfigure);
        pause.setVisible(mayConfigure);
        runNow.setVisible(scope.may(Permission.OPERATE));
        HorizontalLayout actions = new HorizontalLayout(runNow, pause, mode, delete);
        actions.setWrap(true);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(breadcrumbs, title, summary, actions, queuedRun, new H3("Health"), health, new H3("Settings"), refusal, form, save,
                new H3("Schedule"), schedule, new H3("Webhook"), webhookText, webhook(mayConfigure),
                new H3("Mapping"), editMapping, reconcile, versions);
        journalPreview = null;
        if (makesJournals(scope, integration)) {
            journalPreview = new JournalPreviewSection(journalPreviews, this::scope, integration.id(), clock);
            add(new H3("Journal preview"), journalPreview);
        }
        display(integration);
        form.show(integration);
        schedule.load();
        versions.load();
        loadWebhook(mayConfigure);
    }

    /** Whether the pinned mapping makes journal documents (DD-042), which the journal preview shows. */
    private boolean makesJournals(TenantScope scope, Integration integration) {
        return mappings.pinned(scope.tenant(), integration.id()).map(m -> m.spec().aggregate())
                .map(a -> a.document() != null && a.balance() != null).orElse(false);
    }

    /** Shows the integration's state in the title, summary and action buttons. */
    private void display(Integration integration) {
        shown = integration;
        title.setText(integration.name());
        summary.setText(IntegrationWords.mode(integration) + " · " + IntegrationWords.status(integration)
                + (integration.template() == null ? "" : " · Installed from template "
                        + IntegrationWords.template(integration)));
        mode.setText("live".equals(integration.mode()) ? "Switch to shadow mode" : "Go live");
        pause.setText(integration.paused() ? "Resume" : "Pause");
        runNow.setEnabled(!integration.paused());
        showHealth(scope(), integration);
    }

    private HorizontalLayout webhook(boolean mayConfigure) {
        Button copy = new Button("Copy", event -> webhookUrl.getElement().executeJs(
                "navigator.clipboard.writeText($0)", webhookUrl.getValue()));
        copy.setId("integration-webhook-copy");
        copy.setAriaLabel("Copy the webhook URL");
        webhookCreate.setVisible(mayConfigure);
        webhookRemove.setVisible(mayConfigure);
        HorizontalLayout row = new HorizontalLayout(webhookUrl, copy, webhookCreate, webhookRemove);
        row.setWrap(true);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    private void loadWebhook(boolean mayConfigure) {
        Optional<WebhookEndpoint> endpoint;
        try {
            endpoint = Optional.of(webhooks.get(scope(), shown.id()));
        } catch (ProblemException e) {
            endpoint = Optional.empty();
        }
        webhookUrl.setValue(endpoint.map(WebhookEndpoint::url).orElse(""));
        webhookUrl.getParent().ifPresent(row -> row.getChildren().filter(c -> c != webhookCreate && c != webhookRemove)
                .forEach(c -> c.setVisible(!webhookUrl.isEmpty())));
        webhookCreate.setVisible(mayConfigure && endpoint.isEmpty());
        webhookRemove.setVisible(mayConfigure && endpoint.isPresent());
        if (endpoint.isEmpty()) {
            webhookText.setText("No webhook URL. Create one to let another system start a run by sending an event.");
        } else {
            webhookText.setText("A signed event sent to this URL starts a run (Standard Webhooks signatures).");
        }
    }

    void save() {
        refusal.setVisible(false);
        Optional<IntegrationDraft> draft = form.draft(null);
        if (draft.isEmpty()) {
            return;
        }
        try {
            Integration saved = integrations.update(scope(), shown.id(), shown.version(), draft.get());
            Notices.done(saved.version() != shown.version() ? "Integration saved."
                    : "Nothing to save: the integration is as it was.");
            display(saved);
            form.show(saved);
        } catch (ProblemException e) {
            if (!form.refuse(e)) {
                refusal.setText(Notices.message(e));
                refusal.setVisible(true);
            }
        }
    }

    private void switchMode() {
        if ("live".equals(shown.mode())) {
            setMode("shadow");
            return;
        }
        Confirmation.ask("Switch " + shown.name() + " to live?", "Its next runs write to the target connection."
                + " Shadow runs wrote nothing; check what the last one would have written first.", "Go live",
                "integration-mode-confirm", () -> setMode("live"));
    }

    void setMode(String wanted) {
        try {
            Integration changed = integrations.update(scope(), shown.id(), shown.version(), new IntegrationDraft(
                    shown.name(), shown.sourceConnectionId(), shown.sourceStream(), shown.targetConnectionId(),
                    shown.targetObject(), wanted, shown.maxRecordErrors()));
            display(changed);
            Notices.done("live".equals(wanted) ? changed.name() + " is live: its next runs write to the target."
                    : changed.name() + " is in shadow mode: its runs write nothing.");
        } catch (ProblemException e) {
            refusal.setText(Notices.message(e));
            refusal.setVisible(true);
        }
    }

    void togglePause() {
        boolean paused = !shown.paused();
        try {
            Integration changed = integrations.setPaused(scope(), shown.id(), paused);
            display(changed);
            Notices.done(paused ? "Paused: it takes no runs until you resume it." : "Resumed.");
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    void runNow() {
        try {
            UUID run = integrations.runNow(scope(), shown.id());
            queuedRun.setHref("runs/" + run);
            queuedRun.setText("Run queued: see the run");
            queuedRun.setVisible(true);
            Notices.done("Run queued.");
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    void deleteNow() {
        if (Notices.attempt(() -> integrations.delete(scope(), shown.id(), shown.version()))) {
            Notices.done(shown.name() + " deleted.");
            UI.getCurrent().navigate("integrations");
        }
    }

    void createWebhook() {
        try {
            IssuedWebhookEndpoint issued = webhooks.create(scope(), shown.id());
            loadWebhook(true);
            webhookText.setText("Signing secret (shown this once; store it now): " + issued.secret());
            Notices.done("Webhook URL created.");
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    void removeWebhook() {
        if (Notices.attempt(() -> webhooks.delete(scope(), shown.id()))) {
            Notices.done("Webhook URL removed.");
        }
        loadWebhook(true);
    }
}
