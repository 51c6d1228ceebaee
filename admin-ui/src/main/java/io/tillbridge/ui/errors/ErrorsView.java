package io.tillbridge.ui.errors;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
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
import io.tillbridge.errors.ErrorCategory;
import io.tillbridge.errors.ErrorCount;
import io.tillbridge.errors.ErrorFilter;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.ErrorStatus;
import io.tillbridge.errors.RecordError;
import io.tillbridge.errors.RetryQueued;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.CursorPaging;
import io.tillbridge.ui.FilterFields;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The error inbox: open errors grouped by integration and kind with counts and what fixes them
 * ("retry all of this kind" per group), then the errors themselves, a page at a time, filtered by
 * integration, kind and status; retry, resolve or ignore a selection; an error opens its detail.
 */
@Route(value = "errors", layout = MainLayout.class)
@PageTitle("Errors · Tillbridge")
class ErrorsView extends VerticalLayout implements BeforeEnterObserver {

    static final int PAGE_SIZE = 50;

    private final TenantAccess access;
    private final ErrorInbox inbox;
    private final IntegrationService integrations;
    final Grid<ErrorCount> groups = new Grid<>(ErrorCount.class, false);
    final ComboBox<Integration> integration = new ComboBox<>("Integration");
    final Select<ErrorCategory> category = new Select<>();
    final Select<ErrorStatus> status = new Select<>();
    final Grid<RecordError> grid = new Grid<>(RecordError.class, false);
    final Button retrySelected = new Button("Retry selected");
    final Button resolveSelected = new Button("Mark selected resolved");
    final Button ignoreSelected = new Button("Ignore selected");
    private final Paragraph refusal = new Paragraph();
    private Map<UUID, String> names = Map.of();

    ErrorsView(TenantAccess access, ErrorInbox inbox, IntegrationService integrations) {
        this.access = access;
        this.inbox = inbox;
        this.integrations = integrations;
        setPadding(false);
        setSizeFull();

        groups.setId("error-groups");
        groups.addColumn(c -> names.getOrDefault(c.integrationId(), "(deleted integration)")).setHeader("Integration")
                .setAutoWidth(true).setKey("integration");
        groups.addColumn(c -> ErrorWords.category(c.category())).setHeader("Kind").setAutoWidth(true).setKey("kind");
        groups.addColumn(ErrorCount::errors).setHeader("Records").setAutoWidth(true).setKey("errors");
        groups.addColumn(c -> ErrorWords.fix(ErrorCategory.fromWire(c.category()))).setHeader("What fixes it").setKey("fix");
        groups.addComponentColumn(this::groupActions).setHeader("Actions").setAutoWidth(true).setFlexGrow(0)
                .setKey("actions");
        groups.setAllRowsVisible(true);
        groups.setEmptyStateText("No open errors. Records that cannot be written show up here, with what to do.");

        FilterFields.integration(integration, "errors-integration");
        FilterFields.anyOf(category, "errors-category", "Kind", ErrorWords::category, ErrorCategory.values());
        FilterFields.anyOf(status, "errors-status", "Status", s -> ErrorWords.status(s.wire()), ErrorStatus.values());
        status.setValue(ErrorStatus.OPEN);
        Button apply = new Button("Filter", event -> load());
        apply.setId("errors-filter");
        HorizontalLayout filters = new HorizontalLayout(integration, category, status, apply);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);

        grid.setId("errors");
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.addColumn(e -> names.getOrDefault(e.integrationId(), "(deleted integration)")).setHeader("Integration")
                .setAutoWidth(true).setKey("integration");
        grid.addColumn(RecordError::sourceKey).setHeader("Record").setAutoWidth(true).setKey("record");
        grid.addColumn(e -> ErrorWords.category(e.category())).setHeader("Kind").setAutoWidth(true).setKey("kind");
        grid.addColumn(e -> e.fieldPath() == null ? "" : e.fieldPath()).setHeader("Field").setAutoWidth(true).setKey("field");
        grid.addColumn(RecordError::message).setHeader("Message").setKey("message");
        grid.addColumn(e -> ErrorWords.status(e.status())).setHeader("Status").setAutoWidth(true).setKey("status");
        grid.setEmptyStateText("No errors match these filters.");
        grid.addItemDoubleClickListener(event -> UI.getCurrent().navigate("errors/" + event.getItem().id()));
        grid.addColumn(new com.vaadin.flow.data.renderer.ComponentRenderer<>(e -> {
            com.vaadin.flow.component.html.Anchor open = new com.vaadin.flow.component.html.Anchor("errors/" + e.id(), "Details");
            return open;
        })).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setWidthFull();

