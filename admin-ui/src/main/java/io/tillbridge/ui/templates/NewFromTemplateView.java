package io.tillbridge.ui.templates;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.templates.TemplateCatalog;
import io.tillbridge.templates.TemplateInstallDraft;
import io.tillbridge.templates.TemplateInstallation;
import io.tillbridge.templates.TemplateInstalls;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.List;
import java.util.Optional;

/**
 * New integrations from a template ({@code integrations/new-from-template}, DD-039): the template,
 * the POS it reads and the connection it writes (one of the tenant's, or a new one filled in with
 * the template's suggested settings). Installing makes all of the template's integrations in shadow
 * mode, with their mappings and schedules, or nothing; the integrations list opens afterwards.
 */
@Route(value = "integrations/new-from-template", layout = MainLayout.class)
@PageTitle("New from template · Tillbridge")
class NewFromTemplateView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final TemplateCatalog catalog;
    private final TemplateInstalls installs;
    private final ConnectionService connections;
    private final ConnectorCatalog connectors;
    TemplateInstallForm form;

    NewFromTemplateView(TenantAccess access, TemplateCatalog catalog, TemplateInstalls installs,
            ConnectionService connections, ConnectorCatalog connectors) {
        this.access = access;
        this.catalog = catalog;
        this.installs = installs;
        this.connections = connections;
        this.connectors = connectors;
        setPadding(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        removeAll();
        Span breadcrumbs = new Span();
        breadcrumbs.add(new Anchor("integrations", "Integrations"), new Span(" › New from template"));
        add(breadcrumbs, new H2("New from template"));
        List<ConnectionDetail> all;
        try {
            TenantScope scope = scope();
            scope.require(Permission.CONFIGURE);
            all = connections.list(scope, Optional.empty(), Page.MAX_LIMIT).items();
        } catch (ProblemException e) {
            add(new Paragraph(Notices.message(e)));
            return;
        }
        form = new TemplateInstallForm(catalog.list(), all, id -> connectors.find(id).map(ConnectorCatalog.Entry::connector),
                this::install);
        add(new Paragraph("A template makes ready-made integrations with their mappings and schedules, for any POS."
                + " They start in shadow mode: their runs show what they would write and write nothing until you switch"
                + " them to live. You can change each of them afterwards."), form, new Anchor("integrations", "Cancel"));
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    void install(TemplateInstallForm.Choice choice) {
        TemplateInstallDraft draft = new TemplateInstallDraft(choice.source(), choice.target(), choice.namePrefix(),
                "shadow", true);
        try {
            TemplateInstallation installed = choice.target() != null
                    ? installs.install(scope(), choice.template().id(), draft)
                    : installs.installWithNewTarget(scope(), choice.template().id(), choice.newTarget(), draft);
            Notices.done(choice.template().name() + ": " + installed.integrations().size()
                    + (installed.integrations().size() == 1 ? " integration" : " integrations")
                    + " created, in shadow mode.");
            UI.getCurrent().navigate("integrations");
        } catch (ProblemException e) {
            form.refuse(e);
        }
    }
}
