package io.tillbridge.members;

import static io.tillbridge.tenants.TenantFixture.addMember;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.roleOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/v1/tenants/{id}/members through real HTTP and PostgreSQL. */
@MicronautTest(transactional = false)
class MembersIT extends TestDatabaseProperties {

    @Inject
    JsonMapper json;

    @Inject
    ApiClient api;
    private UUID tenant;
    private User owner;
    private User admin;
    private User operator;
    private User viewer;
    private UUID otherTenant;
    private User stranger;

    @BeforeEach
    void a_tenant_with_one_member_of_each_role_and_another_tenant() {
        tenant = newTenant("Harbour Coffee");
        owner = newMember(tenant, TenantRole.OWNER);
        admin = newMember(tenant, TenantRole.ADMIN);
        operator = newMember(tenant, TenantRole.OPERATOR);
        viewer = newMember(tenant, TenantRole.VIEWER);
        otherTenant = newTenant("Other Shop");
        stranger = newMember(otherTenant, TenantRole.OWNER);
    }

    @Test
    void the_list_shows_each_member_with_email_name_role_and_joining_time() {
        var response = api.get(viewer, path());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.items()).extracting(m -> m.get("id"))
                .containsExactlyInAnyOrder(owner.id().toString(), admin.id().toString(), operator.id().toString(),
                        viewer.id().toString());
        Map<String, Object> first = response.items().stream()
                .filter(m -> m.get("id").equals(owner.id().toString())).findFirst().orElseThrow();
        assertThat(first).containsEntry("email", owner.email()).containsEntry("role", "owner")
                .containsEntry("name", owner.email().substring(0, owner.email().indexOf('@'))).containsKey("joinedAt");
    }

    @Test
    void the_list_comes_in_pages_joined_by_the_cursor() {
        var first = api.get(viewer, path() + "?limit=3");
        assertThat(first.items()).hasSize(3);
        var second = api.get(viewer, path() + "?limit=3&cursor=" + first.json().get("nextCursor"));
        assertThat(second.items()).hasSize(1);
        assertThat(second.json()).doesNotContainKey("nextCursor");
        List<Object> ids = new ArrayList<>();
        first.items().forEach(m -> ids.add(m.get("id")));
        second.items().forEach(m -> ids.add(m.get("id")));
        assertThat(ids).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void reading_a_member_answers_its_version_as_etag() {
        var response = api.get(viewer, member(operator));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).hasValue("\"1\"");
        assertThat(response.json()).containsEntry("role", "operator");
    }

    @Test
    void an_admin_changes_an_operator_into_a_viewer() {
        var response = api.put(admin, member(operator), role("viewer"), "If-Match", "\"1\"");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json()).containsEntry("role", "viewer");
        assertThat(response.header("ETag")).hasValue("\"2\"");
        assertThat(roleOf(tenant, operator)).isEqualTo("viewer");
    }

    @Test
    void a_role_change_is_audited_with_before_and_after() {
        api.put(admin, member(operator), role("viewer"), "If-Match", "\"1\"");
        var entries = TenantFixture.audit(tenant, "member.role-changed");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0)).containsEntry("target_id", operator.id().toString())
                .containsEntry("actor_id", admin.id().toString());
        assertThat((String) entries.get(0).get("before")).contains("\"role\": \"operator\"");
        assertThat((String) entries.get(0).get("after")).contains("\"role\": \"viewer\"");
    }

    @Test
    void a_role_change_without_if_match_answers_428() {
        assertThat(api.put(admin, member(operator), role("viewer")).status()).isEqualTo(428);
        assertThat(roleOf(tenant, operator)).isEqualTo("operator");
    }

    @Test
    void a_role_change_with_a_stale_etag_answers_412() {
        api.put(admin, member(operator), role("viewer"), "If-Match", "\"1\"");
        assertThat(api.put(admin, member(operator), role("admin"), "If-Match", "\"1\"").status()).isEqualTo(412);
        assertThat(roleOf(tenant, operator)).isEqualTo("viewer");
    }

    @Test
    void an_unknown_role_answers_400_naming_the_field() {
        var response = api.put(admin, member(operator), role("king"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"role\"");
    }

    @Test
    void an_operator_cannot_change_roles() {
        assertThat(api.put(operator, member(viewer), role("admin"), "If-Match", "\"1\"").status()).isEqualTo(403);
        assertThat(roleOf(tenant, viewer)).isEqualTo("viewer");
    }

    @Test
    void an_admin_cannot_make_an_owner() {
        var response = api.put(admin, member(operator), role("owner"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(403);
        assertThat(roleOf(tenant, operator)).isEqualTo("operator");
    }

    @Test
    void an_admin_cannot_demote_an_owner() {
        addMember(tenant, TenantFixture.newUser(), TenantRole.OWNER);
        assertThat(api.put(admin, member(owner), role("viewer"), "If-Match", "\"1\"").status()).isEqualTo(403);
        assertThat(roleOf(tenant, owner)).isEqualTo("owner");
    }

    @Test
    void an_owner_makes_another_member_owner() {
        assertThat(api.put(owner, member(admin), role("owner"), "If-Match", "\"1\"").status()).isEqualTo(200);
        assertThat(roleOf(tenant, admin)).isEqualTo("owner");
    }

    @Test
    void the_last_owner_cannot_be_demoted() {
        var response = api.put(owner, member(owner), role("admin"), "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).contains("/problems/last-owner", "only owner");
        assertThat(roleOf(tenant, owner)).isEqualTo("owner");
    }

    @Test
    void an_owner_may_step_down_while_another_owner_remains() {
        api.put(owner, member(admin), role("owner"), "If-Match", "\"1\"");
        assertThat(api.put(owner, member(owner), role("admin"), "If-Match", "\"1\"").status()).isEqualTo(200);
        assertThat(roleOf(tenant, owner)).isEqualTo("admin");
    }

    @Test
    void an_admin_removes_an_operator() {
        assertThat(api.delete(admin, member(operator)).status()).isEqualTo(204);
        assertThat(roleOf(tenant, operator)).isNull();
        assertThat(api.get(operator, path()).status()).as("a removed member loses access at once").isEqualTo(404);
    }

    @Test
    void a_removal_is_audited_with_the_member_it_removed() {
        api.delete(admin, member(operator));
        var entries = TenantFixture.audit(tenant, "member.removed");
        assertThat(entries).hasSize(1);
        assertThat((String) entries.get(0).get("before")).contains(operator.email(), "\"role\": \"operator\"");
    }

    @Test
    void an_admin_cannot_remove_an_owner() {
        addMember(tenant, TenantFixture.newUser(), TenantRole.OWNER);
        assertThat(api.delete(admin, member(owner)).status()).isEqualTo(403);
        assertThat(roleOf(tenant, owner)).isEqualTo("owner");
    }

    @Test
    void the_last_owner_cannot_be_removed() {
        var response = api.delete(owner, member(owner));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).contains("/problems/last-owner");
        assertThat(roleOf(tenant, owner)).isEqualTo("owner");
    }

    @Test
    void an_owner_removes_another_owner() {
        User second = newMember(tenant, TenantRole.OWNER);
        assertThat(api.delete(owner, member(second)).status()).isEqualTo(204);
        assertThat(TenantFixture.owners(tenant)).isEqualTo(1);
    }

    @Test
    void two_owners_removing_each_other_at_once_leave_exactly_one_owner() throws Exception {
        User second = newMember(tenant, TenantRole.OWNER);
        CompletableFuture<Response> ownerRemovesSecond;
        CompletableFuture<Response> secondRemovesOwner;
        try (Connection blocker = TestDatabase.shared().owner().connect()) {
            blocker.setAutoCommit(false);
            lockMemberships(blocker);
            ownerRemovesSecond = CompletableFuture.supplyAsync(() -> api.delete(owner, member(second)));
            secondRemovesOwner = CompletableFuture.supplyAsync(() -> api.delete(second, member(owner)));
            awaitSessionsWaitingForLocks(blocker, 2);
            blocker.commit();
        }
        List<Integer> statuses = List.of(ownerRemovesSecond.get(20, TimeUnit.SECONDS).status(),
                secondRemovesOwner.get(20, TimeUnit.SECONDS).status());
        assertThat(statuses).containsExactlyInAnyOrder(204, 409);
        assertThat(TenantFixture.owners(tenant)).isEqualTo(1);
    }

    @Test
    void a_member_of_two_tenants_is_listed_in_both_and_leaving_one_keeps_the_other() {
        addMember(otherTenant, operator, TenantRole.ADMIN);
        assertThat(api.get(stranger, "/api/v1/tenants/" + otherTenant + "/members").items())
                .extracting(m -> m.get("id")).contains(operator.id().toString());
        api.delete(admin, member(operator));
        assertThat(roleOf(otherTenant, operator)).isEqualTo("admin");
        assertThat(api.get(operator, "/api/v1/tenants/" + otherTenant + "/members").status()).isEqualTo(200);
    }

    @Test
    void a_member_of_another_tenant_is_not_found_through_ones_own_tenant() {
        assertThat(api.get(admin, member(stranger)).status()).isEqualTo(404);
        assertThat(api.put(admin, member(stranger), role("viewer"), "If-Match", "\"1\"").status()).isEqualTo(404);
        assertThat(api.delete(admin, member(stranger)).status()).isEqualTo(404);
        assertThat(roleOf(otherTenant, stranger)).isEqualTo("owner");
    }

    @Test
    void another_tenants_user_listing_the_members_gets_404() {
        assertThat(api.get(stranger, path()).status()).isEqualTo(404);
    }

    @Test
    void another_tenants_user_reading_a_member_gets_404() {
        assertThat(api.get(stranger, member(operator)).status()).isEqualTo(404);
    }

    @Test
    void another_tenants_user_changing_a_role_gets_404() {
        assertThat(api.put(stranger, member(operator), role("admin"), "If-Match", "\"1\"").status()).isEqualTo(404);
        assertThat(roleOf(tenant, operator)).isEqualTo("operator");
    }

    @Test
    void another_tenants_user_removing_a_member_gets_404() {
        assertThat(api.delete(stranger, member(operator)).status()).isEqualTo(404);
        assertThat(roleOf(tenant, operator)).isEqualTo("operator");
    }

    @Test
    void a_tenant_id_in_the_body_is_ignored() {
        var response = api.put(admin, member(operator), Map.of("role", "viewer", "tenantId", otherTenant.toString()),
                "If-Match", "\"1\"");
        assertThat(response.status()).isEqualTo(200);
        assertThat(roleOf(tenant, operator)).isEqualTo("viewer");
    }

    private void lockMemberships(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM memberships WHERE tenant_id = ? FOR UPDATE")) {
            ps.setObject(1, tenant);
            ps.executeQuery().close();
        }
    }

    /** Waits until {@code count} sessions of this database wait for a lock (ours or each other's). */
    private static void awaitSessionsWaitingForLocks(Connection c, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= count) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the two requests never both waited for the membership locks");
    }

    private String path() {
        return "/api/v1/tenants/" + tenant + "/members";
    }

    private String member(User user) {
        return path() + "/" + user.id();
    }

    private static Map<String, Object> role(String role) {
        return Map.of("role", role);
    }
}
