package io.tillbridge.ui.onboarding;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.shared.Registration;
import io.tillbridge.access.TenantScope;
import io.tillbridge.onboarding.OnboardingService;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.shadow.ShadowChanges;
import io.tillbridge.shadow.ShadowSummary;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.runs.RunWords;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Step 7: a run now, in shadow mode: it writes nothing and records what it would have written. The
 * page polls for the run's end (the browser asks every few seconds; the server thread never waits),
 * and "Check again" does the same at once.
 */
class ShadowRunStep extends VerticalLayout {

    /** How often the browser asks while a run is under way. */
    static final int POLL_MILLIS = 2_000;

    private final Supplier<TenantScope> scope;
    private final OnboardingService onboarding;
    private final RunHistory runs;
    private final ShadowChanges shadow;
    private final UUID integrationId;
    private final Runnable done;
    final Paragraph status = new Paragraph();
    final Paragraph counts = new Paragraph();
    final Anchor diff = new Anchor();
    final Button start = new Button("Start a shadow run");
    final Button checkAgain = new Button("Check again");
    final Button proceed = new Button("Continue");
    UUID runId;
    private Registration polling;

    ShadowRunStep(Supplier<TenantScope> scope, OnboardingService onboarding, RunHistory runs, ShadowChanges shadow,
            UUID integrationId, UUID runId, Runnable done) {
        this.scope = scope;
        this.onboarding = onboarding;
        this.runs = runs;
        this.shadow = shadow;
        this.integrationId = integrationId;
        this.runId = runId;
        this.done = done;
        setPadding(false);
        status.setId("onboarding-run-status");
        status.getElement().setAttribute("aria-live", "polite");
        counts.setId("onboarding-run-counts");
        diff.setId("onboarding-run-diff");
        diff.setText("See every difference");
        start.setId("onboarding-run-start");
        start.addClickListener(event -> start());
        checkAgain.setId("onboarding-run-check");
        checkAgain.addClickListener(event -> refresh());
        proceed.setId("onboarding-run-continue");
        proceed.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        proceed.addClickListener(event -> done.run());
        if (integrationId == null) {
            add(new Paragraph("Start an integration first (step 5)."));
            return;
        }
        add(new Paragraph("A shadow run reads your POS and works out what it would write to the warehouse, without"
                + " writing anything."), status, counts, diff, new HorizontalLayout(start, checkAgain, proceed));
        refresh();
    }

    void start() {
        Notices.attempt(() -> {
            runId = onboarding.startShadowRun(scope.get(), integrationId);
            Notices.done("Shadow run queued.");
            refresh();
        });
    }

    /** Shows the run as it stands; polls while it is under way. */
    void refresh() {
        Run run = runId == null ? null : runs.find(scope.get().tenant(), runId).orElse(null);
        boolean underWay = run != null && (run.status() == RunStatus.QUEUED || run.status() == RunStatus.RUNNING);
        if (run == null) {
            status.setText("No shadow run yet.");
        } else {
            status.setText("Shadow run: " + RunWords.status(run.status())
                    + (run.error() == null ? "" : ". Why it failed: " + run.error()));
        }
        boolean finished = run != null && !underWay;
        if (finished && run.status() == RunStatus.SUCCEEDED) {
            ShadowSummary summary = shadow.summary(scope.get(), run.id());
            counts.setText("It would create " + summary.create() + ", change " + summary.update() + " and leave "
                    + summary.unchanged() + " records unchanged.");
        } else {
            counts.setText("");
        }
        counts.setVisible(finished);
        diff.setHref(run == null ? "" : "runs/" + run.id());
        diff.setVisible(finished);
        start.setText(run == null ? "Start a shadow run" : "Run it again");
        start.setEnabled(!underWay);
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        checkAgain.setVisible(underWay);
        proceed.setVisible(finished && run.status() == RunStatus.SUCCEEDED);
        if (proceed.isVisible()) {
            start.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
        poll(underWay);
    }

    private void poll(boolean on) {
        UI ui = UI.getCurrent();
        if (ui == null) {
            return;
        }
        if (on && polling == null) {
            ui.setPollInterval(POLL_MILLIS);
            polling = ui.addPollListener(event -> refresh());
        } else if (!on && polling != null) {
            stopPolling(ui);
        }
    }

    private void stopPolling(UI ui) {
        ui.setPollInterval(-1);
        polling.remove();
        polling = null;
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            stopPolling(event.getUI());
        }
        super.onDetach(event);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        if (integrationId != null) {
            refresh();
        }
    }
}
