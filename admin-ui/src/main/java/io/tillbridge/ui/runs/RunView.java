package io.tillbridge.ui.runs;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunEvent;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.shadow.ShadowChange;
import io.tillbridge.shadow.ShadowChanges;
import io.tillbridge.shadow.ShadowSummary;
import io.tillbridge.ui.CursorPaging;
import io.tillbridge.ui.FilterFields;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One run: its integration, status, counts, timings, checkpoints and the event timeline; run the
 * integration again, cancel a run that has not finished, or replay a finished one.
 */
@Route(value = "runs/:runId", layout = MainLayout.class)
@PageTitle("Run · Tillbridge")
class RunView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final RunHistory history;
    private final RunCommands commands;
    private final IntegrationService integrations;
    private final ShadowChanges shadow;
    final H2 title = new H2();
    final Paragraph summary = new Paragraph();
    final Paragraph counts = new Paragraph();
    final Paragraph timings = new Paragraph();
    final Paragraph checkpoints = new Paragraph();
    final Paragraph error = new Paragraph();
    final Grid<RunEvent> events = new Grid<>(RunEvent.class, false);
    final Button runAgain = new Button("Run the integration now");
    final Button cancel = new Button("Cancel run");
    final Button replay = new Button("Replay this run");
    final Paragraph shadowSummary = new Paragraph();
    final Select<String> shadowAction = new Select<>();
    final Grid<ShadowChange> shadowGrid = new Grid<>(ShadowChange.class, false);
    final Button goLive = new Button("Go live");
    private Run shown;
    private Integration integration;

    RunView(TenantAccess access, RunHistory history, RunCommands commands, IntegrationService integrations,
            ShadowChanges shadow) {
        this.access = access;
        this.history = history;
        this.commands = commands;
        this.integrations = integrations;
        this.shadow = shadow;
        shadowSummary.setId("shadow-summary");
        FilterFields.anyOf(shadowAction, "shadow-action", "Show", RunView::action, ShadowChange.ACTIONS.toArray(String[]::new));
        shadowAction.addValueChangeListener(event -> loadShadow());
        shadowGrid.setId("shadow-changes");
        shadowGrid.addColumn(ShadowChange::sourceKey).setHeader("Record").setAutoWidth(true).setKey("record");
        shadowGrid.addColumn(c -> action(c.action())).setHeader("Would be").setAutoWidth(true).setKey("action");
        shadowGrid.addColumn(RunView::difference).setHeader("Old and new values").setKey("difference");
        shadowGrid.setEmptyStateText("No records in this view.");
        shadowGrid.setWidthFull();
        goLive.setId("go-live");
        goLive.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        goLive.addClickListener(event -> goLive());
        setPadding(false);
        summary.setId("run-summary");
        counts.setId("run-counts");
        timings.setId("run-timings");
        checkpoints.setId("run-checkpoints");
        error.setId("run-error");
        runAgain.setId("run-again");
        runAgain.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        runAgain.addClickListener(event -> runAgain());
        cancel.setId("run-cancel");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancel.addClickListener(event -> cancel());
        replay.setId("run-replay");
        replay.addClickListener(event -> replay());
        events.setId("run-events");
        events.addColumn(e -> RunWords.TIME.format(e.at())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        events.addColumn(RunEvent::kind).setHeader("Event").setAutoWidth(true);
        events.addColumn(e -> e.attempt() == null ? "" : "attempt " + e.attempt()).setHeader("Attempt").setAutoWidth(true);
        events.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader("Detail");
        events.setAllRowsVisible(true);
        events.setEmptyStateText("No events yet.");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        removeAll();
        try {
            UUID id = UUID.fromString(event.getRouteParameters().get("runId").orElse(""));
            show(find(id));
        } catch (IllegalArgumentException e) {
            add(new Anchor("runs", "Runs"), new H2("Run"), new Paragraph("There is no such run."));
        } catch (ProblemException e) {
            add(new Anchor("runs", "Runs"), new H2("Run"), new Paragraph(Notices.message(e)));
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    private Run find(UUID id) {
        TenantScope scope = scope().require(Permission.READ);
        return history.find(scope.tenant(), id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "There is no such run."));
    }

    private void show(Run run) {
        shown = run;
        String name;
        try {
            integration = integrations.get(scope(), run.integrationId());
            name = integration.name();
        } catch (ProblemException e) {
            integration = null;
            name = "(deleted integration)";
        }
        Span breadcrumbs = new Span();
        breadcrumbs.add(new Anchor("runs", "Runs"), new Span(" › " + RunWords.TIME.format(run.queuedAt())));
        title.setText("Run of " + name);
        summary.setText(RunWords.status(run.status()) + " · " + RunWords.trigger(run.trigger())
                + (run.shadow() ? " · shadow run (nothing written to the target)" : "")
                + (run.attempt() > 1 ? " · attempt " + run.attempt() : ""));
        counts.setText(RunWords.counts(run.counts()));
        timings.setText("Queued " + RunWords.TIME.format(run.queuedAt())
                + (run.startedAt() == null ? "" : " · started " + RunWords.TIME.format(run.startedAt()))
                + (run.finishedAt() == null ? "" : " · finished " + RunWords.TIME.format(run.finishedAt())
                        + " · took " + RunWords.duration(run)));
        checkpoints.setText("Read from: " + (run.checkpointBefore() == null ? "the beginning" : run.checkpointBefore())
                + " · read up to: " + (run.checkpointAfter() == null ? "—" : run.checkpointAfter()));
        error.setText(run.error() == null ? "" : "Why it failed: " + run.error());
        error.setVisible(run.error() != null);
        events.setItems(history.events(scope().tenant(), run.id()));
        boolean mayOperate = scope().may(Permission.OPERATE);
        boolean finished = run.status() != RunStatus.QUEUED && run.status() != RunStatus.RUNNING;
        runAgain.setVisible(mayOperate);
        cancel.setVisible(mayOperate && !finished && !run.cancelRequested());
        replay.setVisible(mayOperate && finished);
        add(breadcrumbs, title, summary, counts, timings, checkpoints, error,
                new HorizontalLayout(runAgain, cancel, replay));
        if (run.shadow()) {
            ShadowSummary totals = shadow.summary(scope(), run.id());
            shadowSummary.setText("This shadow run wrote nothing. In live mode it would have created " + totals.create()
                    + ", changed " + totals.update() + " and left " + totals.unchanged() + " records unchanged.");
            goLive.setVisible(integration != null && "shadow".equals(integration.mode())
                    && scope().may(Permission.CONFIGURE));
            add(new H3("What it would have written"), shadowSummary, shadowAction, shadowGrid, goLive);
            loadShadow();
        }
        add(new H3("Timeline"), events);
    }

    private void loadShadow() {
        if (shown == null || !shown.shadow()) {
            return;
        }
        TenantScope scope = scope();
        UUID runId = shown.id();
        String action = shadowAction.getValue();
        CursorPaging<ShadowChange> paging = new CursorPaging<>((cursor, limit) -> shadow.list(scope, runId, action,
                cursor, limit), 50);
        shadowGrid.setItems(query -> paging.rows(query.getOffset(), query.getLimit()));
    }

    /** Switches the integration to live: its next runs write to the target. */
    void goLive() {
        try {
            Integration live = integrations.update(scope(), integration.id(), integration.version(), new IntegrationDraft(
                    integration.name(), integration.sourceConnectionId(), integration.sourceStream(),
                    integration.targetConnectionId(), integration.targetObject(), "live", integration.maxRecordErrors()));
            integration = live;
            goLive.setVisible(false);
            Notices.done(live.name() + " is live: its next runs write to the target.");
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    static String action(String action) {
        return switch (action) {
            case "create" -> "Created";
            case "update" -> "Changed";
            case "unchanged" -> "Unchanged";
            default -> action;
        };
    }

    /** "total: 12.50 → 13.00 · note: — → gift" for a change; the new fields for a create. */
    static String difference(ShadowChange change) {
        List<String> fields = change.changedFields() == null ? List.of() : change.changedFields();
        if (fields.isEmpty()) {
            return "";
        }
        Map<String, Object> before = change.before() == null ? Map.of() : change.before();
        Map<String, Object> after = change.after() == null ? Map.of() : change.after();
        return fields.stream().limit(8).map(f -> f + ": " + (change.before() == null ? "" : text(before.get(f)) + " → ")
                + text(after.get(f))).collect(java.util.stream.Collectors.joining(" · "))
                + (fields.size() > 8 ? " · and " + (fields.size() - 8) + " more" : "");
    }

    private static String text(Object value) {
        String text = value == null ? "—" : String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

    void runAgain() {
        try {
            UUID queued = integrations.runNow(scope(), shown.integrationId());
            Notices.done("Run queued.");
            UI.getCurrent().navigate("runs/" + queued);
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    void cancel() {
        try {
            RunStatus after = commands.requestCancel(scope(), shown.id());
            Notices.done(after == RunStatus.CANCELLED ? "Run cancelled." : "Cancel requested: the run stops shortly.");
            refresh();
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    void replay() {
        try {
            UUID queued = commands.enqueueReplay(scope(), shown.id());
            Notices.done("Replay queued.");
            UI.getCurrent().navigate("runs/" + queued);
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    private void refresh() {
        removeAll();
        show(find(shown.id()));
    }
}
