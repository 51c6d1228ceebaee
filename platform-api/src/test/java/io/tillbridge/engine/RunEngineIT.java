package io.tillbridge.engine;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.platform;
import static io.tillbridge.tenants.TenantFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.errors.ErrorCategory;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.integrations.RunDriver;
import io.tillbridge.ledger.Ledger;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.runs.RunCounts;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.runs.queue.ClaimedRun;
import io.tillbridge.runs.queue.RunLeases;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.Await;
import io.tillbridge.testing.LeaseExpiry;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run engine through the API and the worker ({@link RunWorker#runOnce()}), with a scripted
 * source and a recording target (test connectors of our own): the ledger, the error inbox and its
 * retries, the tolerance, retries of transient failures with back-off, and replays.
 */
@MicronautTest(transactional = false)
class RunEngineIT extends TestDatabaseProperties {

    @Inject
    RunWorker worker;

    @Inject
    RunLeases queue;

    @Inject
    Ledger ledger;

    @Inject
    PageStores stores;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Inject
    IntegrationService integrations;

    @Inject
    ApiClient api;

    private UUID tenant;
    private User owner;
    private User operator;
    private User viewer;
    private String script;
    private String targetName;
    private RecordingTarget.Behaviour target;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.worker.write-retry-delay", "10ms", "tillbridge.worker.retry-delay", "60s",
                "tillbridge.worker.max-retries", "2");
    }

    @BeforeEach
    void a_tenant_a_script_and_a_target() {
        tenant = newTenant("Engine Bakery");
        owner = newMember(tenant, TenantRole.OWNER);
        operator = newMember(tenant, TenantRole.OPERATOR);
        viewer = newMember(tenant, TenantRole.VIEWER);
        script = "script-" + UUID.randomUUID();
        targetName = "target-" + UUID.randomUUID();
        target = RecordingTarget.named(targetName);
        ScriptedSource.script(script, List.of(List.of(order(1, "1.50"), order(2, "2.50")), List.of(order(3, "3.50"))));
    }

    @Test
    void the_ledger_skips_unchanged_records_and_counts_them() {
        String integration = integration(null);
        Map<String, Object> first = runs().toTheEnd(runs().start(integration));
        assertThat(first.get("counts")).as(first.toString())
                .isEqualTo(Map.of("read", 3, "written", 3, "unchanged", 0, "failed", 0));
        int writesAfterFirst = target.writes.size();

        Map<String, Object> second = runs().toTheEnd(runs().start(integration));
        assertThat(second.get("counts")).as(second.toString())
                .isEqualTo(Map.of("read", 3, "written", 0, "unchanged", 3, "failed", 0));
        assertThat(target.writes).as("unchanged records are not sent").hasSize(writesAfterFirst);

        ScriptedSource.script(script, List.of(List.of(order(1, "1.50"), order(2, "2.75")), List.of(order(3, "3.50"))));
        Map<String, Object> third = runs().toTheEnd(runs().start(integration));
        assertThat(third.get("counts")).isEqualTo(Map.of("read", 3, "written", 1, "unchanged", 2, "failed", 0));
        List<WriteRecord> sent = target.writes.get(target.writes.size() - 1);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).idempotencyKey())
                .isEqualTo(Ledger.idempotencyKey(new TenantId(tenant), UUID.fromString(integration), "2"));
        assertThat(sent.get(0).targetRef()).as("the known target reference").isEqualTo("ref-2");
        assertThat(ledgerRows(integration)).isEqualTo(3);
    }

    @Test
    void a_run_counts_each_new_record_once_per_location_and_hour_and_keeps_the_newest_per_location() {
        ScriptedSource.script(script, List.of(
                List.of(located(1, "L1", "2026-03-28T09:10:00Z"), located(2, "L1", "2026-03-28T09:50:00+00:00"),
                        located(3, "L2", "2026-03-28T10:05:00-05:00")),
                List.of(located(4, "L1", "2026-03-28T10:01:00Z"), located(5, null, "2026-03-28T08:00:00Z"),
                        located(6, "L1", "not a time"), located(7, "L1", "2099-01-01T00:00:00Z"))));
        String integration = integration(null);
        runs().toTheEnd(runs().start(integration));
        assertThat(meters.find("tillbridge_integration_runs_total").tag("integration", integration)
                .tag("status", "succeeded").counter().count()).as("the worker counts the finished run").isEqualTo(1.0);
        assertThat(meters.find("tillbridge_integration_records_total").tag("integration", integration)
                .tag("kind", "read").counter().count()).isEqualTo(7.0);

        assertThat(activity(integration)).containsExactly(
                "|2026-03-28T08:00:00Z|1", "L1|2026-03-28T09:00:00Z|2", "L1|2026-03-28T10:00:00Z|1",
                "L2|2026-03-28T15:00:00Z|1");
        assertThat(freshness(integration)).containsExactly("|2026-03-28T08:00:00Z", "L1|2026-03-28T10:01:00Z",
                "L2|2026-03-28T15:05:00Z");

        // Read again, with one record newer than its location's newest and one older (a late offline order).
        ScriptedSource.script(script, List.of(List.of(located(1, "L1", "2026-03-28T09:10:00Z"),
                located(8, "L1", "2026-03-28T10:30:00Z"), located(9, "L2", "2026-03-28T14:00:00Z"))));
        runs().toTheEnd(runs().start(integration));
        assertThat(activity(integration)).containsExactly(
                "|2026-03-28T08:00:00Z|1", "L1|2026-03-28T09:00:00Z|2", "L1|2026-03-28T10:00:00Z|2",
                "L2|2026-03-28T15:00:00Z|1");
        assertThat(freshness(integration)).containsExactly("|2026-03-28T08:00:00Z", "L1|2026-03-28T10:30:00Z",
                "L2|2026-03-28T15:05:00Z");
    }

    @Test
    void a_batch_retried_after_a_transient_failure_reaches_the_target_with_the_same_idempotency_keys() {
        String integration = integration(null);
        target.transientFailures.set(1);
        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 3, "written", 3, "unchanged", 0, "failed", 0));
        assertThat(target.writes).hasSize(3);
        assertThat(keys(target.writes.get(0))).isEqualTo(keys(target.writes.get(1)));
        assertThat(run.get("events").toString()).contains("write-retried");
    }

    @Test
    void a_rejected_record_goes_to_the_inbox_with_its_stored_record_and_the_run_goes_on() {
        String integration = integration(null);
        target.rejectIds.add("2");
        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 3, "written", 2, "unchanged", 0, "failed", 1));

        Response list = api.get(viewer, base() + "/record-errors?integrationId=" + integration + "&status=open");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.items()).hasSize(1);
        Map<String, Object> error = list.items().get(0);
        assertThat(error).containsEntry("category", "rejected_by_target").containsEntry("sourceKey", "2")
                .containsEntry("occurrences", 1).containsEntry("runId", run.get("id"));
        assertThat((String) error.get("message")).contains("refused id 2");
        Map<String, Object> detail = api.get(viewer, base() + "/record-errors/" + error.get("id")).json();
        assertThat(detail.get("sourceRecord").toString()).contains("2.50");

        runs().toTheEnd(runs().start(integration));
        Response again = api.get(viewer, base() + "/record-errors?integrationId=" + integration);
        assertThat(again.items()).as("one open error per record and category").hasSize(1);
        assertThat(again.items().get(0)).containsEntry("occurrences", 2);
        Response counts = api.get(viewer, base() + "/record-errors/counts?integrationId=" + integration);
        assertThat(counts.status()).isEqualTo(200);
        assertThat(counts.body()).contains("\"category\":\"rejected_by_target\"").contains("\"errors\":1")
                .contains("\"occurrences\":2");
        assertThat(api.get(viewer, base() + "/record-errors?category=rejected_by_target&runId=" + run.get("id"))
                .items()).as("last seen by the second run").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_record_the_mapping_refuses_goes_to_the_inbox_with_its_field_and_hint_and_the_page_goes_on() {
        String integration = integration(null);
        String runId = runs().start(integration);
        ClaimedRun claimed = claim("mapping-worker", Duration.ofSeconds(30), runId);
        Integration found = integrations.find(new TenantId(tenant), UUID.fromString(integration)).orElseThrow();
        RecordMapper refusesOdd = new RecordMapper() {
            @Override
            public String identity() {
                return "test-refuses-odd:1";
            }

            @Override
            public Result map(SourceRecord record) {
                if (((BigDecimal) record.data().get("id")).intValue() % 2 == 1) {
                    return Result.failed(new Failure(ErrorCategory.VALUE, "total", "total is not a number",
                            "Send totals as numbers"));
                }
                return Result.of(new Output(record.key(), record.data()));
            }
        };
        PageWriter pages = new PageWriter(stores, claimed, found, refusesOdd,
                new RecordingTarget.Config(targetName), (TargetConnector<Record>) (TargetConnector<?>) new RecordingTarget(),
                new PageWriter.WriteRetries(1, Duration.ZERO, Duration.ZERO), () -> true, RunCounts.NONE);

        assertThat(pages.page(List.of(source(1), source(2), source(3)), new Checkpoint("page-1"))).isTrue();
        assertThat(pages.counts()).isEqualTo(new RunCounts(3, 1, 0, 2));
        assertThat(target.writes).hasSize(1);
        assertThat(target.writes.get(0)).extracting(w -> w.data().get("id")).containsExactly(new BigDecimal(2));
        List<Map<String, Object>> errors = api.get(viewer, base() + "/record-errors?integrationId=" + integration
                + "&category=value").items();
        assertThat(errors).extracting(e -> e.get("sourceKey")).containsExactlyInAnyOrder("1", "3");
        assertThat(errors.get(0)).containsEntry("fieldPath", "total").containsEntry("hint", "Send totals as numbers")
                .containsEntry("status", "open");
        assertThat(api.get(viewer, base() + "/runs/" + runId).json()).containsEntry("checkpointAfter", "page-1");
        queue.finish(claimed.runId(), claimed.attempt(), RunStatus.SUCCEEDED, pages.counts(), null);
    }

    private static SourceRecord source(int id) {
        return new SourceRecord("orders", Integer.toString(id), "", order(id, id + ".50"));
    }

    @Test
    void more_record_errors_than_the_integration_tolerates_fail_the_run() {
        String integration = integration(1);
        target.rejectIds.addAll(List.of("1", "2"));
        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "failed");
        assertThat((String) run.get("error")).startsWith("RECORD_ERRORS: 2 records failed").contains("(1)");
        assertThat(api.get(viewer, base() + "/record-errors?integrationId=" + integration).items()).hasSize(2);
    }

    @Test
    void a_retry_after_fixing_the_cause_writes_the_record_and_resolves_the_error() {
        String integration = integration(null);
        target.rejectIds.add("3");
        runs().toTheEnd(runs().start(integration));
        Map<String, Object> error = api.get(viewer, base() + "/record-errors?integrationId=" + integration).items().get(0);
        String errorId = (String) error.get("id");
        assertThat(api.post(viewer, base() + "/record-errors/" + errorId + "/retry", null).status()).isEqualTo(403);

        target.rejectIds.clear();
        Response retried = api.post(operator, base() + "/record-errors/" + errorId + "/retry", null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        assertThat(api.get(viewer, base() + "/record-errors/" + errorId).json()).containsEntry("status", "retried");
        String retryRun = (String) ((List<Map<String, Object>>) retried.json().get("runs")).get(0).get("runId");
        Map<String, Object> run = runs().toTheEnd(retryRun);
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded").containsEntry("trigger", "retry");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 1, "written", 1, "unchanged", 0, "failed", 0));
        assertThat(api.get(viewer, base() + "/record-errors/" + errorId).json()).containsEntry("status", "resolved");
        assertThat(TenantFixture.audit(tenant, "record-error.retried")).hasSize(1);
        Response conflict = api.post(operator, base() + "/record-errors/" + errorId + "/retry", null);
        assertThat(conflict.status()).as("only open errors are retried").isEqualTo(409);
    }

    @Test
    void errors_of_a_category_are_retried_together_and_can_be_ignored_or_resolved() {
        String integration = integration(null);
        target.rejectIds.addAll(List.of("1", "2"));
        runs().toTheEnd(runs().start(integration));
        List<Map<String, Object>> errors = api.get(viewer, base() + "/record-errors?integrationId=" + integration).items();
        assertThat(errors).hasSize(2);
        Response firstPage = api.get(viewer, base() + "/record-errors?integrationId=" + integration + "&limit=1");
        assertThat(firstPage.items()).extracting(e -> e.get("id")).containsExactly(errors.get(0).get("id"));
        assertThat(api.get(viewer, base() + "/record-errors?integrationId=" + integration + "&limit=1&cursor="
                + firstPage.json().get("nextCursor")).items()).extracting(e -> e.get("id"))
                .containsExactly(errors.get(1).get("id"));
        Response ignored = api.post(operator, base() + "/record-errors/" + errors.get(0).get("id") + "/ignore", null);
        assertThat(ignored.json()).as(ignored.toString()).containsEntry("status", "ignored");

        Response queued = api.post(operator, base() + "/record-errors/retry",
                Map.of("category", "rejected_by_target", "integrationId", integration));
        assertThat(queued.status()).as(queued.toString()).isEqualTo(202);
        List<Map<String, Object>> runs = (List<Map<String, Object>>) queued.json().get("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsEntry("errors", 1);
        Map<String, Object> run = runs().toTheEnd((String) runs.get(0).get("runId"));
        assertThat(run.get("counts")).as("still rejected").isEqualTo(Map.of("read", 1, "written", 0, "unchanged", 0,
                "failed", 1));
        Map<String, Object> reopened = api.get(viewer, base() + "/record-errors/" + errors.get(1).get("id")).json();
        assertThat(reopened).containsEntry("status", "open").containsEntry("occurrences", 2);
        Response resolved = api.post(operator, base() + "/record-errors/" + errors.get(1).get("id") + "/resolve", null);
        assertThat(resolved.json()).containsEntry("status", "resolved");
        assertThat(api.post(operator, base() + "/record-errors/retry", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void a_shadow_run_writes_nothing_and_its_changes_are_readable() {
        String integration = integration(null);
        runs().toTheEnd(runs().start(integration));
        int writes = target.writes.size();
        switchMode(integration, "shadow");
        ScriptedSource.script(script, List.of(List.of(order(1, "1.50"), order(2, "2.75")),
                List.of(order(3, "3.50"), order(4, "4.50"))));

        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded").containsEntry("shadow", true);
        assertThat(target.writes).as("nothing written").hasSize(writes);
        assertThat(ledgerRows(integration)).as("nothing in the ledger").isEqualTo(3);
        Map<String, Object> summary = api.get(viewer, base() + "/runs/" + run.get("id") + "/shadow-summary").json();
        assertThat(summary).containsEntry("create", 1).containsEntry("update", 1).containsEntry("unchanged", 2);
        Response updates = api.get(viewer, base() + "/runs/" + run.get("id") + "/shadow-changes?action=update");
        assertThat(updates.items()).hasSize(1);
        assertThat(updates.items().get(0)).containsEntry("sourceKey", "2").containsEntry("changedFields", List.of("total"));
        assertThat(updates.items().get(0).get("before").toString()).contains("2.50");
        assertThat(updates.items().get(0).get("after").toString()).contains("2.75");
        Response page = api.get(viewer, base() + "/runs/" + run.get("id") + "/shadow-changes?limit=3");
        assertThat(page.items()).hasSize(3);
        assertThat(api.get(viewer, base() + "/runs/" + run.get("id") + "/shadow-changes?limit=3&cursor="
                + page.json().get("nextCursor")).items()).extracting(c -> c.get("sourceKey")).containsExactly("4");

        switchMode(integration, "live");
        Map<String, Object> live = runs().toTheEnd(runs().start(integration));
        assertThat(live.get("counts")).as("the shadow run moved nothing on")
                .isEqualTo(Map.of("read", 4, "written", 2, "unchanged", 2, "failed", 0));
    }

    @Test
    void a_transient_failure_requeues_the_run_with_back_off_and_fails_it_after_the_last_retry() {
        String integration = integration(null);
        target.transientFailures.set(1_000);
        String runId = runs().start(integration);
        Map<String, Object> run = runUntilNotRunning(runId);
        assertThat(run).as(run.toString()).containsEntry("status", "queued").containsEntry("retries", 1);
        assertThat(delayUntilDue(runId)).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(61));
        worker.runOnce();
        assertThat(api.get(viewer, base() + "/runs/" + runId).json()).as("not claimed before it is due")
                .containsEntry("status", "queued");

        makeDue(runId);
        run = runUntilNotRunning(runId);
        assertThat(run).as(run.toString()).containsEntry("status", "queued").containsEntry("retries", 2);
        assertThat(delayUntilDue(runId)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(121));

        makeDue(runId);
        run = runs().toTheEnd(runId);
        assertThat(run).as(run.toString()).containsEntry("status", "failed");
        assertThat((String) run.get("error")).startsWith("TRANSIENT: ").contains("gave up after 2 retries");
        assertThat(run.get("events").toString()).contains("retry-scheduled").contains("write-retried");
    }

    @Test
    void a_replay_of_an_unchanged_run_writes_nothing_and_runs_can_be_filtered() {
        String integration = integration(null);
        Map<String, Object> first = runs().toTheEnd(runs().start(integration));
        int writes = target.writes.size();
        assertThat(api.post(viewer, base() + "/runs/" + first.get("id") + "/replay", null).status()).isEqualTo(403);
        Response replay = api.post(operator, base() + "/runs/" + first.get("id") + "/replay", null);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        String replayId = (String) replay.json().get("runId");
        Map<String, Object> replayed = runs().toTheEnd(replayId);
        assertThat(replayed).as(replayed.toString()).containsEntry("status", "succeeded")
                .containsEntry("trigger", "replay").containsEntry("replayOf", first.get("id"));
        assertThat(replayed.get("counts")).isEqualTo(Map.of("read", 3, "written", 0, "unchanged", 3, "failed", 0));
        assertThat(target.writes).hasSize(writes);
        assertThat(TenantFixture.audit(tenant, "run.replay-requested")).hasSize(1);

        assertThat(api.get(viewer, base() + "/runs?trigger=replay").items()).extracting(r -> r.get("id"))
                .containsExactly(replayId);
        assertThat(api.get(viewer, base() + "/runs?integrationId=" + integration + "&status=succeeded").items())
                .hasSize(2);
        assertThat(api.get(viewer, base() + "/runs?from=" + Instant.now().plusSeconds(60)).items()).isEmpty();
        assertThat(api.get(viewer, base() + "/runs?status=nonsense").status()).isEqualTo(400);
    }

    @Test
    void a_taken_over_attempt_writes_nothing_to_the_ledger() {
        String integration = integration(null);
        String runId = runs().start(integration);
        ClaimedRun stale = claim("paused-worker", Duration.ofMillis(200), runId);
        LeaseExpiry.awaitExpiry(UUID.fromString(runId));
        ClaimedRun current = claim("live-worker", Duration.ofSeconds(30), runId);
        worker.execute(stale);
        assertThat(ledgerRows(integration)).isZero();
        assertThat(target.writes).isEmpty();
        worker.execute(current);
        assertThat(ledgerRows(integration)).isEqualTo(3);
    }

    // --- helpers -----------------------------------------------------------------------------

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, operator, viewer, base());
    }

    private static Map<String, Object> order(int id, String total) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", new BigDecimal(id));
        data.put("total", total);
        return data;
    }

    private String integration(Integer maxRecordErrors) {
        String source = created(api.post(owner, base() + "/connections", Map.of("connectorId", "test-scripted-source",
                "name", "Scripted", "config", Map.of("script", script))));
        String target = created(api.post(owner, base() + "/connections", Map.of("connectorId", "test-recording-target",
                "name", "Recording", "config", Map.of("name", targetName))));
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "Orders", "sourceConnectionId", source,
                "sourceStream", "orders", "targetConnectionId", target, "targetObject", "orders", "mode", "live"));
        if (maxRecordErrors != null) {
            body.put("maxRecordErrors", maxRecordErrors);
        }
        Response created = api.post(owner, base() + "/integrations", body);
        if (maxRecordErrors != null) {
            assertThat(created.json()).as(created.toString()).containsEntry("maxRecordErrors", maxRecordErrors);
        }
        return created(created);
    }

    private void switchMode(String integration, String mode) {
        Response current = api.get(owner, base() + "/integrations/" + integration);
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : List.of("name", "sourceConnectionId", "sourceStream", "targetConnectionId", "targetObject")) {
            body.put(field, current.json().get(field));
        }
        body.put("mode", mode);
        Response changed = api.put(owner, base() + "/integrations/" + integration, body,
                "If-Match", current.header("ETag").orElseThrow());
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    }

    private static List<String> keys(List<WriteRecord> batch) {
        return batch.stream().map(WriteRecord::idempotencyKey).toList();
    }

    private static Map<String, Object> located(int id, String location, String createdAt) {
        Map<String, Object> data = order(id, id + ".00");
        if (location != null) {
            data.put("location_id", location);
        }
        data.put("created_at", createdAt);
        return data;
    }

    private List<String> activity(String integration) {
        return inTenant(tenant, c -> rows(c, "SELECT location || '|' || to_char(hour AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') || '|' || records AS r FROM source_activity"
                + " WHERE integration_id = ? ORDER BY location, hour", UUID.fromString(integration))
                .stream().map(r -> (String) r.get("r")).toList());
    }

    private List<String> freshness(String integration) {
        return inTenant(tenant, c -> rows(c, "SELECT location || '|' || to_char(newest_record_at AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS r FROM source_freshness WHERE integration_id = ?"
                + " ORDER BY location", UUID.fromString(integration)).stream().map(r -> (String) r.get("r")).toList());
    }

    private long ledgerRows(String integration) {
        return inTenant(tenant, c -> (Long) rows(c, "SELECT count(*) AS n FROM ledger WHERE integration_id = ?",
                UUID.fromString(integration)).get(0).get("n"));
    }

    private Duration delayUntilDue(String runId) {
        Timestamp due = platform(c -> (Timestamp) rows(c, "SELECT not_before FROM run_queue WHERE run_id = ?",
                UUID.fromString(runId)).get(0).get("not_before"));
        return Duration.between(Instant.now(), due.toInstant());
    }

    private void makeDue(String runId) {
        platform(c -> TenantFixture.update(c, "UPDATE run_queue SET not_before = now() WHERE run_id = ?",
                UUID.fromString(runId)));
    }

    /** Drives the worker until the run has been executed once and is no longer running. */
    private Map<String, Object> runUntilNotRunning(String runId) {
        return Await.until(Duration.ofSeconds(15), "run " + runId + " to be executed and re-queued", () -> {
            worker.runOnce();
            return api.get(viewer, base() + "/runs/" + runId).json();
        }, run -> !"running".equals(run.get("status")) && (int) run.get("attempt") > 0
                && platform(c -> rows(c, "SELECT 1 FROM run_queue WHERE run_id = ? AND status = 'queued'"
                        + " AND not_before > now()", UUID.fromString(runId))).size() == 1);
    }

    private ClaimedRun claim(String workerId, Duration lease, String runId) {
        return Await.until(Duration.ofSeconds(15), "run " + runId + " to be claimed", () -> queue.claim(workerId, lease, 1)
                .stream().filter(claimed -> claimed.runId().toString().equals(runId)).findFirst(), Optional::isPresent).orElseThrow();
    }
}
