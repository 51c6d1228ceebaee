package io.tillbridge.ui.runs;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunFilter;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.ui.CursorPaging;
import io.tillbridge.ui.FilterFields;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The tenant's runs, newest first, filtered by integration, status, trigger and day (UTC), loaded
 * a page at a time as the grid scrolls; a run opens its detail.
 */
@Route(value = "runs", layout = MainLayout.class)
@PageTitle("Runs · Tillbridge")
class RunsView extends VerticalLayout implements BeforeEnterObserver {

    static final int PAGE_SIZE = 50;

    private final TenantAccess access;
    private final RunHistory history;
    private final IntegrationService integrations;
    final ComboBox<Integration> integration = new ComboBox<>("Integration");
    final Select<RunStatus> status = new Select<>();
    final Select<RunTrigger> trigger = new Select<>();
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To (inclusive)");
    final Grid<Run> grid = new Grid<>(Run.class, false);
    private final Paragraph refusal = new Paragraph();
    private Map<UUID, String> names = Map.of();

    RunsView(TenantAccess access, RunHistory history, IntegrationService integrations) {
        this.access = access;
        this.history = history;
        this.integrations = integrations;
        setPadding(false);
        setSizeFull();
        FilterFields.integration(integration, "runs-integration");
        FilterFields.anyOf(status, "runs-status", "Status", RunWords::status, RunStatus.values());
        FilterFields.anyOf(trigger, "runs-trigger", "Trigger", RunWords::trigger, RunTrigger.values());
        Button apply = new Button("Filter", event -> load());
        apply.setId("runs-filter");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout filters = new HorizontalLayout(integration, status, trigger, from, to, apply);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        filters.setWidthFull();

        grid.setId("runs");
        grid.addColumn(r -> RunWords.TIME.format(r.queuedAt())).setHeader("Queued").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> names.getOrDefault(r.integrationId(), "(deleted integration)")).setHeader("Integration")
                .setAutoWidth(true).setKey("integration");
        grid.addColumn(r -> RunWords.trigger(r.trigger()) + (r.shadow() ? " · shadow" : "")).setHeader("Trigger")
                .setAutoWidth(true).setKey("trigger");
        grid.addColumn(r -> RunWords.status(r.status())).setHeader("Status").setAutoWidth(true).setKey("status");
        grid.addColumn(r -> RunWords.counts(r.counts())).setHeader("Records").setAutoWidth(true).setKey("counts");
        grid.addColumn(RunWords::duration).setHeader("Took").setAutoWidth(true).setKey("took");
        grid.setEmptyStateText("No runs match. Runs appear here when an integration runs on its schedule, on a"
                + " webhook or when you run it now.");
        grid.addItemClickListener(event -> UI.getCurrent().navigate("runs/" + event.getItem().id()));
        grid.setWidthFull();
        refusal.setVisible(false);
        add(new H2("Runs"), refusal, filters, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        try {
            var list = integrations.list(scope(), Optional.empty(), Page.MAX_LIMIT).items();
            names = list.stream().collect(Collectors.toMap(Integration::id, Integration::name, (a, b) -> a));
            integration.setItems(list);
            event.getLocation().getQueryParameters().getSingleParameter("integration").ifPresent(id ->
                    list.stream().filter(i -> i.id().toString().equals(id)).findFirst().ifPresent(integration::setValue));
            load();
        } catch (ProblemException e) {
            refusal.setText(Notices.message(e));
            refusal.setVisible(true);
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    void load() {
        RunFilter filter = new RunFilter(status.getValue(), trigger.getValue(),
                integration.getValue() == null ? null : integration.getValue().id(), start(from.getValue(), Function.identity()),
                start(to.getValue(), day -> day.plusDays(1)));
        TenantScope scope = scope();
        CursorPaging<Run> paging = new CursorPaging<>((cursor, limit) -> history.list(scope, filter, cursor, limit), PAGE_SIZE);
        grid.setItems(query -> paging.rows(query.getOffset(), query.getLimit()));
    }

    private static Instant start(LocalDate day, Function<LocalDate, LocalDate> shift) {
        return day == null ? null : shift.apply(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
