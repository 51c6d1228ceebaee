package io.tillbridge.retention;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.newUser;
import static io.tillbridge.tenants.TenantFixture.platform;
import static io.tillbridge.tenants.TenantFixture.rows;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.scheduling.TestIntegrations;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;

/**
 * The retention purge on the real database, with an explicit "now": two tenants with old and
 * young data of every kind, and what the platform still needs (records of an open error, of a
 * running run, of a run with a pending replay; events of a queued run's webhook delivery).
 * Batches of 2 rows show that no statement deletes more than a batch.
 */
@MicronautTest(transactional = false)
class RetentionPurgeIT extends TestDatabaseProperties {

    private static final int BATCH = 2;

    @Inject
    RetentionPurge purge;

    @Inject
    Scheduler scheduler;

    private final Instant now = Instant.now();
    private UUID tenantA;
    private UUID tenantB;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.retention.batch-size", Integer.toString(BATCH));
    }

    @Inject
    ApiClient api;

    @BeforeEach
    void two_tenants_with_old_and_young_data() {
        tenantA = newTenant("Old Crumbs");
        tenantB = newTenant("Old Beans");
        seed(tenantA);
        seed(tenantB);
    }

    @Test
    void old_run_records_go_and_young_ones_and_those_still_needed_stay_in_both_tenants() {
        purge.purge(now);
        for (UUID tenant : List.of(tenantA, tenantB)) {
            assertThat(keys(tenant, "run_records")).containsExactlyInAnyOrder(
                    "old:k3-open-error", "young:y1", "running:r1", "replayed:p1");
        }
    }

    @Test
    void old_shadow_changes_go_and_young_ones_stay() {
        purge.purge(now);
        for (UUID tenant : List.of(tenantA, tenantB)) {
            assertThat(keys(tenant, "shadow_changes")).containsExactlyInAnyOrder("young:y1", "running:r1");
        }
    }

    @Test
    void events_of_runs_finished_before_ninety_days_go() {
        purge.purge(now);
        for (UUID tenant : List.of(tenantA, tenantB)) {
            List<Map<String, Object>> left = inTenant(tenant, c -> rows(c,
                    "SELECT r.trigger AS label, count(*) AS n FROM run_events e JOIN runs r ON r.id = e.run_id"
                    + " GROUP BY r.trigger ORDER BY 1"));
            // The very old run (manual trigger) lost its events; the 40-day-old one (schedule) kept them.
            assertThat(left).extracting(r -> r.get("label")).containsExactly("schedule", "webhook");
        }
    }

    @Test
    void closed_errors_go_after_their_period_and_open_ones_stay() {
        purge.purge(now);
        for (UUID tenant : List.of(tenantA, tenantB)) {
            assertThat(strings(tenant, "SELECT source_key FROM record_errors ORDER BY 1"))
                    .containsExactly("k3-open-error", "recently-resolved");
        }
    }

    @Test
    void old_webhook_events_go_unless_their_run_is_still_queued() {
        purge.purge(now);
        for (UUID tenant : List.of(tenantA, tenantB)) {
            assertThat(strings(tenant, "SELECT event_id FROM webhook_events ORDER BY 1"))
                    .containsExactly("evt-old-queued", "evt-young");
        }
    }

    @Test
    void old_vendor_events_go_unless_a_change_of_theirs_is_still_pending_or_waiting() {
        purge.purge(now);
        for (UUID tenant : List.of(tenantA, tenantB)) {
            assertThat(strings(tenant, "SELECT event_id FROM vendor_hook_events ORDER BY 1"))
                    .containsExactly("vnd-old-pending", "vnd-old-waiting", "vnd-young");
        }
    }

    @Test
    void finished_vendor_changes_go_after_the_period_and_open_ones_stay() {
        purge.purge(now);
        for (UUID tenant : List.of(tenantA, tenantB)) {
            // vnd-old-done's change went with it; vnd-young's change finished long ago (by its done_at) goes too.
            assertThat(strings(tenant, "SELECT source_key || ':' || status FROM vendor_hook_changes ORDER BY 1"))
                    .containsExactly("k-pending:pending", "k-waiting:waiting", "k-young-open:pending");
        }
    }

    @Test
    void purged_vendor_events_free_their_bytes_in_the_tenants_storage() {
        long before = storedBytes(tenantA);
        long gone = (Long) tenantRows(tenantA, "SELECT sum(pg_column_size(e.*))::bigint AS n FROM vendor_hook_events e"
                + " WHERE event_id = 'vnd-old-done'").get(0).get("n")
                + (Long) tenantRows(tenantA, "SELECT sum(pg_column_size(x.*))::bigint AS n FROM vendor_hook_changes x"
                + " WHERE status IN ('written', 'skipped')").get(0).get("n");
        purge.purge(now);
        assertThat(before - storedBytes(tenantA)).isGreaterThanOrEqualTo(gone);
    }

    @Test
    void invitations_never_accepted_go_a_week_after_they_expired() {
        purge.purge(now);
        for (UUID tenant : List.of(tenantA, tenantB)) {
            assertThat(strings(tenant, "SELECT email FROM invitations ORDER BY 1"))
                    .containsExactly("accepted@example.test", "pending@example.test", "recent@example.test");
        }
    }

    @Test
    void platform_tokens_and_idempotency_answers_go_after_their_period() {
        purge.purge(now);
        assertThat(platformRows("SELECT key FROM idempotency_records WHERE scope = ? ORDER BY key",
                scope(tenantA))).extracting(r -> r.get("key")).containsExactly("young");
        assertThat(platformRows("SELECT purpose FROM email_tokens WHERE user_id IN"
                + " (SELECT id FROM users WHERE display_name LIKE ?)", "retention-" + tenantA.toString().substring(0, 8) + "%"))
                .extracting(r -> r.get("purpose")).containsExactly("reset-password");
        assertThat(platformRows("SELECT reason FROM impersonations WHERE tenant_id = ? ORDER BY reason", tenantA))
                .extracting(r -> r.get("reason")).containsExactly("still running");
        assertThat(platformRows("SELECT r.family_id FROM refresh_tokens r JOIN users u ON u.id = r.user_id"
                + " WHERE u.display_name LIKE ?", "retention-" + tenantA.toString().substring(0, 8) + "%")).hasSize(1);
    }

    @Test
    void hourly_source_activity_goes_after_400_days_the_event_log_after_30_and_resolved_alerts_after_90() {
        UUID integration = UUID.randomUUID();
        Instant oldHour = now.minus(Duration.ofDays(401)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        Instant youngHour = now.minus(Duration.ofDays(399)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        for (UUID tenant : List.of(tenantA, tenantB)) {
            UUID alerting = io.tillbridge.scheduling.TestIntegrations.newIntegration(tenant);
            inTenant(tenant, c -> {
                update(c, "INSERT INTO source_activity (tenant_id, integration_id, location, hour, records) VALUES"
                        + " (?, ?, 'L1', ?, 3), (?, ?, 'L1', ?, 4)", tenant, integration, Timestamp.from(oldHour), tenant,
                        integration, Timestamp.from(youngHour));
                update(c, "INSERT INTO platform_events (tenant_id, id, type, occurred_at, data) VALUES"
                        + " (?, ?, 'run.failed', ?, '{\"age\":\"old\"}'), (?, ?, 'run.failed', ?, '{\"age\":\"young\"}')",
                        tenant, UUID.randomUUID(), Timestamp.from(now.minus(Duration.ofDays(31))), tenant, UUID.randomUUID(),
                        Timestamp.from(now.minus(Duration.ofDays(29))));
                UUID rule = UUID.randomUUID();
                update(c, "INSERT INTO alert_rules (tenant_id, id, integration_id, kind, threshold) VALUES (?, ?, ?,"
                        + " 'backlog', 5)", tenant, rule, alerting);
                for (String[] alert : new String[][] {{"old", "resolved", "91"}, {"young", "resolved", "89"},
                        {"open", "open", null}}) {
                    update(c, "INSERT INTO alerts (tenant_id, id, rule_id, integration_id, kind, subject, title, message,"
                            + " api_path, portal_path, opened_at, last_notified_at, status, resolved_at) VALUES (?, ?, ?, ?,"
                            + " 'backlog', ?, ?, 'm', '/', '/', ?, ?, ?, ?)", tenant, UUID.randomUUID(), rule, alerting,
                            alert[0], alert[0], Timestamp.from(now.minus(Duration.ofDays(100))),
                            Timestamp.from(now.minus(Duration.ofDays(100))), alert[1], alert[2] == null ? null
                                    : Timestamp.from(now.minus(Duration.ofDays(Long.parseLong(alert[2])))));
                }
                return null;
            });
        }
        purge.purge(now);
        for (UUID tenant : List.of(tenantA, tenantB)) {
            List<Map<String, Object>> activity = inTenant(tenant, c -> rows(c, "SELECT records FROM source_activity"));
            assertThat(activity).extracting(r -> r.get("records")).containsExactly(4L);
            List<Map<String, Object>> events = inTenant(tenant, c -> rows(c, "SELECT data->>'age' AS age FROM platform_events"));
            assertThat(events).extracting(r -> r.get("age")).containsExactly("young");
            List<Map<String, Object>> alerts = inTenant(tenant, c -> rows(c, "SELECT title FROM alerts ORDER BY title"));
            assertThat(alerts).extracting(r -> r.get("title")).containsExactly("open", "young");
        }
    }

    @Test
    void a_tenant_with_only_young_data_loses_nothing() {
        UUID young = newTenant("Fresh Bakes");
        UUID integration = TestIntegrations.newIntegration(young);
        inTenant(young, c -> {
            UUID run = run(c, young, integration, "manual", "succeeded", now.minus(Duration.ofDays(2)));
            records(c, young, run, "a", "b");
            return null;
        });
        purge.purge(now);
        assertThat(tenantRows(young, "SELECT source_key FROM run_records")).hasSize(2);
    }

    @Test
    void no_statement_deletes_more_than_a_batch_and_the_batches_repeat_until_done() {
        PurgeReport report = purge.purge(now);
        PurgeReport.Counts records = report.of(PurgeKind.RUN_RECORDS);
        // Per tenant: k1, k2 and mid:m1 are due, 3 rows in batches of 2.
        assertThat(records.largestBatch()).isEqualTo(BATCH);
        assertThat(records.deleted()).isGreaterThanOrEqualTo(6);
        assertThat(records.batches()).isGreaterThanOrEqualTo(4);
        assertThat(records.tenants()).isGreaterThanOrEqualTo(2);
        report.kinds().values().forEach(c -> assertThat(c.largestBatch()).isLessThanOrEqualTo(BATCH));
    }

    @Test
    void a_second_purge_finds_nothing_more_of_these_tenants() {
        purge.purge(now);
        long before = runRecords(tenantA);
        purge.purge(now);
        assertThat(runRecords(tenantA)).isEqualTo(before).isEqualTo(4L);
    }

    @Test
    void replaying_a_run_whose_records_were_purged_answers_409_and_queues_nothing() {
        purge.purge(now);
        UUID mid = (UUID) tenantRows(tenantA, "SELECT id FROM runs WHERE trigger = 'schedule'").get(0).get("id");
        inTenant(tenantA, c -> update(c, "UPDATE runs SET records_read = 1 WHERE id = ?", mid));
        User operator = newMember(tenantA, TenantRole.OPERATOR);
        Response replay = api.post(operator, "/api/v1/tenants/" + tenantA + "/runs/" + mid + "/replay", null);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(409);
        assertThat(replay.body()).contains("/problems/conflict", "retention purges them");
        assertThat(tenantRows(tenantA, "SELECT id FROM runs WHERE replay_of = ?", mid)).isEmpty();
    }

    @Test
    void the_purge_is_on_the_clustered_scheduler_hourly() throws Exception {
        CronTrigger trigger = (CronTrigger) scheduler.getTrigger(RetentionSchedule.TRIGGER);
        assertThat(trigger).isNotNull();
        assertThat(trigger.getCronExpression()).isEqualTo("0 7 * * * ?");
        assertThat(scheduler.getJobDetail(RetentionSchedule.JOB).getJobClass()).isEqualTo(RetentionJob.class);
    }

    // --- data ------------------------------------------------------------------------------

    private void seed(UUID tenant) {
        UUID integration = TestIntegrations.newIntegration(tenant);
        Instant veryOld = now.minus(Duration.ofDays(100));
        Instant old = now.minus(Duration.ofDays(40));
        Instant recent = now.minus(Duration.ofDays(1));
        inTenant(tenant, c -> {
            UUID oldRun = run(c, tenant, integration, "manual", "succeeded", veryOld);
            records(c, tenant, oldRun, "k1", "k2", "k3-open-error");
            shadow(c, tenant, oldRun, "k1");
            events(c, tenant, oldRun, 2);
            UUID midRun = run(c, tenant, integration, "schedule", "failed", old);
            records(c, tenant, midRun, "m1");
            events(c, tenant, midRun, 1);
            UUID youngRun = run(c, tenant, integration, "webhook", "succeeded", recent);
            records(c, tenant, youngRun, "y1");
            shadow(c, tenant, youngRun, "y1");
            events(c, tenant, youngRun, 1);
            UUID runningRun = run(c, tenant, integration, "retry", "running", old);
            records(c, tenant, runningRun, "r1");
            shadow(c, tenant, runningRun, "r1");
            UUID replayedRun = run(c, tenant, integration, "manual", "succeeded", old);
            records(c, tenant, replayedRun, "p1");
            UUID replay = run(c, tenant, integration, "replay", "queued", recent);
            update(c, "UPDATE runs SET replay_of = ? WHERE id = ?", replayedRun, replay);

            // The open error names the stored record (run, source key) it came from.
            error(c, tenant, integration, oldRun, "k3-open-error", "open", null);
            error(c, tenant, integration, oldRun, "long-resolved", "resolved", veryOld);
            error(c, tenant, integration, oldRun, "long-ignored", "ignored", veryOld);
            error(c, tenant, integration, oldRun, "recently-resolved", "resolved", now.minus(Duration.ofDays(10)));

            UUID endpoint = UUID.randomUUID();
            update(c, "INSERT INTO webhook_endpoints (tenant_id, id, integration_id, secret_ciphertext,"
                    + " secret_nonce, secret_wrapped_dek, secret_kek_id) VALUES (?, ?, ?, '\\x00',"
                    + " '\\x000000000000000000000000', '\\x00', 'test')", tenant, endpoint, integration);
            webhookEvent(c, tenant, endpoint, "evt-old", old, null);
            webhookEvent(c, tenant, endpoint, "evt-old-queued", old, replay);
            webhookEvent(c, tenant, endpoint, "evt-young", recent, youngRun);

            UUID connection = UUID.randomUUID();
            update(c, "INSERT INTO connections (tenant_id, id, connector_id, name) VALUES (?, ?, 'square', 'Hooks')",
                    tenant, connection);
            vendorEvent(c, tenant, connection, "vnd-old-done", old);
            vendorChange(c, tenant, integration, connection, "vnd-old-done", "k-done", "written", old);
            vendorEvent(c, tenant, connection, "vnd-old-pending", old);
            vendorChange(c, tenant, integration, connection, "vnd-old-pending", "k-pending", "pending", null);
            vendorEvent(c, tenant, connection, "vnd-old-waiting", old);
            vendorChange(c, tenant, integration, connection, "vnd-old-waiting", "k-waiting", "waiting", null);
            vendorEvent(c, tenant, connection, "vnd-young", recent);
            vendorChange(c, tenant, integration, connection, "vnd-young", "k-young-done", "skipped", old);
            vendorChange(c, tenant, integration, connection, "vnd-young", "k-young-open", "pending", null);

            invitation(c, tenant, "expired@example.test", now.minus(Duration.ofDays(10)), null);
            invitation(c, tenant, "accepted@example.test", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(12)));
            invitation(c, tenant, "recent@example.test", now.minus(Duration.ofDays(2)), null);
            invitation(c, tenant, "pending@example.test", now.plus(Duration.ofDays(5)), null);
            return null;
        });

        UUID user = newUser("retention-" + tenant.toString().substring(0, 8) + "-" + UUID.randomUUID().toString()
                .substring(0, 6) + "@example.test").id();
        platform(c -> {
            update(c, "INSERT INTO idempotency_records (scope, key, request_hash, created_at) VALUES"
                    + " (?, 'old', '\\x00', ?), (?, 'young', '\\x00', ?)", scope(tenant),
                    ts(now.minus(Duration.ofDays(2))), scope(tenant), ts(now.minus(Duration.ofHours(1))));
            update(c, "INSERT INTO email_tokens (id, user_id, purpose, token_hash, expires_at) VALUES"
                    + " (?, ?, 'verify-email', ?, ?), (?, ?, 'reset-password', ?, ?)",
                    UUID.randomUUID(), user, random(), ts(now.minus(Duration.ofDays(8))),
                    UUID.randomUUID(), user, random(), ts(now.minus(Duration.ofDays(6))));
            update(c, "INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at) VALUES"
                    + " (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)",
                    UUID.randomUUID(), UUID.randomUUID(), user, random(), ts(now.minus(Duration.ofDays(30))),
                    UUID.randomUUID(), UUID.randomUUID(), user, random(), ts(now.plus(Duration.ofDays(20))));
            update(c, "INSERT INTO impersonations (id, support_user_id, tenant_id, reason, started_at, expires_at) VALUES"
                    + " (?, ?, ?, 'long over', ?, ?), (?, ?, ?, 'still running', ?, ?)",
                    UUID.randomUUID(), user, tenant, ts(now.minus(Duration.ofDays(9))), ts(now.minus(Duration.ofDays(8))),
                    UUID.randomUUID(), user, tenant, ts(now.minus(Duration.ofMinutes(5))), ts(now.plus(Duration.ofHours(1))));
            return null;
        });
    }

    private static UUID run(Connection c, UUID tenant, UUID integration, String trigger, String status, Instant at)
            throws SQLException {
        UUID id = UUID.randomUUID();
        boolean finished = List.of("succeeded", "failed", "cancelled").contains(status);
        update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, queued_at,"
                + " started_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", tenant, id, integration, trigger, status,
                ts(at.minusSeconds(60)), ts(at.minusSeconds(30)), finished ? ts(at) : null);
        return id;
    }

    private static void records(Connection c, UUID tenant, UUID run, String... keys) throws SQLException {
        for (String key : keys) {
            update(c, "INSERT INTO run_records (tenant_id, run_id, source_key, record) VALUES (?, ?, ?, ?::jsonb)",
                    tenant, run, key, "{\"key\":\"" + key + "\"}");
        }
    }

    private static void shadow(Connection c, UUID tenant, UUID run, String key) throws SQLException {
        update(c, "INSERT INTO shadow_changes (tenant_id, run_id, source_key, action, after)"
                + " VALUES (?, ?, ?, 'create', ?::jsonb)", tenant, run, key, "{\"key\":\"" + key + "\"}");
    }

    private static void events(Connection c, UUID tenant, UUID run, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            update(c, "INSERT INTO run_events (tenant_id, run_id, kind) VALUES (?, ?, 'claimed')", tenant, run);
        }
    }

    private static void error(Connection c, UUID tenant, UUID integration, UUID run, String key, String status,
            Instant closed) throws SQLException {
        update(c, "INSERT INTO record_errors (tenant_id, id, integration_id, run_id, source_key, category, message,"
                + " source_record, status, closed_at) VALUES (?, ?, ?, ?, ?, 'value', 'bad', '{}', ?, ?)",
                tenant, UUID.randomUUID(), integration, run, key, status, closed == null ? null : ts(closed));
    }

    private static void webhookEvent(Connection c, UUID tenant, UUID endpoint, String id, Instant at, UUID run)
            throws SQLException {
        update(c, "INSERT INTO webhook_events (tenant_id, endpoint_id, event_id, received_at, signed_at, payload,"
                + " run_id) VALUES (?, ?, ?, ?, ?, '\\x7b7d', ?)", tenant, endpoint, id, ts(at), ts(at), run);
    }

    private static void vendorEvent(Connection c, UUID tenant, UUID connection, String id, Instant at)
            throws SQLException {
        update(c, "INSERT INTO vendor_hook_events (tenant_id, connection_id, event_id, type, received_at, payload)"
                + " VALUES (?, ?, ?, 'order.updated', ?, '\\x7b7d')", tenant, connection, id, ts(at));
    }

    private static void vendorChange(Connection c, UUID tenant, UUID integration, UUID connection, String event,
            String key, String status, Instant done) throws SQLException {
        update(c, "INSERT INTO vendor_hook_changes (tenant_id, integration_id, connection_id, event_id, stream,"
                + " source_key, record, status, done_at) VALUES (?, ?, ?, ?, 'orders', ?, '{\"id\":1}', ?, ?)",
                tenant, integration, connection, event, key, status, done == null ? null : ts(done));
    }

    private static long storedBytes(UUID tenant) {
        return (Long) tenantRows(tenant, "SELECT bytes FROM tenant_storage").get(0).get("bytes");
    }

    private static void invitation(Connection c, UUID tenant, String email, Instant expires, Instant accepted)
            throws SQLException {
        update(c, "INSERT INTO invitations (tenant_id, id, email, role, token_hash, expires_at, accepted_at)"
                + " VALUES (?, ?, ?, 'viewer', ?, ?, ?)", tenant, UUID.randomUUID(), email, random(), ts(expires),
                accepted == null ? null : ts(accepted));
    }

    /** Remaining rows of a per-run table as "label:source key", the label naming the run's role in the seed. */
    private List<String> keys(UUID tenant, String table) {
        return inTenant(tenant, c -> rows(c, "SELECT x.source_key, r.trigger, r.status, r.queued_at FROM " + table
                + " x JOIN runs r ON r.id = x.run_id")).stream().map(r -> role(r) + ":" + r.get("source_key")).toList();
    }

    private String role(Map<String, Object> row) {
        String trigger = (String) row.get("trigger");
        String status = (String) row.get("status");
        if ("running".equals(status)) {
            return "running";
        }
        if ("webhook".equals(trigger)) {
            return "young";
        }
        if ("schedule".equals(trigger)) {
            return "mid";
        }
        Instant queued = ((Timestamp) row.get("queued_at")).toInstant();
        return queued.isBefore(now.minus(Duration.ofDays(90))) ? "old" : "replayed";
    }

    private List<String> strings(UUID tenant, String sql) {
        return inTenant(tenant, c -> rows(c, sql)).stream().map(r -> (String) r.values().iterator().next()).toList();
    }

    private static List<Map<String, Object>> platformRows(String sql, Object... parameters) {
        return platform(c -> rows(c, sql, parameters));
    }

    private static List<Map<String, Object>> tenantRows(UUID tenant, String sql, Object... parameters) {
        return inTenant(tenant, c -> rows(c, sql, parameters));
    }

    private static long runRecords(UUID tenant) {
        return (Long) tenantRows(tenant, "SELECT count(*) AS n FROM run_records").get(0).get("n");
    }

    private static String scope(UUID tenant) {
        return "retention-test/" + tenant;
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    private static byte[] random() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
