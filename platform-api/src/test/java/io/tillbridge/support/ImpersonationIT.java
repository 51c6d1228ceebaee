package io.tillbridge.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Support staff inside a tenant: time-limited, read-only until confirmed, ended at once, audited. */
@MicronautTest(transactional = false)
class ImpersonationIT extends TestDatabaseProperties {

    @Inject
    AccessTokens tokens;

    @Inject
    ApiClient api;

    private TestFixtures.User support;
    private String supportToken;
    private String colleagueToken;

    @BeforeAll
    void staff() {
        support = TestFixtures.staff("support");
        supportToken = api.staffToken(support, Caller.PlatformRole.SUPPORT);
        colleagueToken = api.staffToken(TestFixtures.staff("superadmin"), Caller.PlatformRole.SUPERADMIN);
    }

    @Test
    void starting_answers_201_with_a_read_only_token_for_thirty_minutes_by_default() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");

        Response reply = start(tenant, null);

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json()).containsEntry("tenantId", tenant.id().toString()).containsEntry("writeAccess", false)
                .containsKeys("impersonationId", "accessToken", "accessTokenExpiresAt");
        assertThat(Instant.parse((String) reply.get("expiresAt")))
                .isCloseTo(Instant.now().plus(30, ChronoUnit.MINUTES), within(1, ChronoUnit.MINUTES));
        assertThat(Instant.parse((String) reply.get("accessTokenExpiresAt")))
                .isBeforeOrEqualTo(Instant.parse((String) reply.get("expiresAt")));
        assertThat(reply.header("Location"))
                .hasValue("/api/v1/support/impersonations/" + reply.get("impersonationId"));
    }

    @Test
    void the_token_lasts_no_longer_than_a_short_impersonation() {
        Response reply = api.bearer(supportToken).post("/api/v1/support/tenants/" + TestFixtures.tenant("Short").id() + "/impersonations", "{\"reason\": \"Quick look\", \"minutes\": 2}");

        assertThat(Instant.parse((String) reply.get("accessTokenExpiresAt")))
                .isBeforeOrEqualTo(Instant.parse((String) reply.get("expiresAt")).plusSeconds(1));
    }

    @Test
    void starting_is_audited_under_the_tenant_with_the_support_user_as_actor() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        String id = (String) start(tenant, 45).get("impersonationId");

        assertThat(TestFixtures.rows("SELECT actor_kind, actor_id, target_type, target_id, after->>'reason'"
                + " FROM audit_log WHERE tenant_id = ? AND action = 'support.impersonation.started'", tenant.id()))
                .containsExactly(List.of("support", support.id().toString(), "impersonation", id, "Ticket 4821"));
    }

    @Test
    void the_token_reads_the_tenant() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");

        assertThat(api.bearer(token(start(tenant, null))).get(auditLog(tenant)).status()).isEqualTo(200);
    }

    @Test
    void a_write_is_refused_until_write_access_is_confirmed() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");

        Response reply = api.bearer(token(start(tenant, null))).post(auditLog(tenant) + "/notes", "{\"text\": \"Hello\"}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.problemType()).isEqualTo("/problems/forbidden");
        assertThat((String) reply.get("detail")).startsWith("Read-only impersonation: confirm write access first");
    }

    @Test
    void confirming_with_a_wrong_slug_answers_422_and_keeps_the_session_read_only() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        Response started = start(tenant, null);

        Response reply = confirm(started, "not-" + tenant.slug());

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("/problems/unprocessable");
        assertThat(api.bearer(token(started)).post(auditLog(tenant) + "/notes", "{\"text\": \"Hello\"}").status()).isEqualTo(403);
    }

    @Test
    void confirming_with_the_slug_gives_a_token_that_writes() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        Response confirmed = confirm(start(tenant, null), tenant.slug());

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.get("writeAccess")).isEqualTo(true);
        assertThat(api.bearer(token(confirmed)).post(auditLog(tenant) + "/notes", "{\"text\": \"Fixed the mapping\"}").status())
                .isEqualTo(201);
    }

    @Test
    void a_write_through_the_impersonation_records_both_identities() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        Response confirmed = confirm(start(tenant, null), tenant.slug());

        Response note = api.bearer(token(confirmed)).post(auditLog(tenant) + "/notes", "{\"text\": \"Fixed the mapping\"}");

        assertThat(note.get("actor")).isEqualTo(Map.of("kind", "support", "id", support.id().toString(),
                "label", support.email(),
                "onBehalfOf", "impersonation:" + confirmed.get("impersonationId") + " tenant:" + tenant.id()));
        assertThat(TestFixtures.rows("SELECT actor_kind, actor_id, on_behalf_of FROM audit_log WHERE id = ?",
                ((Number) note.get("id")).longValue())).containsExactly(List.of("support", support.id().toString(),
                "impersonation:" + confirmed.get("impersonationId") + " tenant:" + tenant.id()));
    }

    @Test
    void confirming_is_audited() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        Response started = start(tenant, null);
        confirm(started, tenant.slug());

        assertThat(TestFixtures.rows("SELECT actor_id, target_id, before->>'writeAccess', after->>'writeAccess'"
                + " FROM audit_log WHERE tenant_id = ? AND action = 'support.impersonation.write-confirmed'", tenant.id()))
                .containsExactly(List.of(support.id().toString(), (String) started.get("impersonationId"), "false", "true"));
    }

    @Test
    void ending_stops_the_token_at_once() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        Response started = start(tenant, null);
        assertThat(api.bearer(token(started)).get(auditLog(tenant)).status()).isEqualTo(200);

        Response ended = api.bearer(supportToken).post(impersonation(started) + "/end", null);

        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.json()).containsEntry("active", false).containsKey("endedAt");
        assertThat(api.bearer(token(started)).get(auditLog(tenant)).status()).isEqualTo(404);
    }

    @Test
    void ending_is_audited() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        Response started = start(tenant, null);
        api.bearer(supportToken).post(impersonation(started) + "/end", null);

        assertThat(TestFixtures.rows("SELECT actor_id, target_id FROM audit_log WHERE tenant_id = ?"
                + " AND action = 'support.impersonation.ended'", tenant.id()))
                .containsExactly(List.of(support.id().toString(), (String) started.get("impersonationId")));
    }

    @Test
    void an_ended_impersonation_cannot_be_confirmed() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        Response started = start(tenant, null);
        api.bearer(supportToken).post(impersonation(started) + "/end", null);

        assertThat(confirm(started, tenant.slug()).status()).isEqualTo(409);
    }

    @Test
    void an_expired_impersonation_is_refused() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Expired");
        Instant now = Instant.now();
        UUID id = TestFixtures.impersonation(support, tenant, now.minus(2, ChronoUnit.HOURS), now.minus(1, ChronoUnit.MINUTES));
        String token = tokens.forSupport(support.id(), support.email(), id, new TenantId(tenant.id()),
                now.plus(10, ChronoUnit.MINUTES)).token();

        Response reply = api.bearer(token).get(auditLog(tenant));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.problemType()).isEqualTo("/problems/not-found");
    }

    @Test
    void an_expired_impersonation_cannot_be_confirmed() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Expired");
        Instant now = Instant.now();
        UUID id = TestFixtures.impersonation(support, tenant, now.minus(2, ChronoUnit.HOURS), now.minus(1, ChronoUnit.MINUTES));

        Response reply = api.bearer(supportToken).post("/api/v1/support/impersonations/" + id + "/confirm-write",
                "{\"confirmation\": \"" + tenant.slug() + "\"}");

        assertThat(reply.status()).isEqualTo(409);
    }

    @Test
    void the_token_on_another_tenant_answers_404() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        TestFixtures.Tenant other = TestFixtures.tenant("Other");

        Response reply = api.bearer(token(confirm(start(tenant, null), tenant.slug()))).get(auditLog(other));

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void another_support_user_may_not_confirm_the_impersonation() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        Response started = start(tenant, null);

        Response reply = api.bearer(colleagueToken).post(impersonation(started) + "/confirm-write",
                "{\"confirmation\": \"" + tenant.slug() + "\"}");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(TestFixtures.rows("SELECT write_confirmed_at FROM impersonations WHERE id = ?",
                UUID.fromString((String) started.get("impersonationId")))).containsExactly(java.util.Collections.singletonList(null));
    }

    @Test
    void another_support_user_may_not_end_the_impersonation() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        Response started = start(tenant, null);

        assertThat(api.bearer(colleagueToken).post(impersonation(started) + "/end", null).status()).isEqualTo(403);
        assertThat(api.bearer(token(started)).get(auditLog(tenant)).status()).isEqualTo(200);
    }

    @Test
    void a_renewed_token_works_and_keeps_write_access() {
        TestFixtures.Tenant tenant = TestFixtures.tenant("Helped");
        Response confirmed = confirm(start(tenant, null), tenant.slug());

        Response renewed = api.bearer(supportToken).post(impersonation(confirmed) + "/tokens", null);

        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.get("writeAccess")).isEqualTo(true);
        assertThat(api.bearer(token(renewed)).post(auditLog(tenant) + "/notes", "{\"text\": \"Still here\"}").status())
                .isEqualTo(201);
    }

    @Test
    void more_than_120_minutes_answers_400() {
        assertThat(start(TestFixtures.tenant("Long"), 121).status()).isEqualTo(400);
    }

    @Test
    void a_reason_shorter_than_three_characters_answers_400() {
        Response reply = api.bearer(supportToken).post("/api/v1/support/tenants/" + TestFixtures.tenant("Why").id() + "/impersonations", "{\"reason\": \"ab\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("/problems/validation-failed");
    }

    @Test
    void a_reason_of_fewer_than_three_characters_between_spaces_answers_400() {
        Response reply = api.bearer(supportToken).post("/api/v1/support/tenants/" + TestFixtures.tenant("Why").id() + "/impersonations", "{\"reason\": \"  a  \"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.problemType()).isEqualTo("/problems/validation-failed");
    }

    @Test
    void an_unknown_tenant_cannot_be_impersonated() {
        assertThat(api.bearer(supportToken).post("/api/v1/support/tenants/" + UUID.randomUUID() + "/impersonations",
                "{\"reason\": \"Ticket 4821\"}").status()).isEqualTo(404);
    }

    @Test
    void the_active_list_shows_only_the_support_users_live_sessions() {
        TestFixtures.User own = TestFixtures.staff("support");
        String ownToken = api.staffToken(own, Caller.PlatformRole.SUPPORT);
        TestFixtures.Tenant tenant = TestFixtures.tenant("Listed");
        String live = (String) api.bearer(ownToken).post("/api/v1/support/tenants/" + tenant.id() + "/impersonations",
                "{\"reason\": \"Live one\"}").get("impersonationId");
        String ended = (String) api.bearer(ownToken).post("/api/v1/support/tenants/" + tenant.id() + "/impersonations",
                "{\"reason\": \"Ended one\"}").get("impersonationId");
        api.bearer(ownToken).post("/api/v1/support/impersonations/" + ended + "/end", null);
        Instant now = Instant.now();
        TestFixtures.impersonation(own, tenant, now.minus(2, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS));
        start(tenant, null);

        Response reply = api.bearer(ownToken).get("/api/v1/support/impersonations?active=true");

        assertThat(reply.items()).extracting(i -> i.get("id")).containsExactly(live);
        assertThat(reply.items().get(0)).containsEntry("tenantSlug", tenant.slug()).containsEntry("active", true)
                .containsEntry("reason", "Live one");
    }

    @Test
    void the_full_list_shows_all_the_support_users_sessions_newest_first() {
        TestFixtures.User own = TestFixtures.staff("support");
        String ownToken = api.staffToken(own, Caller.PlatformRole.SUPPORT);
        TestFixtures.Tenant tenant = TestFixtures.tenant("Listed");
        Instant now = Instant.now();
        UUID older = TestFixtures.impersonation(own, tenant, now.minus(2, ChronoUnit.HOURS), now.minus(1, ChronoUnit.HOURS));
        UUID newer = TestFixtures.impersonation(own, tenant, now.minus(1, ChronoUnit.MINUTES), now.plus(1, ChronoUnit.HOURS));

        Response reply = api.bearer(ownToken).get("/api/v1/support/impersonations");

        assertThat(reply.items()).extracting(i -> i.get("id")).containsExactly(newer.toString(), older.toString());
    }

    private Response start(TestFixtures.Tenant tenant, Integer minutes) {
        return api.bearer(supportToken).post("/api/v1/support/tenants/" + tenant.id() + "/impersonations",
                "{\"reason\": \"Ticket 4821\"" + (minutes == null ? "" : ", \"minutes\": " + minutes) + "}");
    }

    private Response confirm(Response started, String confirmation) {
        return api.bearer(supportToken).post(impersonation(started) + "/confirm-write",
                "{\"confirmation\": \"" + confirmation + "\"}");
    }

    private static String impersonation(Response grant) {
        return "/api/v1/support/impersonations/" + grant.get("impersonationId");
    }

    private static String token(Response grant) {
        assertThat(grant.status()).as(grant.body()).isBetween(200, 201);
        return (String) grant.get("accessToken");
    }

    private static String auditLog(TestFixtures.Tenant tenant) {
        return "/api/v1/tenants/" + tenant.id() + "/audit-log";
    }
}
