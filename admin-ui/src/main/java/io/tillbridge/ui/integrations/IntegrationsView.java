package io.tillbridge.ui.integrations;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.ui.CursorPaging;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The tenant's integrations, a page at a time as the grid scrolls: where each reads and writes, its
 * mode and status, the mapping version it runs with and how its last run ended; one click (or
 * Enter on its name) opens it. With none yet, says what to do next.
 */
@Route(value = "integrations", layout = MainLayout.class)
@PageTitle("Integrations · Tillbridge")
class IntegrationsView extends VerticalLayout implements BeforeEnterObserver {

    static final int PAGE_SIZE = 25;

    /** One row: the integration with its pinned mapping version and its newest run, read per page. */
    record Row(Integration integration, OptionalInt pinned, Optional<Run> lastRun) {
    }

    private final TenantAccess access;
    private final IntegrationService integrations;
    private final ConnectionService connections;
    private final MappingVersions mappings;
    private final RunHistory runs;
    final Grid<Row> grid = new Grid<>(Row.class, false);
    final Button create = new Button("New integration");
    final Button fromTemplate = new Button("New from template");
    final Div emptyState = new Div();
    private final Paragraph refusal = new Paragraph();
    private Map<UUID, String> names = Map.of();

    IntegrationsView(TenantAccess access, IntegrationService integrations, ConnectionService connections,
            MappingVersions mappings, RunHistory runs) {
        this.access = access;
        this.integrations = integrations;
        this.connections = connections;
        this.mappings = mappings;
        this.runs = runs;
        setPadding(false);
        setSizeFull();
        create.setId("integration-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(event -> UI.getCurrent().navigate("integrations/new"));
        fromTemplate.setId("integration-new-from-template");
        fromTemplate.addClickListener(event -> UI.getCurrent().navigate("integrations/new-from-template"));
        grid.setId("integrations");
        grid.addColumn(new ComponentRenderer<>(r -> new Anchor("integrations/" + r.integration().id(),
                r.integration().name()))).setHeader("Name").setAutoWidth(true).setKey("name");
        grid.addColumn(r -> names.getOrDefault(r.integration().sourceConnectionId(), "(deleted connection)") + " · "
                + r.integration().sourceStream()).setHeader("Reads").setAutoWidth(true).setKey("source");
        grid.addColumn(r -> names.getOrDefault(r.integration().targetConnectionId(), "(deleted connection)") + " · "
                + r.integration().targetObject()).setHeader("Writes").setAutoWidth(true).setKey("target");
        grid.addColumn(r -> IntegrationWords.mode(r.integration())).setHeader("Mode").setAutoWidth(true).setKey("mode");
        grid.addColumn(r -> IntegrationWords.status(r.integration())).setHeader("Status").setAutoWidth(true)
                .setKey("status");
        grid.addColumn(r -> IntegrationWords.mapping(r.pinned())).setHeader("Mapping").setAutoWidth(true)
                .setKey("mapping");
        grid.addColumn(r -> r.lastRun().map(IntegrationWords::run).orElse("No runs yet")).setHeader("Last run")
                .setAutoWidth(true).setKey("last-run");
        grid.addColumn(r -> IntegrationWords.template(r.integration())).setHeader("From template").setAutoWidth(true)
                .setKey("template");
        grid.addItemClickListener(event -> UI.getCurrent().navigate("integrations/" + event.getItem().integration().id()));
        grid.setWidthFull();
        emptyState.setId("integrations-empty");
        refusal.setVisible(false);
        add(new H2("Integrations"), refusal, new HorizontalLayout(create, fromTemplate), emptyState, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        try {
            load();
        } catch (ProblemException e) {
            refusal.setText(Notices.message(e));
            refusal.setVisible(true);
            grid.setVisible(false);
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    void load() {
        TenantScope scope = scope();
        create.setVisible(scope.may(Permission.CONFIGURE));
        fromTemplate.setVisible(scope.may(Permission.CONFIGURE));
        boolean none = integrations.list(scope, Optional.empty(), 1).items().isEmpty();
        var all = connections.list(scope, Optional.empty(), Page.MAX_LIMIT).items();
        names = all.stream().collect(Collectors.toMap(ConnectionDetail::id, ConnectionDetail::name, (a, b) -> a));
        emptyState.removeAll();
        emptyState.setVisible(none);
        grid.setVisible(!none);
        if (none && all.isEmpty()) {
            create.setVisible(false);
            fromTemplate.setVisible(false);
            emptyState.add(new Paragraph("No integrations yet. An integration moves records from one connection to"
                    + " another, so start by connecting your point of sale (or try a sandbox without credentials)."),
                    new Anchor("connect", "Add a connection"));
            return;
        }
        if (none) {
            emptyState.add(new Paragraph("No integrations yet. Choose \"New integration\" to move one stream of a"
                    + " connection into another, or \"New from template\" for ready-made ones with their mappings; they"
                    + " start in shadow mode and write nothing until you switch them live."));
            return;
        }
        CursorPaging<Row> paging = new CursorPaging<>((cursor, limit) -> rows(scope,
                integrations.list(scope, cursor, limit)), PAGE_SIZE);
        grid.setItems(query -> paging.rows(query.getOffset(), query.getLimit()));
    }

    /** A page of integrations with each one's pinned version and newest run (two indexed reads each). */
    private Page<Row> rows(TenantScope scope, Page<Integration> page) {
        return new Page<>(page.items().stream().map(i -> new Row(i,
                mappings.pinnedVersion(scope.tenant(), i.id()).map(p -> OptionalInt.of(p.version())).orElse(OptionalInt.empty()),
                runs.list(scope, i.id(), Optional.empty(), 1).items().stream().findFirst())).toList(), page.nextCursor());
    }
}
