package io.tillbridge.alerts;

import static io.tillbridge.integrations.RunDriver.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.events.EventTypes;
import io.tillbridge.integrations.RunDriver;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import io.tillbridge.testing.WarehouseSandbox;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each rule opens one alert while its condition holds and resolves it once the condition clears,
 * with exactly one "opened" and one "resolved" notification on the tenant's chat channel (a
 * loopback receiver); re-notification, acknowledgement and snooze; the evaluator's instant is
 * given, so the silence rule is checked at chosen times around a London shop's opening hours.
 */
@MicronautTest(transactional = false)
class AlertRulesIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    RunWorker worker;

    @Inject
    org.quartz.Scheduler scheduler;

    @Inject
    AlertJob job;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Alert Bakery", TenantRole.OWNER, TenantRole.OPERATOR, TenantRole.VIEWER);

    private ScriptedApi receiver;
    private ScriptedApi vendor;
    private WarehouseSandbox warehouse;
    private volatile boolean vendorRefuses;
    private String chatPath;

    @BeforeAll
    void receivers() {
        receiver = ScriptedApi.start().route("/chat", Reply.ok("ok"));
        vendor = ScriptedApi.start().route("/orders", request -> vendorRefuses ? Reply.json(401, "{\"error\":\"no\"}")
                : Reply.ok("[{\"id\":1,\"updated_at\":\"2026-01-01T00:00:01Z\"}]"));
        warehouse = WarehouseSandbox.inTestDatabase();
    }

    @AfterAll
    void stop() {
        receiver.close();
        vendor.close();
        warehouse.close();
    }

    @BeforeEach
    void a_chat_channel() {
        chatPath = "/chat/" + UUID.randomUUID();
        Response created = api.post(tenants.owner(), base() + "/alert-channels", Map.of("name", "Ops chat", "kind", "chat",
                "url", receiver.url(chatPath)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @Test
    void three_failed_runs_open_one_alert_and_a_successful_run_resolves_it() {
        RunDriver runs = new RunDriver(api, worker, tenants.owner(), tenants.viewer(), base());
        String integration = realIntegration();
        vendorRefuses = true;
        for (int i = 0; i < 3; i++) {
            assertThat(runs.toTheEnd(runs.start(integration))).containsEntry("status", "failed");
        }

        evaluate(Instant.now());
        evaluate(Instant.now());

        List<Map<String, Object>> open = alerts("open");
        assertThat(open).hasSize(1);
        assertThat(open.get(0)).containsEntry("kind", "consecutive_failures").containsEntry("integrationId", integration);
        assertThat((String) open.get(0).get("message")).contains("The last 3 runs of \"Orders\" failed");
        assertThat((String) open.get(0).get("portalPath")).startsWith("runs/");
        assertThat(chat()).hasSize(1);
        assertThat(events(EventTypes.ALERT_OPENED)).isEqualTo(1);

        vendorRefuses = false;
        assertThat(runs.toTheEnd(runs.start(integration))).containsEntry("status", "succeeded");
        evaluate(Instant.now());
        evaluate(Instant.now());

        assertThat(alerts("open")).isEmpty();
        assertThat(alerts("resolved")).hasSize(1);
        assertThat(chat()).hasSize(2);
        assertThat(chat().get(1)).startsWith("Resolved: Orders: 3 runs failed in a row.");
        assertThat(events(EventTypes.ALERT_RESOLVED)).isEqualTo(1);
    }

    @Test
    void an_error_rate_above_the_target_opens_and_resolves_once() {
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        Instant now = Instant.now();
        UUID run = AlertSeeds.run(tenants.id(), integration, "succeeded", now.minusSeconds(3700), now.minusSeconds(3600),
                100, 5);
        evaluate(now);
        assertThat(alerts("open")).as("no target: the rule is inactive").isEmpty();

        AlertSeeds.targets(tenants.id(), 0.01, null);
        opensThenResolves(integration, "error_rate", "5.00% of the records", () -> AlertSeeds.sql(tenants.id(),
                "UPDATE runs SET records_failed = 0 WHERE id = ?", run));
    }

    @Test
    void a_completion_time_above_the_target_opens_and_resolves_once() {
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        Instant now = Instant.now();
        AlertSeeds.run(tenants.id(), integration, "succeeded", now.minusSeconds(3600 + 1800), now.minusSeconds(3600), 10, 0);
        AlertSeeds.targets(tenants.id(), null, 15);

        opensThenResolves(integration, "completion_time", "took 1800 s at the 95th percentile",
                () -> AlertSeeds.targets(tenants.id(), null, 60));
    }

    @Test
    void failing_credentials_of_a_connection_open_and_resolve_once() {
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        UUID source = AlertSeeds.sourceConnection(tenants.id(), integration);
        AlertSeeds.check(tenants.id(), source, false, Instant.now().minusSeconds(600));

        opensThenResolves(integration, "credentials", "refused the token",
                () -> AlertSeeds.check(tenants.id(), source, true, Instant.now()));
        assertThat(alerts("resolved").get(0)).containsEntry("subject", source.toString())
                .containsEntry("portalPath", "connections/" + source);
    }

    @Test
    void queued_runs_above_the_threshold_open_and_resolve_once() {
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        for (int i = 0; i < 5; i++) {
            AlertSeeds.run(tenants.id(), integration, "queued", null, null, 0, 0);
        }

        opensThenResolves(integration, "backlog", "5 runs of \"Orders\" are queued", () -> AlertSeeds.sql(tenants.id(),
                "UPDATE runs SET status = 'cancelled', finished_at = now() WHERE integration_id = ? AND status = 'queued'",
                integration));
    }

    @Test
    void open_errors_growing_over_the_last_hours_open_and_resolve_once() {
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        AlertSeeds.errors(tenants.id(), integration, 20, Instant.now().minus(Duration.ofDays(1)));
        AlertSeeds.errors(tenants.id(), integration, 100, Instant.now().minus(Duration.ofHours(1)));

        opensThenResolves(integration, "backlog", "grew by 100 over the last 6 hours, from 20 to 120",
                () -> AlertSeeds.sql(tenants.id(), "UPDATE record_errors SET status = 'resolved', closed_at = now()"
                        + " WHERE integration_id = ? AND first_seen_at > now() - interval '2 hours'", integration));
    }

    @Test
    void data_stopped_fires_in_the_shops_business_hours_and_resolves_when_records_arrive() {
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        // The mapped location decides the zone, not the other location in Tokyo.
        AlertSeeds.location(tenants.id(), "Harbour Street", "Europe/London", "shop-1");
        AlertSeeds.location(tenants.id(), "Ginza", "Asia/Tokyo", "shop-2");
        // Four weeks Monday to Saturday 09:00-17:00 London time, across the clocks going back on 25 October.
        AlertSeeds.activity(tenants.id(), integration, "shop-1", shop(LocalDate.parse("2026-10-05"),
                LocalDate.parse("2026-10-31")));
        AlertSeeds.freshness(tenants.id(), integration, "shop-1", london("2026-10-31T16:59"));

        evaluate(london("2026-11-01T12:00"));
        assertThat(alerts("open")).as("Sunday: closed").isEmpty();
        evaluate(Instant.parse("2026-11-02T08:30:00Z"));
        assertThat(alerts("open")).as("08:30 GMT: before opening, though 08:00 UTC was opening time in summer").isEmpty();
        evaluate(london("2026-11-02T09:15"));
        assertThat(alerts("open")).as("open for 15 min, less than the expected gap").isEmpty();

        evaluate(london("2026-11-02T09:45"));
        evaluate(london("2026-11-02T09:50"));

        List<Map<String, Object>> open = alerts("open");
        assertThat(open).hasSize(1);
        assertThat(open.get(0)).containsEntry("kind", "data_stopped").containsEntry("subject", "shop-1");
        assertThat((String) open.get(0).get("message")).contains("location \"shop-1\"", "time zone Europe/London",
                "every 30 min", "Sat 31 Oct 16:59");
        assertThat(chat()).hasSize(1);

        AlertSeeds.freshness(tenants.id(), integration, "shop-1", london("2026-11-02T09:55"));
        evaluate(london("2026-11-02T10:00"));
        evaluate(london("2026-11-02T10:05"));

        assertThat(alerts("open")).isEmpty();
        assertThat(chat()).hasSize(2);
        assertThat(chat().get(1)).startsWith("Resolved: ");
    }

    @Test
    void an_open_alert_is_renotified_after_its_interval_until_acknowledged_and_still_resolves() {
        UUID integration = queuedBacklog();
        Instant t0 = Instant.now();
        evaluate(t0);
        evaluate(t0.plus(Duration.ofMinutes(239)));
        assertThat(chat()).hasSize(1);

        evaluate(t0.plus(Duration.ofMinutes(240)));
        assertThat(chat()).hasSize(2);
        assertThat(chat().get(1)).startsWith("Still open: ");
        assertThat(alerts("open").get(0)).containsEntry("notifications", 2);

        String id = (String) alerts("open").get(0).get("id");
        Response ack = api.post(tenants.operator(), base() + "/alerts/" + id + "/acknowledge", null);
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat(ack.json().get("acknowledgedAt")).isNotNull();
        evaluate(t0.plus(Duration.ofHours(12)));
        assertThat(chat()).hasSize(2);

        AlertSeeds.sql(tenants.id(), "UPDATE runs SET status = 'cancelled' WHERE integration_id = ?", integration);
        evaluate(t0.plus(Duration.ofHours(13)));
        assertThat(chat()).hasSize(3);
        assertThat(chat().get(2)).startsWith("Resolved: ");
    }

    @Test
    void a_snoozed_alert_is_renotified_only_after_the_snooze() {
        queuedBacklog();
        Instant t0 = Instant.now();
        evaluate(t0);
        String id = (String) alerts("open").get(0).get("id");
        Instant until = t0.plus(Duration.ofHours(6));
        Response snoozed = api.post(tenants.operator(), base() + "/alerts/" + id + "/snooze", Map.of("until", until.toString()));
        assertThat(snoozed.status()).as(snoozed.toString()).isEqualTo(200);

        evaluate(t0.plus(Duration.ofHours(5)));
        assertThat(chat()).hasSize(1);
        evaluate(until);
        assertThat(chat()).hasSize(2);
    }

    @Test
    void a_viewer_may_neither_acknowledge_nor_snooze_and_a_snooze_in_the_past_is_refused() {
        queuedBacklog();
        evaluate(Instant.now());
        String id = (String) alerts("open").get(0).get("id");

        assertThat(api.post(tenants.viewer(), base() + "/alerts/" + id + "/acknowledge", null).status()).isEqualTo(403);
        Response past = api.post(tenants.operator(), base() + "/alerts/" + id + "/snooze",
                Map.of("until", Instant.now().minusSeconds(60).toString()));
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.header("Content-Type").orElse("")).contains("application/problem+json");
    }

    @Test
    void a_disabled_rule_opens_nothing_and_the_rules_can_be_edited_with_bad_values_refused() {
        UUID integration = queuedBacklog();
        List<Map<String, Object>> rules = api.get(tenants.viewer(), base() + "/alert-rules?integrationId=" + integration)
                .items();
        assertThat(rules).extracting(r -> r.get("kind")).containsExactly("consecutive_failures", "error_rate",
                "completion_time", "credentials", "data_stopped", "backlog", "unreconciled");
        Map<String, Object> backlog = rules.get(5);
        assertThat(backlog).containsEntry("threshold", 5).containsEntry("growth", 100).containsEntry("renotifyMinutes", 240);
        String path = base() + "/alert-rules/" + backlog.get("id");

        Response bad = api.put(tenants.owner(), path, Map.of("threshold", 0), "If-Match", "\"1\"");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
        assertThat(api.put(tenants.viewer(), path, Map.of("enabled", false), "If-Match", "\"1\"").status()).isEqualTo(403);
        Response off = api.put(tenants.owner(), path, Map.of("enabled", false, "threshold", 6), "If-Match", "\"1\"");
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        assertThat(off.json()).containsEntry("enabled", false).containsEntry("threshold", 6).containsEntry("version", 2);
        assertThat(api.put(tenants.owner(), path, Map.of("enabled", true), "If-Match", "\"1\"").status()).isEqualTo(412);
        assertThat(io.tillbridge.tenants.TenantFixture.audit(tenants.id(), "alert_rule.changed")).hasSize(1);

        evaluate(Instant.now());
        assertThat(alerts("open")).isEmpty();
        assertThat(chat()).isEmpty();
    }

    @Test
    void another_tenants_alert_and_rule_answer_404() {
        UUID theirs = AlertSeeds.integration(tenants.otherId(), "Theirs");
        for (int i = 0; i < 5; i++) {
            AlertSeeds.run(tenants.otherId(), theirs, "queued", null, null, 0, 0);
        }
        evaluator.evaluate(new TenantId(tenants.otherId()), Instant.now());
        Map<String, Object> alert = io.tillbridge.tenants.TenantFixture.inTenant(tenants.otherId(),
                c -> io.tillbridge.tenants.TenantFixture.rows(c, "SELECT id, rule_id FROM alerts")).get(0);

        assertThat(api.get(tenants.viewer(), base() + "/alerts/" + alert.get("id")).status()).isEqualTo(404);
        assertThat(api.post(tenants.operator(), base() + "/alerts/" + alert.get("id") + "/acknowledge", null).status())
                .isEqualTo(404);
        assertThat(api.get(tenants.viewer(), base() + "/alert-rules/" + alert.get("rule_id")).status()).isEqualTo(404);
        assertThat(api.get(tenants.viewer(), base() + "/alerts").items()).isEmpty();
        assertThat(chat()).as("their alert is not sent on our channel").isEmpty();
    }

    @Test
    void the_evaluation_is_on_the_clustered_scheduler_every_five_minutes_and_its_job_evaluates_with_the_clock()
            throws Exception {
        org.quartz.SimpleTrigger trigger = (org.quartz.SimpleTrigger) scheduler.getTrigger(AlertSchedule.TRIGGER);
        assertThat(trigger).isNotNull();
        assertThat(trigger.getRepeatInterval()).isEqualTo(300_000L);
        assertThat(scheduler.getJobDetail(AlertSchedule.JOB).getJobClass()).isEqualTo(AlertJob.class);
        queuedBacklog();

        job.execute(null);

        assertThat(alerts("open")).hasSize(1);
        assertThat(chat()).hasSize(1);
    }

    private void opensThenResolves(UUID integration, String kind, String text, Runnable clear) {
        evaluate(Instant.now());
        evaluate(Instant.now());
        List<Map<String, Object>> open = alerts("open");
        assertThat(open).hasSize(1);
        assertThat(open.get(0)).containsEntry("kind", kind).containsEntry("integrationId", integration.toString());
        assertThat((String) open.get(0).get("message")).contains(text);
        assertThat(chat()).hasSize(1);
        assertThat(chat().get(0)).startsWith("Alert: ");

        clear.run();
        evaluate(Instant.now());
        evaluate(Instant.now());

        assertThat(alerts("open")).isEmpty();
        assertThat(alerts("resolved")).hasSize(1);
        assertThat(chat()).hasSize(2);
        assertThat(chat().get(1)).startsWith("Resolved: ");
        assertThat(events(EventTypes.ALERT_OPENED)).isEqualTo(1);
        assertThat(events(EventTypes.ALERT_RESOLVED)).isEqualTo(1);
    }

    private UUID queuedBacklog() {
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        for (int i = 0; i < 5; i++) {
            AlertSeeds.run(tenants.id(), integration, "queued", null, null, 0, 0);
        }
        return integration;
    }

    private String realIntegration() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("url", vendor.url("/orders"));
        source.put("updatedAtPointer", "/updated_at");
        source.put("maxRetries", 0);
        source.put("timeoutSeconds", 5);
        String sourceId = created(api.post(tenants.owner(), base() + "/connections",
                Map.of("connectorId", "http-json", "name", "Till API", "config", source)));
        String targetId = created(api.post(tenants.owner(), base() + "/connections",
                Map.of("connectorId", "postgres-warehouse", "name", "Warehouse", "config", warehouse.targetConfig(30))));
        return created(api.post(tenants.owner(), base() + "/integrations", Map.of("name", "Orders", "sourceConnectionId",
                sourceId, "sourceStream", "records", "targetConnectionId", targetId, "targetObject",
                "orders_" + UUID.randomUUID().toString().substring(0, 8), "mode", "live")));
    }

    private void evaluate(Instant now) {
        evaluator.evaluate(new TenantId(tenants.id()), now);
    }

    private List<Map<String, Object>> alerts(String status) {
        Response response = api.get(tenants.viewer(), base() + "/alerts?status=" + status);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.items();
    }

    /** The texts the chat receiver got on this test's channel, in order. */
    private List<String> chat() {
        return receiver.requests(chatPath).stream()
                .map(r -> (String) io.tillbridge.runs.RecordJson.readMap(r.body()).get("text")).toList();
    }

    private int events(String type) {
        return AlertSeeds.events(tenants.id(), type).size();
    }

    private String base() {
        return "/api/v1/tenants/" + tenants.id();
    }

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static Instant london(String local) {
        return LocalDateTime.parse(local).atZone(LONDON).toInstant();
    }

    private static Map<Instant, Long> shop(LocalDate first, LocalDate last) {
        Map<Instant, Long> hours = new HashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                for (int h = 9; h < 17; h++) {
                    hours.put(d.atTime(h, 0).atZone(LONDON).toInstant(), 6L);
                }
            }
        }
        return hours;
    }
}
