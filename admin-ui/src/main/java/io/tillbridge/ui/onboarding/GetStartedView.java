package io.tillbridge.ui.onboarding;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.locations.LocationService;
import io.tillbridge.mappings.MappingPreviews;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.onboarding.OnboardingProgress;
import io.tillbridge.onboarding.OnboardingService;
import io.tillbridge.onboarding.OnboardingStep;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.settings.SettingsChange;
import io.tillbridge.settings.TenantSettings;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.shadow.ShadowChanges;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.settings.SettingsForm;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The onboarding wizard after sign-up ({@code get-started}): eight steps from the business profile
 * to going live, resumable. Without a {@code step} parameter it opens the first step not done, as
 * the tenant's data and its stored confirmations tell ({@link OnboardingService}); {@code ?step=}
 * reopens a step done before. After an OAuth grant the vendor returns here with {@code ?connection=}.
 */
@Route(value = "get-started", layout = MainLayout.class)
@PageTitle("Get started · Tillbridge")
public class GetStartedView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final OnboardingService onboarding;
    private final TenantSettingsService settings;
    private final LocationService locations;
    private final ConnectionService connections;
    private final ConnectorCatalog catalog;
    private final IntegrationService integrations;
    private final MappingVersions mappings;
    private final MappingPreviews previews;
    private final RunHistory runs;
    private final ShadowChanges shadow;
    final StepIndicator indicator = new StepIndicator();
    final H3 heading = new H3();
    final Paragraph description = new Paragraph();
    final Div content = new Div();
    final Paragraph refusal = new Paragraph();
    final Button back = new Button("Back");
    final Button next = new Button("Next");
    OnboardingProgress progress;
    OnboardingStep current;
    /** The component of the step shown. */
    Component step;
    private int settingsVersion;

    GetStartedView(TenantAccess access, OnboardingService onboarding, TenantSettingsService settings,
            LocationService locations, ConnectionService connections, ConnectorCatalog catalog,
            IntegrationService integrations, MappingVersions mappings, MappingPreviews previews, RunHistory runs,
            ShadowChanges shadow) {
        this.access = access;
        this.onboarding = onboarding;
        this.settings = settings;
        this.locations = locations;
        this.connections = connections;
        this.catalog = catalog;
        this.integrations = integrations;
        this.mappings = mappings;
        this.previews = previews;
        this.runs = runs;
        this.shadow = shadow;
        setPadding(false);
        setMaxWidth("72rem");
        heading.setId("onboarding-step-title");
        heading.getStyle().set("margin-bottom", "0");
        description.setId("onboarding-step-description");
        description.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin-top", "0");
        content.setId("onboarding-step");
        content.setWidthFull();
        refusal.setId("onboarding-refusal");
        refusal.setVisible(false);
        back.setId("onboarding-back");
        back.addClickListener(event -> open(OnboardingStep.values()[current.ordinal() - 1]));
        next.setId("onboarding-next");
        next.addClickListener(event -> open(OnboardingStep.values()[current.ordinal() + 1]));
        add(new H2("Get started"), indicator, refusal, heading, description, content, new HorizontalLayout(back, next));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        Optional<OnboardingStep> asked = parameters.getOrDefault("step", List.of()).stream().findFirst()
                .flatMap(GetStartedView::stepNamed);
        if (parameters.containsKey("connection")) {
            Notices.done("Connected. Your POS sends its data from now on.");
        }
        try {
            progress = onboarding.progress(scope());
            refusal.setVisible(false);
            OnboardingStep resume = progress.firstUnfinished().orElse(OnboardingStep.GO_LIVE);
            show(asked.filter(s -> s.ordinal() <= resume.ordinal() || progress.isDone(s)).orElse(resume));
        } catch (ProblemException e) {
            refusal.setText(Notices.message(e));
            refusal.setVisible(true);
            content.removeAll();
        }
    }

    static String slug(OnboardingStep step) {
        return step.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Optional<OnboardingStep> stepNamed(String slug) {
        for (OnboardingStep step : OnboardingStep.values()) {
            if (slug(step).equals(slug)) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    /** Opens a step through the URL, so that the browser's back button and a reload keep it. */
    void open(OnboardingStep target) {
        UI.getCurrent().navigate("get-started", QueryParameters.simple(Map.of("step", slug(target))));
    }

    /** The step is done: on to the next one. */
    void advance() {
        progress = onboarding.progress(scope());
        if (current == OnboardingStep.GO_LIVE) {
            show(current);
        } else {
            open(OnboardingStep.values()[current.ordinal() + 1]);
        }
    }

    private void show(OnboardingStep shown) {
        current = shown;
        indicator.show(progress, shown, this::open);
        heading.setText(shown.number() + ". " + shown.title());
        description.setText(shown.description());
        content.removeAll();
        step = switch (shown) {
            case BUSINESS -> settingsStep(SettingsForm.Part.BUSINESS);
            case LOCATIONS -> new LocationsStep(this::scope, locations, this::advance);
            case TARGETS -> settingsStep(SettingsForm.Part.TARGETS);
            case CONNECT -> new ConnectStep(this::scope, onboarding, connections, progress.posConnectionId(),
                    this::advance);
            case DESTINATION -> new DestinationStep(this::scope, onboarding, integrations, connections, catalog,
                    progress.posConnectionId(), progress.integrationId(), this::advance, this::toShadowRun);
            case MAPPING -> new MappingStep(this::scope, mappings, previews, progress.integrationId(),
                    () -> confirm(OnboardingStep.MAPPING));
            case SHADOW_RUN -> new ShadowRunStep(this::scope, onboarding, runs, shadow, progress.integrationId(),
                    progress.shadowRunId(), this::advance);
            case GO_LIVE -> goLiveStep();
        };
        content.add(step);
        back.setEnabled(shown.ordinal() > 0);
        next.setVisible(shown != OnboardingStep.GO_LIVE && progress.isDone(shown));
    }

    /** Started from a template, whose mappings count as reviewed: on to the shadow run. */
    void toShadowRun() {
        progress = onboarding.progress(scope());
        open(OnboardingStep.SHADOW_RUN);
    }

    /** Steps 1 and 3: one part of the settings form each; saving confirms the step. */
    private SettingsForm settingsStep(SettingsForm.Part part) {
        SettingsForm form = new SettingsForm();
        form.setMaxWidth("48rem");
        form.showOnly(part);
        form.save.setText("Save and continue");
        TenantSettings current = settings.get(scope());
        settingsVersion = current.version();
        form.edit(current);
        form.addSaveListener(event -> saveSettings(event.change(),
                part == SettingsForm.Part.BUSINESS ? OnboardingStep.BUSINESS : OnboardingStep.TARGETS));
        return form;
    }

    private void saveSettings(SettingsChange change, OnboardingStep confirmed) {
        if (Notices.attempt(() -> {
            TenantSettings saved = settings.update(scope(), settingsVersion, change);
            settingsVersion = saved.version();
            onboarding.confirm(scope(), confirmed);
            Notices.done(confirmed == OnboardingStep.BUSINESS ? "Business profile saved." : "Targets saved.");
        })) {
            advance();
        }
    }

    private void confirm(OnboardingStep confirmed) {
        if (Notices.attempt(() -> onboarding.confirm(scope(), confirmed))) {
            advance();
        }
    }

    /** Step 8: a confirmation, then the integration writes. */
    private Component goLiveStep() {
        VerticalLayout layout = new VerticalLayout();
        layout.setPadding(false);
        Paragraph state = new Paragraph();
        state.setId("onboarding-live-state");
        layout.add(state);
        if (progress.integrationId() == null) {
            state.setText("Start an integration first (step 5).");
            return layout;
        }
        Integration integration = integrations.get(scope(), progress.integrationId());
        if ("live".equals(integration.mode())) {
            state.setText(integration.name() + " is live: its runs write to "
                    + destination(integration) + ". Setup is finished.");
            Anchor home = new Anchor("home", "Go to your home page");
            home.setId("onboarding-home");
            layout.add(home);
            return layout;
        }
        if (!progress.isDone(OnboardingStep.SHADOW_RUN)) {
            state.setText("Run a shadow run that succeeds first (step 7), so that you have seen what would be written.");
            return layout;
        }
        state.setText(integration.name() + " runs in shadow mode: it writes nothing yet. Going live makes its next"
                + " runs write to " + destination(integration) + ".");
        Button goLive = new Button("Go live", event -> confirmGoLive(integration));
        goLive.setId("onboarding-go-live");
        goLive.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        layout.add(goLive);
        return layout;
    }

    /** Where the integration writes, in words. */
    private String destination(Integration integration) {
        try {
            return connections.get(scope(), integration.targetConnectionId()).name() + " (" + integration.targetObject()
                    + ")";
        } catch (ProblemException e) {
            return integration.targetObject();
        }
    }

    Dialog confirmGoLive(Integration integration) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Go live?");
        Button confirm = new Button("Go live now", event -> {
            dialog.close();
            goLive(integration);
        });
        confirm.setId("onboarding-go-live-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Not yet", event -> dialog.close());
        cancel.setId("onboarding-go-live-cancel");
        dialog.add(new Paragraph("From the next run on, " + integration.name() + " writes the POS's "
                + integration.sourceStream() + " to " + destination(integration) + (integration.template() == null ? "."
                        : ", and so do the other integrations installed with it from the template.")));
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
        return dialog;
    }

    void goLive(Integration integration) {
        if (Notices.attempt(() -> {
            onboarding.goLive(scope(), integration.id());
            Notices.done(integration.name() + " is live.");
        })) {
            advance();
        }
    }
}
