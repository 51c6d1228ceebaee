package io.tillbridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.Caller;
import io.tillbridge.audit.TestFixtures;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit log across tenants, for staff. */
@MicronautTest(transactional = false)
class SupportAuditLogIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    private TestFixtures.User support;
    private String supportToken;
    private TestFixtures.Tenant first;
    private TestFixtures.Tenant second;
    private final String action = "crosscheck." + TestFixtures.random();
    private long inFirst;
    private long inSecond;

    @BeforeAll
    void entries_in_two_tenants() {
        support = TestFixtures.staff("support");
        supportToken = api.staffToken(support, Caller.PlatformRole.SUPPORT);
        first = TestFixtures.tenant("First");
        second = TestFixtures.tenant("Second");
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS);
        inFirst = TestFixtures.auditRow(first, "user", "u1", action, "location", "l1", at, null, null);
        inSecond = TestFixtures.auditRow(second, "partner", "k2", action, "location", "l2", at.plusSeconds(1), null, null);
    }

    @Test
    void staff_read_entries_of_every_tenant_newest_first() {
        Response reply = api.bearer(supportToken).get("/api/v1/support/audit-log?action=" + action);

        assertThat(ids(reply)).containsExactly(inSecond, inFirst);
        assertThat(reply.items()).extracting(i -> i.get("tenantId"))
                .containsExactly(second.id().toString(), first.id().toString());
    }

    @Test
    void the_tenant_filter_keeps_one_tenants_entries() {
        assertThat(ids(api.bearer(supportToken).get("/api/v1/support/audit-log?action=" + action + "&tenantId=" + first.id())))
                .containsExactly(inFirst);
    }

    @Test
    void the_tenant_filters_combine_with_the_others() {
        assertThat(ids(api.bearer(supportToken).get("/api/v1/support/audit-log?actorKind=partner&action=" + action)))
                .containsExactly(inSecond);
    }

    @Test
    void a_tenant_id_that_is_not_a_uuid_answers_400() {
        assertThat(api.bearer(supportToken).get("/api/v1/support/audit-log?tenantId=first").status()).isEqualTo(400);
    }

    @Test
    void each_search_is_recorded_with_its_criteria() {
        String marker = "searched." + TestFixtures.random();
        api.bearer(supportToken).get("/api/v1/support/audit-log?action=" + marker);

        assertThat(TestFixtures.rows("SELECT actor_id FROM audit_log WHERE action = 'support.audit-log.searched'"
                + " AND after->>'action' = ?", marker)).containsExactly(List.of(support.id().toString()));
    }

    @Test
    void no_endpoint_changes_or_deletes_entries_across_tenants() {
        assertThat(api.bearer(supportToken).send("DELETE", "/api/v1/support/audit-log", null).status()).isEqualTo(405);
        assertThat(api.bearer(supportToken).send("PUT", "/api/v1/support/audit-log", "{}").status()).isEqualTo(405);
    }

    private static List<Long> ids(Response reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.items().stream().map(item -> ((Number) item.get("id")).longValue()).toList();
    }
}
