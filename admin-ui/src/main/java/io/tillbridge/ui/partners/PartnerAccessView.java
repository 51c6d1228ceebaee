package io.tillbridge.ui.partners;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.partners.PartnerGrant;
import io.tillbridge.partners.PartnerGrants;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Which partners (integrators, agencies) may use this tenant through the API, and granting or
 * revoking that access. A partner's key sees only tenants that granted its partner access.
 */
@Route(value = "partners", layout = MainLayout.class)
@PageTitle("Partner access · Tillbridge")
class PartnerAccessView extends VerticalLayout implements BeforeEnterObserver {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final TenantAccess access;
    private final PartnerGrants grants;
    final TextField partnerId = new TextField("Partner id");
    final Grid<PartnerGrant> grid = new Grid<>(PartnerGrant.class, false);
    private final Paragraph refusal = new Paragraph();

    PartnerAccessView(TenantAccess access, PartnerGrants grants) {
        this.access = access;
        this.grants = grants;
        setPadding(false);
        setSizeFull();

        partnerId.setId("partner-id");
        partnerId.setPlaceholder("The id your partner gave you");
        partnerId.setWidth("24em");
        Button grant = new Button("Grant access", event -> grant());
        grant.setId("partner-grant");
        grant.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(partnerId, grant);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.addColumn(PartnerGrant::partnerName).setHeader("Partner").setAutoWidth(true);
        grid.addColumn(g -> g.partnerId().toString()).setHeader("Partner id").setAutoWidth(true);
        grid.addColumn(g -> TIME.format(g.grantedAt())).setHeader("Granted").setAutoWidth(true);
        grid.addComponentColumn(g -> {
            Button revoke = new Button("Revoke", event -> revoke(g));
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            return revoke;
        }).setHeader("");

        add(new H2("Partner access"),
                new Paragraph("Partners reach this tenant through the API with their own keys, and only while"
                        + " you grant them access. Revoking takes effect at once."),
                form, refusal, grid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isPresent()) {
            refresh();
        }
    }

    private TenantScope scope(Permission permission) {
        return PortalSession.require().admit(access).require(permission);
    }

    private void refresh() {
        try {
            grid.setItems(grants.list(scope(Permission.READ), null, 200).items());
            refusal.setText("");
        } catch (ProblemException e) {
            grid.setItems();
            refusal.setText(Notices.message(e));
        }
    }

    private void grant() {
        UUID id;
        try {
            id = UUID.fromString(partnerId.getValue().trim());
        } catch (IllegalArgumentException e) {
            partnerId.setInvalid(true);
            partnerId.setErrorMessage("A partner id looks like 5b0f7f3e-8a44-4c52-9a0e-3f1f2f0c9d11");
            return;
        }
        partnerId.setInvalid(false);
        if (Notices.attempt(() -> grants.grant(PortalSession.require().caller(), scope(Permission.CONFIGURE), id))) {
            Notices.done("Access granted");
            partnerId.clear();
            refresh();
        }
    }

    private void revoke(PartnerGrant grant) {
        if (Notices.attempt(() -> grants.revoke(PortalSession.require().caller(), scope(Permission.CONFIGURE),
                grant.partnerId()))) {
            Notices.done("Access revoked for " + grant.partnerName());
            refresh();
        }
    }
}
