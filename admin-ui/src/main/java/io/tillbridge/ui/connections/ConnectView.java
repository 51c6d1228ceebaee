package io.tillbridge.ui.connections;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionOAuth;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.connections.InstalledConnector;
import io.tillbridge.connections.OAuthStart;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.Map;
import java.util.Optional;

/**
 * Adding a connection: the catalog of installed connectors with what each does
 * ({@code connect}), then the chosen connector's form, generated from its config schema
 * ({@code connect/<connectorId>}).
 */
@Route(value = "connect/:connectorId?", layout = MainLayout.class)
@PageTitle("Add a connection · Tillbridge")
class ConnectView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final ConnectionService connections;
    private final ConnectorCatalog catalog;
    private final ConnectionOAuth oauth;
    final FlexLayout cards = new FlexLayout();
    final TextField name = new TextField("Connection name");
    final Button save = new Button("Save connection");
    SchemaForm form;
    private InstalledConnector chosen;

    ConnectView(TenantAccess access, ConnectionService connections, ConnectorCatalog catalog, ConnectionOAuth oauth) {
        this.access = access;
        this.connections = connections;
        this.catalog = catalog;
        this.oauth = oauth;
        setPadding(false);
        cards.setId("connector-catalog");
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        name.setId("connection-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(200);
        name.setWidth("24rem");
        name.setMaxWidth("100%");
        save.setId("connection-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(event -> save());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Optional<String> connectorId = event.getRouteParameters().get("connectorId");
        if (connectorId.isEmpty()) {
            showCatalog();
            return;
        }
        Optional<InstalledConnector> connector = catalog.find(connectorId.get()).map(ConnectorCatalog.Entry::connector);
        if (connector.isEmpty()) {
            add(new H2("Add a connection"), new Paragraph("There is no connector \"" + connectorId.get()
                    + "\" on this platform."), new Anchor("connect", "Choose from the catalog"));
            return;
        }
        showForm(connector.get());
    }

    private void showCatalog() {
        cards.removeAll();
        for (InstalledConnector connector : catalog.list()) {
            cards.add(card(connector));
        }
        add(new H2("Add a connection"), new Paragraph("Choose the system to connect."), cards);
    }

    private Div card(InstalledConnector connector) {
        H3 title = new H3(connector.name());
        title.getStyle().set("margin", "0");
        Paragraph what = new Paragraph(connector.description().isBlank() ? "No description." : connector.description());
        Span roles = new Span("Can be: " + String.join(", ", connector.roles()));
        roles.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        Button connect = new Button("Connect " + connector.name(),
                event -> UI.getCurrent().navigate("connect/" + connector.id()));
        connect.setId("connect-" + connector.id());
        Div card = new Div(title, what, roles, new Div(connect));
        card.getStyle().set("width", "18rem").set("padding", "var(--lumo-space-m)")
                .set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)");
        return card;
    }

    private void showForm(InstalledConnector connector) {
        chosen = connector;
        form = new SchemaForm(connector.configSchema());
        name.clear();
        name.setInvalid(false);
        Paragraph intro = new Paragraph(connector.description());
        HorizontalLayout quick = new HorizontalLayout();
        quick.setWrap(true);
        if (connector.sandbox()) {
            Button sandbox = new Button("Try the " + connector.name() + " sandbox", event -> createSandbox());
            sandbox.setId("connection-sandbox");
            sandbox.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            quick.add(sandbox);
        }
        if (connector.oauth() != null && connector.oauth().connect()) {
            Button grant = new Button("Connect with " + connector.name(), event -> startOAuth());
            grant.setId("connection-oauth");
            quick.add(grant);
        }
        Paragraph manual = new Paragraph(quick.getComponentCount() == 0 ? "Enter the connection's settings."
                : "The sandbox needs no credentials and generates realistic data. Or sign in with "
                        + connector.name() + ", or enter the credentials yourself below.");
        add(new H2("Connect " + connector.name()), intro, name, quick, manual, form,
                new HorizontalLayout(save, new Anchor("connect", "Back to the catalog")));
    }

    /** A connection to the vendor's sandbox that ships with the platform: no credentials needed. */
    void createSandbox() {
        String title = name.getValue().isBlank() ? chosen.name() + " sandbox" : name.getValue();
        try {
            ConnectionDetail created = connections.create(PortalSession.require().admit(access),
                    new ConnectionDraft(chosen.id(), title, Map.of(), true));
            Notices.done("Sandbox connection created.");
            UI.getCurrent().navigate("connections/" + created.id());
        } catch (ProblemException e) {
            showRefusal(e);
        }
    }

    /** Sends the browser to the vendor's consent page; the vendor sends it back to the connection. */
    void startOAuth() {
        if (name.getValue().isBlank()) {
            name.setErrorMessage("Give the connection a name, e.g. \"Main street " + chosen.name() + "\"");
            name.setInvalid(true);
            return;
        }
        try {
            Map<String, Object> plain = new java.util.LinkedHashMap<>(form.values());
            form.fields().values().stream().filter(SchemaForm.Field::secret).forEach(f -> plain.remove(f.name()));
            OAuthStart started = oauth.start(PortalSession.require().admit(access),
                    new ConnectionDraft(chosen.id(), name.getValue(), plain, false));
            UI.getCurrent().getPage().setLocation(started.authorizationUrl());
        } catch (ProblemException e) {
            showRefusal(e);
        }
    }

    void save() {
        if (!form.validate(name, "Give the connection a name, e.g. \"Main street Square\"")) {
            return;
        }
        try {
            ConnectionDetail created = connections.create(PortalSession.require().admit(access),
                    new ConnectionDraft(chosen.id(), name.getValue(), form.values()));
            Notices.done("Connection saved. Test it to see that the system accepts it.");
            UI.getCurrent().navigate("connections/" + created.id());
        } catch (ProblemException e) {
            showRefusal(e);
        } catch (IllegalArgumentException e) {
            Notices.error(e.getMessage());
        }
    }

    private void showRefusal(ProblemException e) {
        if (!form.refuse(e, name)) {
            Notices.refused(e);
        }
    }
}
