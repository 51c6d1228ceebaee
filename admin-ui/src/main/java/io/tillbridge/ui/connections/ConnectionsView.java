package io.tillbridge.ui.connections;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.connections.InstalledConnector;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.Optional;

/** The tenant's connections, with their connector and the last check; one click to a connection or a new one. */
@Route(value = "connections", layout = MainLayout.class)
@PageTitle("Connections · Tillbridge")
class ConnectionsView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final ConnectionService connections;
    private final ConnectorCatalog catalog;
    final Grid<ConnectionDetail> grid = new Grid<>(ConnectionDetail.class, false);
    private final Paragraph refusal = new Paragraph();

    ConnectionsView(TenantAccess access, ConnectionService connections, ConnectorCatalog catalog) {
        this.access = access;
        this.connections = connections;
        this.catalog = catalog;
        setPadding(false);
        grid.setId("connections");
        grid.addColumn(ConnectionDetail::name).setHeader("Name").setAutoWidth(true).setKey("name");
        grid.addColumn(c -> connectorName(c.connectorId())).setHeader("System").setAutoWidth(true).setKey("connector");
        grid.addColumn(c -> c.lastCheck() == null ? "Not tested yet" : CheckAdvice.of(c.lastCheck()))
                .setHeader("Last check").setKey("check");
        grid.setAllRowsVisible(true);
        grid.setWidthFull();
        grid.setEmptyStateText("No connections yet. Add one to bring in your POS, or try a sandbox without credentials.");
        grid.addItemClickListener(event -> UI.getCurrent().navigate("connections/" + event.getItem().id()));
        Button add = new Button("Add a connection", event -> UI.getCurrent().navigate("connect"));
        add.setId("connection-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refusal.setVisible(false);
        add(new H2("Connections"), refusal, add, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        try {
            TenantScope scope = PortalSession.require().admit(access);
            grid.setItems(connections.list(scope, Optional.empty(), Page.MAX_LIMIT).items());
            refusal.setVisible(false);
        } catch (ProblemException e) {
            grid.setItems();
            refusal.setText(Notices.message(e));
            refusal.setVisible(true);
        }
    }

    private String connectorName(String id) {
        return catalog.find(id).map(ConnectorCatalog.Entry::connector).map(InstalledConnector::name).orElse(id);
    }
}
