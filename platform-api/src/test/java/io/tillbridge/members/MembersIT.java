package io.tillbridge.members;

import static io.tillbridge.tenants.TenantFixture.addMember;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.roleOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.Await;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /api/v1/tenants/{id}/members through real HTTP and PostgreSQL. */
@MicronautTest(transactional = false)
class MembersIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants(TenantRole.OWNER, TenantRole.ADMIN, TenantRole.OPERATOR, TenantRole.VIEWER);

    @Test
    void the_list_shows_each_member_with_email_name_role_and_joining_time() {
        var response = api.get(tenants.viewer(), path());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.items()).extracting(m -> m.get("id"))
                .containsExactlyInAnyOrder(tenants.owner().id().toString(), tenants.admin().id().toString(), tenants.operator().id().toString(),
                        tenants.viewer().id().toString());
        Map<String, Object> first = response.items().stream()
                .filter(m -> m.get("id").equals(tenants.owner().id().toString())).findFirst().orElseThrow();
        assertThat(first).containsEntry("email", tenants.owner().email()).containsEntry("role", "owner")
                .containsEntry("name", tenants.owner().email().substring(0, tenants.owner().email().indexOf('@'))).containsKey("joinedAt");
    }

    @Test
    void the_list_comes_in_pages_joined_by_the_cursor() {
        var first = api.get(tenants.viewer(), path() + "?limit=3");
        assertThat(first.items()).hasSize(3);
        var second = api.get(tenants.viewer(), path() + "?limit=3&cursor=" + first.json().get("nextCursor"));
        assertThat(second.items()).hasSize(1);
        assertThat(second.json()).doesNotContainKey("nextCursor");
        List<Object> ids = new ArrayList<>();
        first.items().forEach(m -> ids.add(m.get("id")));
        second.items().forEach(m -> ids.add(m.get("id")));
        assertThat(ids).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void reading_a_member_answers_its_version_as_etag() {
        var response = api.get(tenants.viewer(), member(tenants.operator()));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).hasValue("\"1\"");
        assertThat(response.json()).containsEntry("role", "operator");
    }

    @Test
    void an_admin_changes_an_operator_into_a_viewer() {
        var response = api.put(tenants.admin(), member(tenants.operator()), role("viewer"), "If-Match", "\"1\"");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json()).containsEntry("role", "viewer");
        assertThat(response.header("ETag")).hasValue("\"2\"");
        assertThat(roleOf(tenants.id(), tenants.operator())).isEqualTo("viewer");
    }

    @Test
    void a_role_change_is_audited_with_before_and_after() {
        api.put(tenants.admin(), member(tenants.operator()), role("viewer"), "If-Match", "\"1\"");
        var entries = TenantFixture.audit(tenants.id(), "member.role-changed");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("target_id", tenants.operator().id().toString())
                .containsEntry("actor_id", tenants.admin().id().toString());
        assertThat((String) entries.get(0).get("before")).contains("\"role\": \"operator\"");
        assertThat((String) entries.get(0).get("after")).contains("\"role\": \"viewer\"");
    }

    @Test
    void a_role_change_without_if_match_answers_428() {
        assertThat(api.put(tenants.admin(), member(tenants.operator()), role("viewer")).status()).isEqualTo(428);
        assertThat(roleOf(tenants.id(), tenants.operator())).isEqualTo("operator");
    }

    @Test
    void a_role_change_with_a_stale_etag_answers_412() {
        api.put(tenants.admin(), member(tenants.operator()), role("viewer"), "If-Match", "\"1\"");
        assertThat(api.put(tenants.admin(), member(tenants.operator()), role("admin"), "If-Match", "\"1\"").status()).isEqualTo(412);
        assertThat(roleOf(tenants.id(), tenants.operator())).isEqualTo("viewer");
    }

    @Test
    void an_unknown_role_answers_400_naming_the_field() {
        var response = api.put(tenants.admin(), member(tenants.operator()), role("king"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"role\"");
    }

    @Test
    void an_operator_cannot_change_roles() {
        assertThat(api.put(tenants.operator(), member(tenants.viewer()), role("admin"), "If-Match", "\"1\"").status()).isEqualTo(403);
        assertThat(roleOf(tenants.id(), tenants.viewer())).isEqualTo("viewer");
    }

    @Test
    void an_admin_cannot_make_an_owner() {
        var response = api.put(tenants.admin(), member(tenants.operator()), role("owner"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(403);
        assertThat(roleOf(tenants.id(), tenants.operator())).isEqualTo("operator");
    }

    @Test
    void an_admin_cannot_demote_an_owner() {
        addMember(tenants.id(), TenantFixture.newUser(), TenantRole.OWNER);
        assertThat(api.put(tenants.admin(), member(tenants.owner()), role("viewer"), "If-Match", "\"1\"").status()).isEqualTo(403);
        assertThat(roleOf(tenants.id(), tenants.owner())).isEqualTo("owner");
    }

    @Test
    void an_owner_makes_another_member_owner() {
        assertThat(api.put(tenants.owner(), member(tenants.admin()), role("owner"), "If-Match", "\"1\"").status()).isEqualTo(200);
        assertThat(roleOf(tenants.id(), tenants.admin())).isEqualTo("owner");
    }

    @Test
    void the_last_owner_cannot_be_demoted() {
        var response = api.put(tenants.owner(), member(tenants.owner()), role("admin"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).contains("/problems/last-owner", "only owner");
        assertThat(roleOf(tenants.id(), tenants.owner())).isEqualTo("owner");
    }

    @Test
    void an_owner_may_step_down_while_another_owner_remains() {
        api.put(tenants.owner(), member(tenants.admin()), role("owner"), "If-Match", "\"1\"");
        assertThat(api.put(tenants.owner(), member(tenants.owner()), role("admin"), "If-Match", "\"1\"").status()).isEqualTo(200);
        assertThat(roleOf(tenants.id(), tenants.owner())).isEqualTo("admin");
    }

    @Test
    void an_admin_removes_an_operator() {
        assertThat(api.delete(tenants.admin(), member(tenants.operator())).status()).isEqualTo(204);
        assertThat(roleOf(tenants.id(), tenants.operator())).isNull();
        assertThat(api.get(tenants.operator(), path()).status()).as("a removed member loses access at once").isEqualTo(404);
    }

    @Test
    void a_removal_is_audited_with_the_member_it_removed() {
        api.delete(tenants.admin(), member(tenants.operator()));
        var entries = TenantFixture.audit(tenants.id(), "member.removed");
        assertThat(entries).hasSize(1);
        assertThat((String) entries.get(0).get("before")).contains(tenants.operator().email(), "\"role\": \"operator\"");
    }

    @Test
    void an_admin_cannot_remove_an_owner() {
        addMember(tenants.id(), TenantFixture.newUser(), TenantRole.OWNER);
        assertThat(api.delete(tenants.admin(), member(tenants.owner())).status()).isEqualTo(403);
        assertThat(roleOf(tenants.id(), tenants.owner())).isEqualTo("owner");
    }

    @Test
    void the_last_owner_cannot_be_removed() {
        var response = api.delete(tenants.owner(), member(tenants.owner()));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).contains("/problems/last-owner");
        assertThat(roleOf(tenants.id(), tenants.owner())).isEqualTo("owner");
    }

    @Test
    void an_owner_removes_another_owner() {
        User second = newMember(tenants.id(), TenantRole.OWNER);
        assertThat(api.delete(tenants.owner(), member(second)).status()).isEqualTo(204);
        assertThat(TenantFixture.owners(tenants.id())).isEqualTo(1);
    }

    @Test
    void two_owners_removing_each_other_at_once_leave_exactly_one_owner() throws Exception {
        User second = newMember(tenants.id(), TenantRole.OWNER);
        CompletableFuture<Response> ownerRemovesSecond;
        CompletableFuture<Response> secondRemovesOwner;
        try (Connection blocker = TestDatabase.shared().owner().connect()) {
            blocker.setAutoCommit(false);
            lockMemberships(blocker);
            ownerRemovesSecond = CompletableFuture.supplyAsync(() -> api.delete(tenants.owner(), member(second)));
            secondRemovesOwner = CompletableFuture.supplyAsync(() -> api.delete(second, member(tenants.owner())));
            awaitSessionsWaitingForLocks(blocker, 2);
            blocker.commit();
        }
        List<Integer> statuses = List.of(ownerRemovesSecond.get(20, TimeUnit.SECONDS).status(),
                secondRemovesOwner.get(20, TimeUnit.SECONDS).status());
        assertThat(statuses).containsExactlyInAnyOrder(204, 409);
        assertThat(TenantFixture.owners(tenants.id())).isEqualTo(1);
    }

    @Test
    void a_member_of_two_tenants_is_listed_in_both_and_leaving_one_keeps_the_other() {
        addMember(tenants.otherId(), tenants.operator(), TenantRole.ADMIN);
        assertThat(api.get(tenants.stranger(), "/api/v1/tenants/" + tenants.otherId() + "/members").items())
                .extracting(m -> m.get("id")).contains(tenants.operator().id().toString());
        api.delete(tenants.admin(), member(tenants.operator()));
        assertThat(roleOf(tenants.otherId(), tenants.operator())).isEqualTo("admin");
        assertThat(api.get(tenants.operator(), "/api/v1/tenants/" + tenants.otherId() + "/members").status()).isEqualTo(200);
    }

    @Test
    void a_member_of_another_tenant_is_not_found_through_ones_own_tenant() {
        assertThat(api.get(tenants.admin(), member(tenants.stranger())).status()).isEqualTo(404);
        assertThat(api.put(tenants.admin(), member(tenants.stranger()), role("viewer"), "If-Match", "\"1\"").status()).isEqualTo(404);
        assertThat(api.delete(tenants.admin(), member(tenants.stranger())).status()).isEqualTo(404);
        assertThat(roleOf(tenants.otherId(), tenants.stranger())).isEqualTo("owner");
    }

    @Test
    void another_tenants_user_listing_the_members_gets_404() {
        assertThat(api.get(tenants.stranger(), path()).status()).isEqualTo(404);
    }

    @Test
    void another_tenants_user_reading_a_member_gets_404() {
        assertThat(api.get(tenants.stranger(), member(tenants.operator())).status()).isEqualTo(404);
    }

    @Test
    void another_tenants_user_changing_a_role_gets_404() {
        assertThat(api.put(tenants.stranger(), member(tenants.operator()), role("admin"), "If-Match", "\"1\"").status()).isEqualTo(404);
        assertThat(roleOf(tenants.id(), tenants.operator())).isEqualTo("operator");
    }

    @Test
    void another_tenants_user_removing_a_member_gets_404() {
        assertThat(api.delete(tenants.stranger(), member(tenants.operator())).status()).isEqualTo(404);
        assertThat(roleOf(tenants.id(), tenants.operator())).isEqualTo("operator");
    }

    @Test
    void a_tenant_id_in_the_body_is_ignored() {
        var response = api.put(tenants.admin(), member(tenants.operator()), Map.of("role", "viewer", "tenantId", tenants.otherId().toString()),
                "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(200);
        assertThat(roleOf(tenants.id(), tenants.operator())).isEqualTo("viewer");
    }

    private void lockMemberships(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM memberships WHERE tenant_id = ? FOR UPDATE")) {
            ps.setObject(1, tenants.id());
            ps.executeQuery().close();
        }
    }

    /** Waits until {@code count} sessions of this database wait for a lock (ours or each other's). */
    private static void awaitSessionsWaitingForLocks(Connection c, int count) {
        Await.until(Duration.ofSeconds(15), "the two requests both waiting for the membership locks", () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }, waiting -> waiting >= count);
    }

    private String path() {
        return "/api/v1/tenants/" + tenants.id() + "/members";
    }

    private String member(User user) {
        return path() + "/" + user.id();
    }

    private static Map<String, Object> role(String role) {
        return Map.of("role", role);
    }
}