        retrySelected.setId("errors-retry-selected");
        retrySelected.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        retrySelected.addClickListener(event -> retrySelected());
        resolveSelected.setId("errors-resolve-selected");
        resolveSelected.addClickListener(event -> closeSelected(true));
        ignoreSelected.setId("errors-ignore-selected");
        ignoreSelected.addClickListener(event -> closeSelected(false));
        refusal.setVisible(false);
        add(new H2("Errors"), refusal, new H3("Open errors by kind"), groups, new H3("Records"), filters,
                new HorizontalLayout(retrySelected, resolveSelected, ignoreSelected), grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        try {
            List<Integration> list = integrations.list(scope(), Optional.empty(), Page.MAX_LIMIT).items();
            names = list.stream().collect(Collectors.toMap(Integration::id, Integration::name, (a, b) -> a));
            integration.setItems(list);
            boolean mayOperate = scope().may(Permission.OPERATE);
            retrySelected.setVisible(mayOperate);
            resolveSelected.setVisible(mayOperate);
            ignoreSelected.setVisible(mayOperate);
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
        TenantScope scope = scope();
        groups.setItems(inbox.counts(scope, new ErrorFilter(null, null, ErrorStatus.OPEN, null)));
        ErrorFilter filter = new ErrorFilter(integration.getValue() == null ? null : integration.getValue().id(),
                category.getValue(), status.getValue(), null);
        CursorPaging<RecordError> paging = new CursorPaging<>((cursor, limit) -> inbox.list(scope, filter, cursor, limit),
                PAGE_SIZE);
        grid.setItems(query -> paging.rows(query.getOffset(), query.getLimit()));
    }

    private HorizontalLayout groupActions(ErrorCount count) {
        Button retry = new Button("Retry all", event -> retryAll(count));
        retry.addThemeVariants(ButtonVariant.LUMO_SMALL);
        retry.setAriaLabel("Retry all " + ErrorWords.category(count.category()) + " errors of "
                + names.getOrDefault(count.integrationId(), "this integration"));
        retry.setVisible(scope().may(Permission.OPERATE));
        ErrorCategory category = ErrorCategory.fromWire(count.category());
        Button fix = new Button("Fix the mapping", event -> ErrorWords.openFix(count.integrationId(), category, null));
        fix.addThemeVariants(ButtonVariant.LUMO_SMALL);
        fix.setAriaLabel("Fix the mapping of " + names.getOrDefault(count.integrationId(), "this integration") + " for its "
                + ErrorWords.category(category) + " errors");
        fix.setVisible(ErrorWords.mappingFixes(category) && scope().may(Permission.CONFIGURE)
                && names.containsKey(count.integrationId()));
        return new HorizontalLayout(retry, fix);
    }

    void retryAll(ErrorCount count) {
        try {
            RetryQueued queued = inbox.retryAll(scope(), ErrorCategory.fromWire(count.category()), count.integrationId());
            Notices.done(retried(queued));
            load();
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    void retrySelected() {
        Set<RecordError> selected = grid.getSelectedItems();
        if (selected.isEmpty()) {
            Notices.error("Select the errors to retry first.");
            return;
        }
        try {
            RetryQueued queued = inbox.retry(scope(), selected.stream().map(RecordError::id).toList());
            Notices.done(retried(queued));
            load();
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    void closeSelected(boolean resolve) {
        Set<RecordError> selected = grid.getSelectedItems();
        if (selected.isEmpty()) {
            Notices.error("Select the errors first.");
            return;
        }
        int done = 0;
        for (RecordError error : selected) {
            if (Notices.attempt(() -> {
                if (resolve) {
                    inbox.resolve(scope(), error.id());
                } else {
                    inbox.ignore(scope(), error.id());
                }
            })) {
                done++;
            }
        }
        Notices.done(done + (done == 1 ? " error " : " errors ") + (resolve ? "marked resolved." : "ignored."));
        load();
    }

    private static String retried(RetryQueued queued) {
        int errors = queued.runs().stream().mapToInt(RetryQueued.Queued::errors).sum();
        return errors + (errors == 1 ? " record" : " records") + " queued for a retry in " + queued.runs().size()
                + (queued.runs().size() == 1 ? " run." : " runs.");
    }
}
