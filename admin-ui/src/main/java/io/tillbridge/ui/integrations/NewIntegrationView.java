package io.tillbridge.ui.integrations;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.Optional;
import java.util.UUID;

/**
 * A new integration: its name, the connection and stream it reads, the connection and object it
 * writes, and its tolerance of record errors; {@code ?source=} and {@code ?target=} preselect the
 * connections. It starts in shadow mode, and its page opens once it is created.
 */
@Route(value = "integrations/new", layout = MainLayout.class)
@PageTitle("New integration · Tillbridge")
class NewIntegrationView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final IntegrationService integrations;
    private final ConnectionChoices choices;
    final Button create = new Button("Create integration");
    final Paragraph refusal = new Paragraph();
    IntegrationForm form;

    NewIntegrationView(TenantAccess access, IntegrationService integrations, ConnectionService connections,
            ConnectorCatalog catalog) {
        this.access = access;
        this.integrations = integrations;
        this.choices = new ConnectionChoices(connections, catalog);
        setPadding(false);
        create.setId("integration-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(event -> create());
        refusal.setId("integration-refusal");
        refusal.setVisible(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        removeAll();
        Span breadcrumbs = new Span();
        breadcrumbs.add(new Anchor("integrations", "Integrations"), new Span(" › New integration"));
        add(breadcrumbs, new H2("New integration"));
        try {
            form = choices.form(scope());
        } catch (ProblemException e) {
            add(new Paragraph(Notices.message(e)));
            return;
        }
        if (form.source.getListDataView().getItemCount() == 0 || form.target.getListDataView().getItemCount() == 0) {
            add(new Paragraph("An integration reads from one connection and writes to another, and this tenant has"
                    + " no connection to " + (form.source.getListDataView().getItemCount() == 0 ? "read from" : "write to")
                    + " yet."), new Anchor("connect", "Add a connection"));
            return;
        }
        QueryParameters query = event.getLocation().getQueryParameters();
        id(query, "source").ifPresent(id -> form.preselect(form.source, id));
        id(query, "target").ifPresent(id -> form.preselect(form.target, id));
        add(new Paragraph("It starts in shadow mode: its runs show what they would write and write nothing until you"
                + " switch it to live."), refusal, form, new HorizontalLayout(create, new Anchor("integrations", "Cancel")));
    }

    private static Optional<UUID> id(QueryParameters query, String name) {
        try {
            return query.getSingleParameter(name).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    void create() {
        refusal.setVisible(false);
        Optional<IntegrationDraft> draft = form.draft(null);
        if (draft.isEmpty()) {
            return;
        }
        try {
            Integration created = integrations.create(scope(), draft.get());
            Notices.done(created.name() + " created, in shadow mode.");
            UI.getCurrent().navigate("integrations/" + created.id());
        } catch (ProblemException e) {
            if (!form.refuse(e)) {
                refusal.setText(Notices.message(e));
                refusal.setVisible(true);
            }
        }
    }
}
