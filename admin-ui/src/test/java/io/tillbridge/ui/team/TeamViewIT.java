package io.tillbridge.ui.team;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantRole;
import io.tillbridge.members.Member;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.TestContexts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TeamViewIT {

    private static ApplicationContext context;
    private String owner;

    @BeforeAll
    static void start() {
        context = TestContexts.run();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void signInAsTheOnlyOwner() {
        owner = PortalFixture.signUp(context, "Team Test Bakery");
        MockPortal.setUp(context);
        PortalFixture.signIn(context, owner);
        UI.getCurrent().navigate("team");
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void the_members_grid_lists_the_owner() {
        List<Member> members = com.github.mvysny.kaributesting.v10.GridKt._findAll(_get(TeamView.class).memberGrid);

        assertThat(members).extracting(Member::email, Member::role).containsExactly(org.assertj.core.groups.Tuple.tuple(owner, "owner"));
    }

    @Test
    void the_invite_form_describes_the_chosen_role_and_names_roles_in_words() {
        InviteForm form = _get(TeamView.class).inviteForm;

        form.role.setValue(TenantRole.VIEWER);

        assertThat(form.role.getHelperText()).isEqualTo("Reads everything, changes nothing.");
        assertThat(form.role.getItemLabelGenerator().apply(TenantRole.OPERATOR)).isEqualTo("Operator");
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._getFormatted(_get(TeamView.class).memberGrid, 0, "role"))
                .isEqualTo("Owner");
    }

    @Test
    void an_empty_invitation_list_says_what_to_do() {
        assertThat(_get(TeamView.class).invitationGrid.getEmptyStateText()).contains("Invite a colleague");
    }

    @Test
    void removing_the_last_owner_is_refused_with_a_readable_message() {
        TeamView view = _get(TeamView.class);
        Member self = com.github.mvysny.kaributesting.v10.GridKt._get(view.memberGrid, 0);

        view.remove(self);

        assertThat(messages()).anySatisfy(text -> assertThat(text).contains("is the tenant's only owner and cannot be removed"));
    }

    @Test
    void demoting_the_last_owner_is_refused_with_a_readable_message() {
        TeamView view = _get(TeamView.class);
        Member self = com.github.mvysny.kaributesting.v10.GridKt._get(view.memberGrid, 0);

        view.changeRole(self, TenantRole.ADMIN);

        assertThat(messages()).anySatisfy(text -> assertThat(text).contains("cannot be demoted"));
    }

    @Test
    void an_impersonation_with_write_access_sees_the_team_read_only_and_cannot_invite_or_change_roles() throws Exception {
        PortalSession merchant = PortalSession.current().orElseThrow();
        String supportEmail = PortalFixture.signUp(context, "Support Desk");
        PortalSession support = PortalFixture.signIn(context, supportEmail);
        UUID impersonation = UUID.randomUUID();
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO impersonations (id, support_user_id, tenant_id,"
                        + " reason, expires_at, write_confirmed_at) VALUES (?, ?, ?, 'team test', now() + interval '30 minutes', now())")) {
            ps.setObject(1, impersonation);
            ps.setObject(2, support.userId());
            ps.setObject(3, merchant.requireTenant().value());
            ps.executeUpdate();
        }
        support.withImpersonation(Optional.of(new PortalSession.Impersonating(impersonation, merchant.requireTenant(),
                "team-test", "Team Test Bakery", true))).store();
        UI.getCurrent().navigate("team");
        TeamView view = _get(TeamView.class);

        assertThat(view.inviteForm.isVisible()).as("invite form").isFalse();
        assertThat(view.delegatedNotice.isVisible()).as("read-only notice").isTrue();
        view.invite("newcomer@portal.example", TenantRole.ADMIN);
        Member owner = com.github.mvysny.kaributesting.v10.GridKt._get(view.memberGrid, 0);
        view.changeRole(owner, TenantRole.VIEWER);

        assertThat(messages()).filteredOn(text -> text.contains("A support impersonation cannot invite, change or remove members"))
                .hasSize(2);
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._findAll(view.memberGrid))
                .extracting(Member::email, Member::role).containsExactly(org.assertj.core.groups.Tuple.tuple(this.owner, "owner"));
        assertThat(com.github.mvysny.kaributesting.v10.GridKt._findAll(view.invitationGrid)).isEmpty();
    }

    private static List<String> messages() {
        return NotificationsKt.getNotifications().stream().map(n -> n.getElement().getProperty("text")).toList();
    }
}
