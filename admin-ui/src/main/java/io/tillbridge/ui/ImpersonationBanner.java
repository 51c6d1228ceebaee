package io.tillbridge.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.support.Impersonation;
import io.tillbridge.support.ImpersonationGrant;
import io.tillbridge.support.ImpersonationService;
import io.tillbridge.support.Staff;
import io.tillbridge.support.StaffAccess;
import java.util.Optional;

/**
 * The banner shown above every page while a support user works inside a tenant: whose tenant, as
 * whom, read-only or with write access, and the buttons to confirm write access (by typing the
 * tenant's slug) and to end the session. The impersonation service checks and audits both.
 */
class ImpersonationBanner extends Div {

    static final String READ_ONLY = "read-only";
    static final String WRITE_CONFIRMED = "write access confirmed";

    private final ImpersonationService impersonations;
    private final StaffAccess staffAccess;
    private final Span text = new Span();
    private final Button confirmWrite = new Button("Confirm write access", event -> openConfirmation());
    private final Button end = new Button("End", event -> end());

    ImpersonationBanner(ImpersonationService impersonations, StaffAccess staffAccess) {
        this.impersonations = impersonations;
        this.staffAccess = staffAccess;
        setId("impersonation-banner");
        text.setId("impersonation-text");
        confirmWrite.setId("confirm-write");
        end.setId("end-impersonation");
        confirmWrite.addThemeVariants(ButtonVariant.LUMO_SMALL);
        end.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        text.getStyle().set("font-weight", "600").set("margin-right", "auto");
        add(text, confirmWrite, end);
        getStyle()
                .set("display", "flex")
                .set("align-items", "center")
                .set("gap", "var(--lumo-space-s)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("margin-bottom", "var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("background", "var(--lumo-warning-color-10pct, #fff4d6)")
                .set("border", "2px solid var(--lumo-warning-color, #f0b400)");
        setVisible(false);
    }

    /** The banner text for a session, e.g. "Support access to Corner Bakery as alex@... — read-only". */
    static String describe(PortalSession session, PortalSession.Impersonating impersonation) {
        return "Support access to " + impersonation.tenantName() + " as " + session.email() + " — "
                + (impersonation.writeAccess() ? WRITE_CONFIRMED : READ_ONLY);
    }

    void show(PortalSession session) {
        Optional<PortalSession.Impersonating> impersonation = session.impersonation();
        setVisible(impersonation.isPresent());
        impersonation.ifPresent(i -> {
            text.setText(describe(session, i));
            confirmWrite.setVisible(!i.writeAccess());
        });
    }

    private void openConfirmation() {
        PortalSession session = PortalSession.require();
        PortalSession.Impersonating impersonation = session.impersonation().orElseThrow();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Confirm write access");
        TextField slug = new TextField("Type the tenant's slug: " + impersonation.slug());
        slug.setId("confirm-write-slug");
        slug.setWidthFull();
        Button confirm = new Button("Confirm write access", event -> {
            try {
                Staff staff = staffAccess.require(session.user());
                ImpersonationGrant grant = impersonations.confirmWrite(staff, impersonation.id(), slug.getValue());
                PortalSession updated = session.withImpersonation(Optional.of(new PortalSession.Impersonating(
                        impersonation.id(), impersonation.tenant(), impersonation.slug(), impersonation.tenantName(),
                        grant.writeAccess())));
                updated.store();
                dialog.close();
                show(updated);
                Notices.done("Write access confirmed. Every change is recorded under your name.");
            } catch (ProblemException e) {
                slug.setInvalid(true);
                slug.setErrorMessage(Notices.message(e));
            }
        });
        confirm.setId("confirm-write-submit");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.add(new Paragraph("Changes you make from now on are made in " + impersonation.tenantName()
                + " on the merchant's behalf and are audited under your name."), slug);
        dialog.getFooter().add(new Button("Cancel", event -> dialog.close()), confirm);
        dialog.open();
    }

    private void end() {
        PortalSession session = PortalSession.require();
        session.impersonation().ifPresent(impersonation -> Notices.attempt(() -> {
            Impersonation ended = impersonations.end(staffAccess.require(session.user()), impersonation.id());
            session.withImpersonation(Optional.empty()).store();
            Notices.done("Support access to " + impersonation.tenantName() + " ended.");
            UI.getCurrent().navigate("support/tenants/" + ended.tenantId());
        }));
    }
}
