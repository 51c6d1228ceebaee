package io.tillbridge.ui.errors;

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
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.errors.ErrorCategory;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.RecordError;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.FlatValues;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One record error: what failed and where (the field), what fixes it, the source record as read
 * with the failing field marked in words; retry, resolve or ignore it.
 */
@Route(value = "errors/:errorId", layout = MainLayout.class)
@PageTitle("Error · Tillbridge")
class ErrorView extends VerticalLayout implements BeforeEnterObserver {

    /** One line of the source record. */
    record Line(String path, String value, boolean failing) {
    }

    private final TenantAccess access;
    private final ErrorInbox inbox;
    private final IntegrationService integrations;
    final H2 title = new H2();
    final Paragraph what = new Paragraph();
    final Paragraph fix = new Paragraph();
    final Grid<Line> record = new Grid<>(Line.class, false);
    final Button retry = new Button("Retry");
    final Button resolve = new Button("Mark resolved");
    final Button ignore = new Button("Ignore");
    final Button fixMapping = new Button("Fix the mapping");
    private RecordError shown;

    ErrorView(TenantAccess access, ErrorInbox inbox, IntegrationService integrations) {
        this.access = access;
        this.inbox = inbox;
        this.integrations = integrations;
        setPadding(false);
        what.setId("error-what");
        fix.setId("error-fix");
        record.setId("error-record");
        record.addColumn(Line::path).setHeader("Field").setAutoWidth(true).setKey("path");
        record.addColumn(Line::value).setHeader("Value").setKey("value");
        record.addColumn(l -> l.failing() ? "This field failed" : "").setHeader("").setAutoWidth(true).setKey("failing");
        record.setAllRowsVisible(true);
        record.setEmptyStateText("The source record was not kept (retention) or was empty.");
        retry.setId("error-retry");
        retry.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        retry.addClickListener(event -> act(() -> {
            inbox.retry(scope(), shown.id());
            Notices.done("Retry queued.");
        }));
        resolve.setId("error-resolve");
        resolve.addClickListener(event -> act(() -> {
            inbox.resolve(scope(), shown.id());
            Notices.done("Marked resolved.");
        }));
        fixMapping.setId("error-fix-mapping");
        fixMapping.addClickListener(event -> ErrorWords.openFix(shown.integrationId(),
                ErrorCategory.fromWire(shown.category()), shown.fieldPath()));
        ignore.setId("error-ignore");
        ignore.addClickListener(event -> act(() -> {
            inbox.ignore(scope(), shown.id());
            Notices.done("Ignored.");
        }));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        removeAll();
        try {
            UUID id = UUID.fromString(event.getRouteParameters().get("errorId").orElse(""));
            show(inbox.get(scope(), id));
        } catch (IllegalArgumentException e) {
            add(new Anchor("errors", "Errors"), new H2("Error"), new Paragraph("There is no such error."));
        } catch (ProblemException e) {
            add(new Anchor("errors", "Errors"), new H2("Error"), new Paragraph(Notices.message(e)));
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    private void show(RecordError error) {
        shown = error;
        String integration;
        try {
            integration = integrations.get(scope(), error.integrationId()).name();
        } catch (ProblemException e) {
            integration = "(deleted integration)";
        }
        ErrorCategory category = ErrorCategory.fromWire(error.category());
        Span breadcrumbs = new Span();
        breadcrumbs.add(new Anchor("errors", "Errors"), new Span(" › " + error.sourceKey()));
        title.setText(ErrorWords.category(category) + ": record " + error.sourceKey());
        what.setText(integration + " · " + ErrorWords.status(error.status()) + " · "
                + (error.fieldPath() == null ? "" : "field " + error.fieldPath() + " · ") + error.message()
                + (error.occurrences() > 1 ? " · failed " + error.occurrences() + " times" : ""));
        fix.setText("What fixes it: " + (error.hint() == null || error.hint().isBlank() ? "" : error.hint() + " ")
                + ErrorWords.fix(category));
        record.setItems(lines(error));
        boolean open = error.status().equals("open");
        boolean mayOperate = scope().may(Permission.OPERATE);
        retry.setVisible(mayOperate && open);
        resolve.setVisible(mayOperate && open);
        ignore.setVisible(mayOperate && open);
        fixMapping.setVisible(open && ErrorWords.mappingFixes(category) && scope().may(Permission.CONFIGURE)
                && !integration.equals("(deleted integration)"));
        add(breadcrumbs, title, what, fix, new HorizontalLayout(fixMapping, retry, resolve, ignore), new H3("The source record"), record);
    }

    @SuppressWarnings("unchecked")
    static List<Line> lines(RecordError error) {
        Object data = error.sourceRecord() == null ? null : error.sourceRecord().get("data");
        if (!(data instanceof Map<?, ?> map)) {
            return List.of();
        }
        String failing = error.fieldPath();
        return FlatValues.of((Map<String, Object>) map).entrySet().stream()
                .map(e -> new Line(e.getKey(), String.valueOf(e.getValue()),
                        failing != null && (e.getKey().equals(failing) || e.getKey().startsWith(failing + ".")
                                || e.getKey().startsWith(failing + "["))))
                .toList();
    }

    private void act(Runnable action) {
        if (Notices.attempt(action)) {
            removeAll();
            show(inbox.get(scope(), shown.id()));
        }
    }
}
