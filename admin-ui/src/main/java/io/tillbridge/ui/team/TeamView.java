package io.tillbridge.ui.team;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantRole;
import io.tillbridge.access.TenantScope;
import io.tillbridge.members.Invitation;
import io.tillbridge.members.InvitationService;
import io.tillbridge.members.Member;
import io.tillbridge.members.MemberService;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** The tenant's members (role change, removal) and its pending invitations (invite, revoke). */
@Route(value = "team", layout = MainLayout.class)
@PageTitle("Team · Tillbridge")
class TeamView extends VerticalLayout implements BeforeEnterObserver {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final TenantAccess access;
    private final MemberService members;
    private final InvitationService invitations;
    final Grid<Member> memberGrid = new Grid<>(Member.class, false);
    final Grid<Invitation> invitationGrid = new Grid<>(Invitation.class, false);
    final InviteForm inviteForm = new InviteForm();
    private final Paragraph refusal = new Paragraph();
    final Paragraph delegatedNotice = new Paragraph("You are working in this tenant through support access: the"
            + " team is read-only. Only the tenant's own owners and admins invite, change or remove members.");
    private boolean mayManage;

    TeamView(TenantAccess access, MemberService members, InvitationService invitations) {
        this.access = access;
        this.members = members;
        this.invitations = invitations;
        setPadding(false);

        memberGrid.setId("members");
        memberGrid.addColumn(Member::name).setHeader("Name").setAutoWidth(true);
        memberGrid.addColumn(Member::email).setHeader("Email").setAutoWidth(true);
        memberGrid.addColumn(m -> RoleChoices.label(m.tenantRole())).setKey("role").setHeader("Role").setAutoWidth(true);
        memberGrid.addColumn(m -> DAY.format(m.joinedAt())).setHeader("Joined").setAutoWidth(true);
        memberGrid.addComponentColumn(this::memberActions).setHeader("Actions").setAutoWidth(true).setFlexGrow(0)
                .setFrozenToEnd(true);
        memberGrid.setAllRowsVisible(true);
        memberGrid.setWidthFull();
        memberGrid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);

        invitationGrid.setId("invitations");
        invitationGrid.addColumn(Invitation::email).setHeader("Email").setAutoWidth(true);
        invitationGrid.addColumn(i -> RoleChoices.label(TenantRole.fromWire(i.role()))).setHeader("Role").setAutoWidth(true);
        invitationGrid.addColumn(i -> DAY.format(i.expiresAt())).setHeader("Expires").setAutoWidth(true);
        invitationGrid.addComponentColumn(this::invitationActions).setHeader("Actions").setAutoWidth(true)
                .setFlexGrow(0).setFrozenToEnd(true);
        invitationGrid.setAllRowsVisible(true);
        invitationGrid.setWidthFull();
        invitationGrid.setEmptyStateText("No pending invitations. Invite a colleague with the form above.");

        inviteForm.addInviteListener(event -> invite(event.email(), event.role()));
        refusal.setId("team-refusal");
        refusal.setVisible(false);
        delegatedNotice.setId("team-delegated");
        delegatedNotice.setVisible(false);
        add(new H2("Team"), refusal, delegatedNotice, memberGrid, new H3("Invitations"), inviteForm, invitationGrid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isPresent()) {
            refresh();
        }
    }

    private void refresh() {
        try {
            TenantScope scope = scope();
            // Delegated access never manages members (DD-019); the services refuse it too.
            mayManage = scope.may(Permission.MANAGE_MEMBERS) && !scope.delegated();
            delegatedNotice.setVisible(scope.delegated());
            Page<Member> page = members.list(scope, Optional.empty(), Page.MAX_LIMIT);
            memberGrid.setItems(page.items());
            invitationGrid.setItems(invitations.listPending(scope, Optional.empty(), Page.MAX_LIMIT).items());
            inviteForm.setVisible(mayManage);
            refusal.setVisible(false);
        } catch (ProblemException e) {
            memberGrid.setItems();
            invitationGrid.setItems();
            inviteForm.setVisible(false);
            refusal.setText(e.getMessage());
            refusal.setVisible(true);
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    private HorizontalLayout memberActions(Member member) {
        Select<TenantRole> role = new Select<>();
        role.setItems(TenantRole.values());
        RoleChoices.describe(role, false);
        role.setValue(member.tenantRole());
        role.setTooltipText(RoleChoices.description(member.tenantRole()));
        role.setAriaLabel("Role of " + member.email());
        role.setWidth("9rem");
        role.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                changeRole(member, event.getValue());
            }
        });
        Button remove = new Button("Remove", event -> confirmRemoval(member));
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout actions = new HorizontalLayout(role, remove);
        actions.setVisible(mayManage);
        return actions;
    }

    private Button invitationActions(Invitation invitation) {
        Button revoke = new Button("Revoke", event -> revoke(invitation));
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        revoke.setVisible(mayManage);
        return revoke;
    }

    void changeRole(Member member, TenantRole role) {
        if (Notices.attempt(() -> members.changeRole(scope(), member.id(), member.version(), role))) {
            Notices.done(member.email() + " is now " + role.wire() + ".");
        }
        refresh();
    }

    private void confirmRemoval(Member member) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Remove " + member.email() + "?");
        dialog.add(new Paragraph("They lose access to this tenant at once."));
        Button remove = new Button("Remove", event -> {
            dialog.close();
            remove(member);
        });
        remove.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.getFooter().add(new Button("Cancel", event -> dialog.close()), remove);
        dialog.open();
    }

    void remove(Member member) {
        if (Notices.attempt(() -> members.remove(scope(), member.id()))) {
            Notices.done(member.email() + " was removed.");
        }
        refresh();
    }

    void invite(String email, TenantRole role) {
        if (Notices.attempt(() -> invitations.invite(scope(), email, role))) {
            Notices.done("Invitation sent to " + email + ".");
            inviteForm.clear();
        }
        refresh();
    }

    private void revoke(Invitation invitation) {
        if (Notices.attempt(() -> invitations.revoke(scope(), invitation.id()))) {
            Notices.done("The invitation to " + invitation.email() + " was revoked.");
        }
        refresh();
    }
}
