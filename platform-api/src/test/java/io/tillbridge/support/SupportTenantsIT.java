package io.tillbridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.access.Caller;
import io.tillbridge.audit.TestFixtures;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The support console's tenant search and detail, and who may use the console at all. */
@MicronautTest(transactional = false)
class SupportTenantsIT extends TestDatabaseProperties {

    @Inject
    AccessTokens tokens;

    @Inject
    ApiClient api;

    private String supportToken;
    private TestFixtures.User support;
    private TestFixtures.Tenant bakery;
    private TestFixtures.User bakeryOwner;
    private String bakeryOwnerToken;
    /** A word that only this class's tenants carry in their names. */
    private final String marker = "Zq" + TestFixtures.random();

    @BeforeAll
    void tenants_members_and_staff() {
        support = TestFixtures.staff("support");
        supportToken = api.staffToken(support, Caller.PlatformRole.SUPPORT);
        bakery = TestFixtures.tenant("Corner Bakery " + marker);
        bakeryOwner = TestFixtures.member(bakery, "owner");
        TestFixtures.verify(bakeryOwner);
        bakeryOwnerToken = api.token(bakeryOwner);
        TestFixtures.member(bakery, "viewer");
        TestFixtures.location(bakery, "Main Street");
        TestFixtures.location(bakery, "Station");
        TestFixtures.partnerGrant(bakery, "Ledgerly " + marker, false);
        TestFixtures.tenant("Harbour Fish " + marker);
    }

    @Test
    void staff_find_a_tenant_by_part_of_its_name_in_any_case() {
        Response reply = api.bearer(supportToken).get("/api/v1/support/tenants?q=" + ("corner bakery " + marker).toUpperCase()
                .replace(" ", "%20"));

        assertThat(slugs(reply)).containsExactly(bakery.slug());
    }

    @Test
    void staff_find_a_tenant_by_its_slug() {
        assertThat(slugs(api.bearer(supportToken).get("/api/v1/support/tenants?q=" + bakery.slug())))
                .containsExactly(bakery.slug());
    }

    @Test
    void staff_find_a_tenant_by_part_of_a_members_email_in_any_case() {
        String localPart = bakeryOwner.email().substring(0, bakeryOwner.email().indexOf('@')).toUpperCase();

        assertThat(slugs(api.bearer(supportToken).get("/api/v1/support/tenants?q=" + localPart))).containsExactly(bakery.slug());
    }

    @Test
    void search_hits_show_plan_status_and_member_count() {
        Map<String, Object> hit = api.bearer(supportToken).get("/api/v1/support/tenants?q=" + bakery.slug()).items().get(0);

        assertThat(hit).containsEntry("id", bakery.id().toString()).containsEntry("name", bakery.name())
                .containsEntry("plan", "growth").containsEntry("status", "active").containsEntry("members", 2);
    }

    @Test
    void like_wildcards_in_the_search_text_match_only_themselves() {
        assertThat(slugs(api.bearer(supportToken).get("/api/v1/support/tenants?q=" + marker + "%25"))).isEmpty();
    }

    @Test
    void the_status_filter_keeps_tenants_in_that_status() {
        TestFixtures.Tenant suspended = TestFixtures.tenant("Closed Cafe " + marker);
        TestFixtures.update("UPDATE tenants SET status = 'suspended', suspended_at = now() WHERE id = ?", suspended.id());

        assertThat(slugs(api.bearer(supportToken).get("/api/v1/support/tenants?status=suspended&q=" + marker)))
                .containsExactly(suspended.slug());
    }

    @Test
    void an_unknown_status_answers_400() {
        assertThat(api.bearer(supportToken).get("/api/v1/support/tenants?status=deleted").status()).isEqualTo(400);
    }

