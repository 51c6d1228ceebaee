package io.tillbridge.ui.audit;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditEntry;
import io.tillbridge.audit.AuditFilter;
import io.tillbridge.audit.AuditTrail;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The tenant's audit log, newest first, filtered by action, actor kind and dates (UTC), in pages. */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit log · Tillbridge")
class AuditView extends VerticalLayout implements BeforeEnterObserver {

    static final int PAGE_SIZE = 50;
    static final String ANY = "any";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final TenantAccess access;
    private final AuditTrail trail;
    final TextField action = new TextField("Action");
    final Select<String> actorKind = new Select<>();
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To (inclusive)");
    final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    private final Button newer = new Button("Newer", event -> newer());
    private final Button older = new Button("Older", event -> older());
    private final Paragraph refusal = new Paragraph();
    private final Span pageLabel = new Span();
    /** Cursors of the pages before the one shown; the top is the shown page's own cursor. */
    private final Deque<String> cursors = new ArrayDeque<>();
    private String current;
    private String next;

    AuditView(TenantAccess access, AuditTrail trail) {
        this.access = access;
        this.trail = trail;
        setPadding(false);
        setSizeFull();

        action.setId("audit-action");
        action.setPlaceholder("e.g. location.created or support.*");
        action.setClearButtonVisible(true);
        actorKind.setId("audit-actor-kind");
        actorKind.setLabel("Actor");
        actorKind.setItems(ANY, "user", "partner", "support", "system");
        actorKind.setValue(ANY);
        Button apply = new Button("Filter", event -> firstPage());
        apply.setId("audit-filter");
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout filters = new HorizontalLayout(action, actorKind, from, to, apply);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        // Narrow windows (tablets, 800 px) put the filters on as many lines as they need.
        filters.setWrap(true);
        filters.setWidthFull();

        grid.setId("audit-log");
        grid.addColumn(e -> TIME.format(e.occurredAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> AuditChanges.action(e.action())).setHeader("Action").setAutoWidth(true);
        grid.addColumn(AuditView::actor).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(AuditChanges::target).setHeader("Target").setAutoWidth(true);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(AuditView::details));
        grid.setHeight("32rem");
        grid.setWidthFull();
        Span empty = new Span("No audit entries match these filters.");
        grid.setEmptyStateComponent(empty);

        newer.setId("audit-newer");
        older.setId("audit-older");
        refusal.setVisible(false);
        HorizontalLayout paging = new HorizontalLayout(newer, pageLabel, older);
        paging.setAlignItems(FlexComponent.Alignment.CENTER);
        add(new H2("Audit log"), refusal, filters, grid, paging);
    }

    /** What changed, as a small table of field, before and after, with the raw action code. */
    static Component details(AuditEntry entry) {
        Div box = new Div();
        box.add(new Span("Action code: " + entry.action()));
        List<AuditChanges.Change> changes = AuditChanges.changes(entry.before(), entry.after());
        if (changes.isEmpty()) {
            box.add(new Paragraph("No recorded field changes."));
            return box;
        }
        NativeTable table = new NativeTable();
        NativeTableRow head = new NativeTableRow();
        head.add(header("Field"), header("Before"), header("After"));
        table.add(new NativeTableHeader(head));
        NativeTableBody body = new NativeTableBody();
        for (AuditChanges.Change change : changes) {
            NativeTableRow row = new NativeTableRow();
            row.add(new NativeTableCell(change.field()),
                    new NativeTableCell(change.before()),
                    new NativeTableCell(change.after()));
            body.add(row);
        }
        table.add(body);
        table.getStyle().set("text-align", "left").set("border-spacing", "var(--lumo-space-m) 0");
        box.add(table);
        return box;
    }

    private static NativeTableHeaderCell header(String text) {
        NativeTableHeaderCell cell = new NativeTableHeaderCell(text);
        cell.getElement().setAttribute("scope", "col");
        return cell;
    }

    /** Who acted, with the impersonation a support user acted through. */
    static String actor(AuditEntry entry) {
        AuditEntry.ActorInfo a = entry.actor();
        String who = a.kind() + ": " + (a.label() == null || a.label().isBlank() ? a.id() : a.label());
        return a.onBehalfOf() == null ? who : who + " (on behalf of " + a.onBehalfOf() + ")";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isPresent()) {
            firstPage();
        }
    }

    private void firstPage() {
        cursors.clear();
        show(null);
    }

    private void older() {
        if (next != null) {
            cursors.push(current == null ? "" : current);
            show(next);
        }
    }

    private void newer() {
        if (!cursors.isEmpty()) {
            String previous = cursors.pop();
            show(previous.isEmpty() ? null : previous);
        }
    }

    private void show(String cursor) {
        try {
            TenantScope scope = PortalSession.require().admit(access).require(Permission.READ);
            Page<AuditEntry> page = trail.inTenant(scope.tenant(), filter(), PAGE_SIZE, cursor);
            grid.setItems(page.items());
            current = cursor;
            next = page.nextCursor();
            older.setEnabled(next != null);
            newer.setEnabled(!cursors.isEmpty());
            pageLabel.setText("Page " + (cursors.size() + 1));
            refusal.setVisible(false);
        } catch (ProblemException e) {
            grid.setItems();
            refusal.setText(Notices.message(e));
            refusal.setVisible(true);
        }
    }

    private AuditFilter filter() {
        String kind = ANY.equals(actorKind.getValue()) ? null : actorKind.getValue();
        Instant start = from.getValue() == null ? null : startOf(from.getValue());
        Instant end = to.getValue() == null ? null : startOf(to.getValue().plusDays(1));
        return new AuditFilter(null, action.getValue(), kind, null, null, null, start, end);
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
