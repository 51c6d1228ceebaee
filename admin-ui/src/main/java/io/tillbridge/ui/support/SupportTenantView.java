package io.tillbridge.ui.support;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.support.ImpersonationGrant;
import io.tillbridge.support.ImpersonationService;
import io.tillbridge.support.Staff;
import io.tillbridge.support.StaffAccess;
import io.tillbridge.support.SupportTenantService;
import io.tillbridge.support.TenantDetail;
import io.tillbridge.support.TenantStatusService;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One tenant in the support console ({@code support/tenants/<id>}): plan, status, users and health;
 * suspend or resume with a reason; start an impersonation with a reason.
 */
@Route(value = "support/tenants/:tenantId", layout = MainLayout.class)
@PageTitle("Tenant · Support console · Tillbridge")
class SupportTenantView extends VerticalLayout implements BeforeEnterObserver {

    private final StaffAccess staffAccess;
    private final SupportTenantService tenants;
    private final TenantStatusService statuses;
    private final ImpersonationService impersonations;
    private final H2 title = new H2();
    private final Paragraph summary = new Paragraph();
    private final Paragraph health = new Paragraph();
    final Grid<TenantDetail.Member> users = new Grid<>(TenantDetail.Member.class, false);
    final Grid<TenantDetail.IntegrationSummary> integrations = new Grid<>(TenantDetail.IntegrationSummary.class, false);
    private final H3 integrationsHeading = new H3("Integrations");
    final Button suspend = new Button("Suspend", event -> askReason("Suspend tenant", "Suspend", this::suspend));
    final Button resume = new Button("Resume", event -> resume());
    final Button impersonate = new Button("Start support access", event ->
            askReason("Start support access", "Start", this::impersonate));
    private final HorizontalLayout actions = new HorizontalLayout(impersonate, suspend, resume);
    private TenantDetail detail;

    SupportTenantView(StaffAccess staffAccess, SupportTenantService tenants, TenantStatusService statuses,
            ImpersonationService impersonations) {
        this.staffAccess = staffAccess;
        this.tenants = tenants;
        this.statuses = statuses;
        this.impersonations = impersonations;
        setPadding(false);
        summary.setId("support-tenant-summary");
        health.setId("support-tenant-health");
        impersonate.setId("support-impersonate");
        suspend.setId("support-suspend");
        resume.setId("support-resume");
        impersonate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        suspend.addThemeVariants(ButtonVariant.LUMO_ERROR);
        users.addColumn(TenantDetail.Member::email).setHeader("Email").setAutoWidth(true);
        users.addColumn(TenantDetail.Member::displayName).setHeader("Name").setAutoWidth(true);
        users.addColumn(TenantDetail.Member::role).setHeader("Role").setAutoWidth(true);
        users.addColumn(m -> m.verified() ? "yes" : "no").setHeader("Verified").setAutoWidth(true);
        users.setAllRowsVisible(true);
        integrations.setId("support-tenant-integrations");
        integrations.addColumn(TenantDetail.IntegrationSummary::name).setHeader("Name").setAutoWidth(true);
        integrations.addColumn(i -> i.sourceStream() + " \u2192 " + i.targetObject()).setHeader("Stream \u2192 object")
                .setAutoWidth(true);
        integrations.addColumn(TenantDetail.IntegrationSummary::mode).setHeader("Mode").setAutoWidth(true);
        integrations.addColumn(TenantDetail.IntegrationSummary::status).setHeader("Status").setAutoWidth(true);
        integrations.setAllRowsVisible(true);
        add(title, summary, health, actions, new H3("Users"), users, integrationsHeading, integrations);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        try {
            TenantId tenant = TenantId.of(event.getRouteParameters().get("tenantId").orElse(""));
            load(tenant);
        } catch (ProblemException e) {
            showRefusal(e.getMessage());
        } catch (IllegalArgumentException e) {
            showRefusal("No such tenant.");
        }
    }

    private void showRefusal(String message) {
        title.setText("Support console");
        summary.setText(message);
        health.setText("");
        actions.setVisible(false);
        users.setVisible(false);
        integrationsHeading.setVisible(false);
        integrations.setVisible(false);
    }

    private Staff staff() {
        return staffAccess.require(PortalSession.require().user());
    }

    private void load(TenantId tenant) {
        detail = tenants.detail(staff(), tenant);
        title.setText(detail.name());
        summary.setText("Slug " + detail.slug() + " · plan " + detail.plan() + " · status " + detail.status()
                + (detail.suspendedReason() == null ? "" : " (" + detail.suspendedReason() + ")"));
        TenantDetail.Health h = detail.health();
        health.setText("Members " + h.members() + " · locations " + h.locations() + " · audit events in the last 24 h "
                + h.auditEventsLast24h() + (h.lastActivityAt() == null ? "" : " · last activity " + h.lastActivityAt()));
        users.setItems(detail.users());
        users.setVisible(true);
        integrations.setItems(detail.integrations());
        integrationsHeading.setText(detail.integrations().isEmpty() ? "Integrations: none yet" : "Integrations");
        integrationsHeading.setVisible(true);
        integrations.setVisible(!detail.integrations().isEmpty());
        actions.setVisible(true);
        boolean suspended = "suspended".equals(detail.status());
        suspend.setVisible(!suspended);
        resume.setVisible(suspended);
    }

    private void askReason(String heading, String confirmText, Consumer<String> action) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(heading + ": " + detail.name());
        TextArea reason = new TextArea("Reason (3 to 500 characters, recorded in the audit log)");
        reason.setId("support-reason");
        reason.setWidth("28rem");
        Button confirm = new Button(confirmText, event -> {
            try {
                action.accept(reason.getValue());
                dialog.close();
            } catch (ProblemException e) {
                reason.setInvalid(true);
                reason.setErrorMessage(e.getMessage());
            }
        });
        confirm.setId("support-reason-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(reason);
        dialog.getFooter().add(new Button("Cancel", event -> dialog.close()), confirm);
        dialog.open();
    }

    private void suspend(String reason) {
        statuses.suspend(staff(), new TenantId(detail.id()), reason);
        Notices.done(detail.name() + " is suspended.");
        load(new TenantId(detail.id()));
    }

    private void resume() {
        Notices.attempt(() -> {
            statuses.resume(staff(), new TenantId(detail.id()));
            Notices.done(detail.name() + " is active again.");
            load(new TenantId(detail.id()));
        });
    }

    private void impersonate(String reason) {
        PortalSession session = PortalSession.require();
        if (session.impersonation().isPresent()) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "End the current support access (banner at the top) before starting another.");
        }
        ImpersonationGrant grant = impersonations.start(staff(), new TenantId(detail.id()), reason, null);
        session.withImpersonation(Optional.of(new PortalSession.Impersonating(grant.impersonationId(),
                new TenantId(grant.tenantId()), detail.slug(), detail.name(), grant.writeAccess()))).store();
        UI.getCurrent().navigate("settings");
    }
}