    @Test
    void search_results_come_in_cursor_pages_by_name() {
        String word = "Pg" + TestFixtures.random();
        List<String> names = new ArrayList<>();
        for (String name : List.of("Delta", "alpha", "Charlie", "bravo", "Echo")) {
            names.add(TestFixtures.tenant(name + " " + word).name());
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        List<String> read = new ArrayList<>();
        String cursor = null;
        do {
            Response reply = api.bearer(supportToken).get("/api/v1/support/tenants?limit=2&q=" + word
                    + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(reply.status()).isEqualTo(200);
            reply.items().forEach(item -> read.add((String) item.get("name")));
            cursor = (String) reply.get("nextCursor");
        } while (cursor != null);
        assertThat(read).isEqualTo(names);
    }

    @Test
    void a_search_is_recorded_in_the_audit_log() {
        String text = "audited-" + TestFixtures.random();
        api.bearer(supportToken).get("/api/v1/support/tenants?q=" + text);

        assertThat(TestFixtures.rows("SELECT tenant_id, actor_kind, actor_id, actor_label FROM audit_log"
                + " WHERE action = 'support.tenants.searched' AND after->>'q' = ?", text))
                .containsExactly(Arrays.asList(null, "support", support.id().toString(), support.email()));
    }

    @Test
    void the_detail_lists_the_tenants_own_integrations_and_no_other_tenants() {
        TestFixtures.Tenant shop = TestFixtures.tenant("Integrated Shop");
        TestFixtures.Tenant other = TestFixtures.tenant("Other Shop");
        UUID first = TestFixtures.integration(shop, "Orders to warehouse", "live");
        UUID second = TestFixtures.integration(shop, "Refunds report", "shadow");
        TestFixtures.integration(other, "Not theirs", "live");

        Response reply = api.bearer(supportToken).get("/api/v1/support/tenants/" + shop.id());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(list(reply, "integrations")).extracting(i -> i.get("id"), i -> i.get("name"), i -> i.get("mode"),
                i -> i.get("status"), i -> i.get("sourceStream"), i -> i.get("targetObject")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(first.toString(), "Orders to warehouse", "live", "active", "orders", "pos_orders"),
                org.assertj.core.groups.Tuple.tuple(second.toString(), "Refunds report", "shadow", "active", "orders", "pos_orders"));
    }

    @Test
    void the_detail_shows_plan_status_users_partner_grants_and_no_integrations_for_a_tenant_without_any() {
        Response reply = api.bearer(supportToken).get("/api/v1/support/tenants/" + bakery.id());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("slug", bakery.slug()).containsEntry("plan", "growth")
                .containsEntry("status", "active").containsEntry("integrations", List.of());
        assertThat(list(reply, "users")).extracting(u -> u.get("role"), u -> u.get("email"), u -> u.get("verified"))
                .first().isEqualTo(org.assertj.core.groups.Tuple.tuple("owner", bakeryOwner.email(), true));
        assertThat(list(reply, "users")).extracting(u -> u.get("role")).containsExactly("owner", "viewer");
        assertThat(list(reply, "users").get(1)).containsEntry("verified", false);
        assertThat(list(reply, "partnerGrants")).singleElement()
                .satisfies(g -> assertThat(g).containsEntry("partnerName", "Ledgerly " + marker)
                        .containsEntry("active", true));
    }

    @Test
    void the_health_summary_counts_members_locations_and_recent_activity() {
        TestFixtures.Tenant busy = TestFixtures.tenant("Busy Bistro");
        TestFixtures.member(busy, "owner");
        TestFixtures.location(busy, "Only shop");
        Instant lastActivity = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TestFixtures.auditRow(busy, "user", "u", "location.created", "location", "l", Instant.now().minus(3, ChronoUnit.DAYS), null, null);
        TestFixtures.auditRow(busy, "user", "u", "location.updated", "location", "l", lastActivity, null, null);
        TestFixtures.auditRow(busy, "support", "s", "support.tenant.viewed", "tenant", "t", Instant.now(), null, null);

        Response reply = api.bearer(supportToken).get("/api/v1/support/tenants/" + busy.id());

        assertThat(reply.get("health")).isEqualTo(Map.of("members", 1, "locations", 1, "auditEventsLast24h", 1,
                "lastActivityAt", lastActivity.toString()));
    }

    @Test
    void viewing_a_tenant_is_recorded_in_its_audit_log() {
        TestFixtures.Tenant viewed = TestFixtures.tenant("Viewed");
        api.bearer(supportToken).get("/api/v1/support/tenants/" + viewed.id());

        assertThat(TestFixtures.rows("SELECT actor_kind, actor_id, target_type, target_id FROM audit_log"
                + " WHERE tenant_id = ? AND action = 'support.tenant.viewed'", viewed.id()))
                .containsExactly(List.of("support", support.id().toString(), "tenant", viewed.id().toString()));
    }

    @Test
    void an_unknown_tenant_answers_404() {
        Response reply = api.bearer(supportToken).get("/api/v1/support/tenants/" + UUID.randomUUID());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.problemType()).isEqualTo("/problems/not-found");
    }

    @Test
    void a_superadmin_uses_the_console_too() {
        TestFixtures.User superadmin = TestFixtures.staff("superadmin");

        assertThat(api.bearer(api.staffToken(superadmin, Caller.PlatformRole.SUPERADMIN)).get("/api/v1/support/tenants/" + bakery.id()).status()).isEqualTo(200);
    }

    static Stream<Arguments> every_support_route() {
        UUID someId = UUID.randomUUID();
        return Stream.of(
                Arguments.of("GET", "/api/v1/support/tenants", null),
                Arguments.of("GET", "/api/v1/support/tenants/" + someId, null),
                Arguments.of("POST", "/api/v1/support/tenants/" + someId + "/suspend", "{\"reason\": \"because\"}"),
                Arguments.of("POST", "/api/v1/support/tenants/" + someId + "/resume", null),
                Arguments.of("POST", "/api/v1/support/tenants/" + someId + "/impersonations", "{\"reason\": \"because\"}"),
                Arguments.of("GET", "/api/v1/support/impersonations", null),
                Arguments.of("POST", "/api/v1/support/impersonations/" + someId + "/confirm-write",
                        "{\"confirmation\": \"x\"}"),
                Arguments.of("POST", "/api/v1/support/impersonations/" + someId + "/tokens", null),
                Arguments.of("POST", "/api/v1/support/impersonations/" + someId + "/end", null),
                Arguments.of("GET", "/api/v1/support/audit-log", null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("every_support_route")
    void a_merchant_gets_403_on_every_support_route(String method, String path, String body) {
        Response reply = api.bearer(bakeryOwnerToken).send(method, path, body);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.problemType()).isEqualTo("/problems/forbidden");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("every_support_route")
    void an_impersonation_token_gets_403_on_every_support_route(String method, String path, String body) {
        String impersonationToken = tokens.forSupport(support.id(), support.email(),
                TestFixtures.impersonation(support, bakery, Instant.now(), Instant.now().plus(10, ChronoUnit.MINUTES)),
                new TenantId(bakery.id()), Instant.now().plus(10, ChronoUnit.MINUTES)).token();

        assertThat(api.bearer(impersonationToken).send(method, path, body).status()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("every_support_route")
    void without_a_token_every_support_route_answers_401(String method, String path, String body) {
        assertThat(api.bearer(null).send(method, path, body).status()).isEqualTo(401);
    }

    @Test
    void a_staff_token_stops_working_once_the_platform_role_is_withdrawn() {
        TestFixtures.User former = TestFixtures.staff("support");
        String token = api.staffToken(former, Caller.PlatformRole.SUPPORT);
        TestFixtures.update("UPDATE users SET platform_role = NULL WHERE id = ?", former.id());

        assertThat(api.bearer(token).get("/api/v1/support/tenants").status()).isEqualTo(403);
    }

    private static List<String> slugs(Response reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.items().stream().map(item -> (String) item.get("slug")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Response reply, String key) {
        return (List<Map<String, Object>>) reply.get(key);
    }
}
