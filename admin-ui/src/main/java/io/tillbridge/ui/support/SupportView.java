package io.tillbridge.ui.support;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.support.StaffAccess;
import io.tillbridge.support.SupportTenantService;
import io.tillbridge.support.TenantSearch;
import io.tillbridge.support.TenantSummary;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;

/** The support console's tenant search, for platform staff (support or superadmin) only. */
@Route(value = "support", layout = MainLayout.class)
@PageTitle("Support console · Tillbridge")
class SupportView extends VerticalLayout implements BeforeEnterObserver {

    static final String ANY = "any";

    private final StaffAccess staffAccess;
    private final SupportTenantService tenants;
    final TextField query = new TextField("Tenant name, slug or member e-mail");
    final Select<String> status = new Select<>();
    final Grid<TenantSummary> grid = new Grid<>(TenantSummary.class, false);
    private final Paragraph refusal = new Paragraph();
    private final HorizontalLayout searchBar;

    SupportView(StaffAccess staffAccess, SupportTenantService tenants) {
        this.staffAccess = staffAccess;
        this.tenants = tenants;
        setPadding(false);
        query.setId("support-query");
        query.setWidth("24rem");
        query.setClearButtonVisible(true);
        status.setLabel("Status");
        status.setItems(ANY, "active", "suspended");
        status.setValue(ANY);
        Button search = new Button("Search", event -> search());
        search.setId("support-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickShortcut(Key.ENTER);
        searchBar = new HorizontalLayout(query, status, search);
        searchBar.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("support-tenants");
        grid.addColumn(TenantSummary::name).setHeader("Tenant").setAutoWidth(true);
        grid.addColumn(TenantSummary::slug).setHeader("Slug").setAutoWidth(true);
        grid.addColumn(TenantSummary::plan).setHeader("Plan").setAutoWidth(true);
        grid.addColumn(TenantSummary::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(TenantSummary::members).setHeader("Members").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(event -> UI.getCurrent().navigate("support/tenants/" + event.getItem().id()));
        refusal.setId("support-refusal");
        refusal.setVisible(false);
        add(new H2("Support console"), refusal, searchBar, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        PortalSession.current().ifPresent(session -> {
            try {
                staffAccess.require(session.user());
                refusal.setVisible(false);
                searchBar.setVisible(true);
                grid.setVisible(true);
            } catch (ProblemException e) {
                refusal.setText(e.getMessage());
                refusal.setVisible(true);
                searchBar.setVisible(false);
                grid.setVisible(false);
            }
        });
    }

    void search() {
        Notices.attempt(() -> {
            var staff = staffAccess.require(PortalSession.require().user());
            var criteria = new TenantSearch(query.getValue(), ANY.equals(status.getValue()) ? null : status.getValue());
            grid.setItems(tenants.search(staff, criteria, 100, null).items());
        });
    }
}
