package io.tillbridge.ui.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
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

        grid.setId("audit-log");
        grid.addColumn(e -> TIME.format(e.occurredAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(AuditView::actor).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(e -> e.targetType() == null ? "" : e.targetType() + (e.targetId() == null ? "" : " " + e.targetId()))
                .setHeader("Target").setAutoWidth(true);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(e -> new Paragraph(
                "before: " + (e.before() == null ? "-" : e.before()) + " · after: " + (e.after() == null ? "-" : e.after()))));
        grid.setHeight("32rem");

        newer.setId("audit-newer");
        older.setId("audit-older");
        refusal.setVisible(false);
        HorizontalLayout paging = new HorizontalLayout(newer, pageLabel, older);
        paging.setAlignItems(FlexComponent.Alignment.CENTER);
        add(new H2("Audit log"), refusal, filters, grid, paging);
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
