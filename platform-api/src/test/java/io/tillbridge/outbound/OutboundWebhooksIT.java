package io.tillbridge.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connections.PlatformEgress;
import io.tillbridge.connector.egress.EgressHttpClients;
import io.tillbridge.events.EventTypes;
import io.tillbridge.events.PlatformEvents;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestMailProperties;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outbound webhooks through the API, real PostgreSQL, a real SMTP server and a real endpoint on
 * loopback: the dispatcher and the sender are driven by the test (polling is off), with retries
 * after 0 s (three attempts a delivery), a 1 s read timeout, and disabling after 7 failed attempts in a row.
 */
@MicronautTest(transactional = false)
class OutboundWebhooksIT extends TestMailProperties {

    @Inject
    ApiClient api;

    @Inject
    TenantTransactions transactions;

    @Inject
    PlatformEvents events;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    WebhookSender sender;

    @Inject
    PlatformEgress egress;

    @Inject
    io.tillbridge.retention.RetentionPurge retention;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants(TenantRole.OWNER, TenantRole.ADMIN, TenantRole.VIEWER);

    private WebhookReceiver receiver;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("tillbridge.webhooks.retry-schedule", "0s,0s",
                "tillbridge.webhooks.read-timeout", "1s",
                "tillbridge.webhooks.connect-timeout", "1s",
                "tillbridge.webhooks.disable-after", "0s",
                "tillbridge.webhooks.disable-min-failures", "7");
    }

    @BeforeAll
    void an_endpoint_on_loopback() throws IOException {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    void stop_the_endpoint() {
        receiver.close();
    }

    @BeforeEach
    void a_quiet_endpoint() {
        drain();
        receiver.reset();
    }

    @Test
    void creating_a_subscription_answers_its_secret_once_and_no_read_shows_it() throws SQLException {
        Response created = api.post(tenants.admin(), path(), Map.of("url", receiver.url("/hooks"),
                "eventTypes", List.of("run.failed"), "description", "Ops"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String secret = secret(created);
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
        String id = id(created);
        Response read = api.get(tenants.viewer(), path() + "/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).containsEntry("url", receiver.url("/hooks")).containsEntry("enabled", true)
                .containsEntry("eventTypes", List.of("run.failed"));
        assertThat(read.body()).doesNotContain(secret);
        assertThat(api.get(tenants.viewer(), path()).body()).doesNotContain(secret).contains("day.closed");
        assertThat(storedAnywhereInClear(secret)).isFalse();
        assertThat(api.post(tenants.viewer(), path(), Map.of("url", receiver.url("/v"), "eventTypes",
                List.of("run.failed"))).status()).isEqualTo(403);
    }

    @Test
    void a_private_link_local_or_public_http_address_is_refused_at_the_url_field() {
        for (String url : List.of("https://10.0.0.1/hooks", "https://169.254.169.254/latest/meta-data",
                "https://[::ffff:192.168.1.5]/x", "ftp://hooks.example.com/x", "https://user:pw@hooks.example.com/x",
                "https://hooks.example.com/" + "a".repeat(2001))) {
            Response refused = api.post(tenants.admin(), path(), Map.of("url", url, "eventTypes", List.of("run.failed")));
            assertThat(refused.status()).as(url + ": " + refused).isEqualTo(400);
            assertThat(refused.body()).as(url).contains("\"field\":\"url\"");
        }
        Response unknownType = api.post(tenants.admin(), path(), Map.of("url", receiver.url("/x"),
                "eventTypes", List.of("run.exploded")));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.body()).contains("\"field\":\"eventTypes\"", "run.exploded");
        assertThat(api.get(tenants.admin(), path()).items()).isEmpty();
    }

    @Test
    void the_sender_refuses_a_private_address_before_any_socket_opens() throws IOException {
        try (CloseableHttpClient client = EgressHttpClients.create(egress.policy(), Duration.ofSeconds(5),
                Duration.ofSeconds(5))) {
            for (String url : List.of("http://10.0.0.1:8080/hooks", "http://169.254.169.254/latest")) {
                WebhookPost.Answer answer = WebhookPost.send(client, url, Map.of("webhook-id", "x"), "{}", 100,
                        Duration.ofSeconds(10));
                assertThat(answer.status()).isNull();
                assertThat(answer.error()).as(url).startsWith("refused by the egress policy:");
                // A connect attempt to a non-routable address would take the 5 s connect timeout.
                assertThat(answer.durationMs()).as(url).isLessThan(2000);
            }
        }
    }

    @Test
    void an_event_is_delivered_once_signed_so_that_an_independent_verifier_accepts_it() {
        Response created = subscribe(tenants.admin(), tenants.id(), "/signed", "run.succeeded");
        String secret = secret(created);
        UUID event = publish(tenants.id(), EventTypes.RUN_SUCCEEDED, Map.of("runId", "r-1", "written", 3));
        publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "r-2"));
        drain();
        drain();
        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(1);
        WebhookReceiver.Received request = got.get(0);
        assertThat(request.id()).isEqualTo(event.toString());
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(Long.parseLong(request.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
        assertThat(request.body()).startsWith("{\"type\":\"run.succeeded\",\"timestamp\":\"").contains("\"data\":{")
                .contains("\"runId\":\"r-1\"").contains("\"written\":3");
        assertThat(Signatures.verifies(secret, request)).isTrue();
        assertThat(Signatures.verifies(io.tillbridge.outbound.StandardWebhooks.newSecret(), request)).isFalse();
        Map<String, Object> delivery = api.get(tenants.viewer(), path() + "/" + id(created) + "/deliveries").items().get(0);
        assertThat(delivery).containsEntry("status", "delivered").containsEntry("attempts", 1)
                .containsEntry("eventId", event.toString());
    }

    @Test
    void a_delivery_answered_500_is_retried_with_the_same_webhook_id_until_delivered() {
        Response created = subscribe(tenants.admin(), tenants.id(), "/flaky", "run.failed");
        receiver.answer(500, 503);
        UUID event = publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "r-9"));
        drain();
        List<WebhookReceiver.Received> got = receiver.received();
        assertThat(got).extracting(WebhookReceiver.Received::id).containsExactly(event.toString(), event.toString(),
                event.toString());
        assertThat(got).allMatch(r -> Signatures.verifies(secret(created), r));
        assertThat(got.get(0).body()).isEqualTo(got.get(2).body());
        drain();
        assertThat(receiver.received()).as("nothing is sent again after a success").hasSize(3);
        Map<String, Object> delivery = deliveries(created).get(0);
        assertThat(delivery).containsEntry("status", "delivered").containsEntry("attempts", 3);
        List<Map<String, Object>> log = attemptLog(created, (String) delivery.get("id"));
        assertThat(log).extracting(a -> a.get("statusCode")).containsExactly(204, 503, 500);
        assertThat((String) log.get(2).get("responseExcerpt")).startsWith("answer 500").hasSizeLessThanOrEqualTo(1024);
    }

    @Test
    void a_delivery_that_times_out_is_retried_then_delivered() {
        Response created = subscribe(tenants.admin(), tenants.id(), "/slow", "record_error.opened");
        receiver.answer(WebhookReceiver.HANG);
        UUID event = publish(tenants.id(), EventTypes.RECORD_ERROR_OPENED, Map.of("count", 1));
        drain();
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::id)
                .containsExactly(event.toString(), event.toString());
        Map<String, Object> delivery = deliveries(created).get(0);
        assertThat(delivery).containsEntry("status", "delivered").containsEntry("attempts", 2);
        List<Map<String, Object>> log = attemptLog(created, (String) delivery.get("id"));
        assertThat((String) log.get(1).get("error")).startsWith("timed out");
        assertThat(((Number) log.get(1).get("durationMs")).longValue()).isBetween(900L, 5000L);
    }

    @Test
    void a_dispatch_pass_run_again_from_the_start_creates_no_second_delivery() throws SQLException {
        Response created = subscribe(tenants.admin(), tenants.id(), "/once", "day.closed");
        UUID event = publish(tenants.id(), EventTypes.DAY_CLOSED, Map.of("businessDay", "2026-12-06"));
        assertThat(dispatcher.dispatch(new TenantId(tenants.id()))).isEqualTo(1);
        owner("UPDATE webhook_dispatch_cursors SET last_seq = 0 WHERE tenant_id = ?", tenants.id());
        assertThat(dispatcher.dispatch(new TenantId(tenants.id()))).isZero();
        drain();
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::id).containsExactly(event.toString());
        assertThat(deliveries(created)).hasSize(1);
    }

    @Test
    void after_rotation_both_secrets_sign_until_the_overlap_ends_then_only_the_new_one() throws SQLException {
        Response created = subscribe(tenants.admin(), tenants.id(), "/rotated", "run.succeeded");
        String old = secret(created);
        Response rotated = api.post(tenants.admin(), path() + "/" + id(created) + "/rotate-secret", null);
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String fresh = (String) rotated.json().get("secret");
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        Instant overlapEnds = Instant.parse((String) rotated.json().get("previousSecretExpiresAt"));
        assertThat(overlapEnds).isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        publish(tenants.id(), EventTypes.RUN_SUCCEEDED, Map.of("n", 1));
        drain();
        WebhookReceiver.Received during = receiver.received().get(0);
        assertThat(during.signature().split(" ")).hasSize(2);
        assertThat(Signatures.verifies(old, during)).isTrue();
        assertThat(Signatures.verifies(fresh, during)).isTrue();

        owner("UPDATE webhook_subscription_secrets SET expires_at = now() - interval '1 second'"
                + " WHERE tenant_id = ? AND expires_at IS NOT NULL", tenants.id());
        publish(tenants.id(), EventTypes.RUN_SUCCEEDED, Map.of("n", 2));
        drain();
        WebhookReceiver.Received after = receiver.received().get(1);
        assertThat(after.signature().split(" ")).hasSize(1);
        assertThat(Signatures.verifies(fresh, after)).isTrue();
        assertThat(Signatures.verifies(old, after)).isFalse();
    }

    @Test
    void a_delivery_that_fails_for_good_is_replayed_with_the_same_webhook_id() {
        Response created = subscribe(tenants.admin(), tenants.id(), "/down", "run.failed");
        receiver.answer(500, 500, 500);
        UUID event = publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "r-3"));
        drain();
        assertThat(receiver.received()).hasSize(3);
        Map<String, Object> failed = deliveries(created).get(0);
        assertThat(failed).containsEntry("status", "failed").containsEntry("attempts", 3);
        assertThat((String) failed.get("lastError")).contains("HTTP 500", "gave up after 3 attempts");

        Response replay = api.post(tenants.admin(), path() + "/" + id(created) + "/deliveries/" + failed.get("id")
                + "/replay", null);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
        drain();
        assertThat(receiver.received()).hasSize(4);
        assertThat(receiver.received().get(3).id()).isEqualTo(event.toString());
        assertThat(deliveries(created).get(0)).containsEntry("status", "delivered").containsEntry("attempts", 4);
        assertThat(api.post(tenants.viewer(), path() + "/" + id(created) + "/deliveries/" + failed.get("id")
                + "/replay", null).status()).isEqualTo(403);
    }

    @Test
    void replaying_all_failed_deliveries_sends_each_again_with_its_own_id() {
        Response created = subscribe(tenants.admin(), tenants.id(), "/down-all", "run.failed");
        receiver.answer(500, 500, 500, 500, 500, 500);
        UUID first = publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "a"));
        drain();
        UUID second = publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "b"));
        drain();
        assertThat(deliveries(created)).extracting(d -> d.get("status")).containsOnly("failed");
        receiver.reset();
        Response replayed = api.post(tenants.admin(), path() + "/" + id(created) + "/deliveries/replay-failed", null);
        assertThat(replayed.status()).as(replayed.toString()).isEqualTo(202);
        assertThat(replayed.json()).containsEntry("replayed", 2);
        drain();
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::id)
                .containsExactlyInAnyOrder(first.toString(), second.toString());
    }

    @Test
    void an_endpoint_failing_for_a_long_streak_is_disabled_with_the_reason_and_a_mail_to_owners_and_admins()
            throws Exception {
        Response created = subscribe(tenants.admin(), tenants.id(), "/broken", "run.failed");
        receiver.answer(500, 500, 500, 500, 500, 500, 500, 500);
        int mailsBefore = smtp.getReceivedMessages().length;
        publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "a"));
        drain();
        assertThat(api.get(tenants.viewer(), path() + "/" + id(created)).json()).containsEntry("enabled", true)
                .containsEntry("consecutiveFailures", 3);
        publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "b"));
        publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "c"));
        drain();
        Map<String, Object> disabled = api.get(tenants.viewer(), path() + "/" + id(created)).json();
        assertThat(disabled).containsEntry("enabled", false);
        assertThat((String) disabled.get("disabledReason")).contains("7 failed attempts in a row", "HTTP 500");
        assertThat(receiver.received()).as("nothing is sent after the seventh failure").hasSize(7);
        assertThat(deliveries(created)).extracting(d -> d.get("status")).containsOnly("failed");

        MimeMessage[] mails = smtp.getReceivedMessages();
        List<String> to = java.util.Arrays.stream(mails).skip(mailsBefore).map(m -> {
            try {
                return m.getAllRecipients()[0].toString() + " " + m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(to).hasSize(2).allMatch(line -> line.contains("Webhook disabled"))
                .anyMatch(line -> line.startsWith(tenants.owner().email()))
                .anyMatch(line -> line.startsWith(tenants.admin().email()));

        publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "d"));
        drain();
        assertThat(receiver.received()).as("a disabled subscription receives nothing").hasSize(7);

        String etag = api.get(tenants.admin(), path() + "/" + id(created)).header("ETag").orElseThrow();
        Response enabled = api.put(tenants.admin(), path() + "/" + id(created), Map.of("url", receiver.url("/broken"),
                "eventTypes", List.of("run.failed"), "enabled", true), "If-Match", etag);
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertThat(enabled.json()).containsEntry("enabled", true).containsEntry("consecutiveFailures", 0)
                .doesNotContainKey("disabledReason");
    }

    @Test
    void another_tenants_subscription_answers_404_and_its_events_never_reach_it() {
        Response mine = subscribe(tenants.admin(), tenants.id(), "/mine", "run.failed");
        Response theirs = subscribe(tenants.stranger(), tenants.otherId(), "/theirs", "run.failed");
        assertThat(theirs.status()).isEqualTo(201);
        String theirPath = "/api/v1/tenants/" + tenants.otherId() + "/webhook-subscriptions/" + id(theirs);
        assertThat(api.get(tenants.admin(), theirPath).status()).isEqualTo(404);
        assertThat(api.get(tenants.admin(), path() + "/" + id(theirs)).status()).isEqualTo(404);
        assertThat(api.post(tenants.admin(), path() + "/" + id(theirs) + "/rotate-secret", null).status()).isEqualTo(404);
        assertThat(api.get(tenants.admin(), path() + "/" + id(theirs) + "/deliveries").status()).isEqualTo(404);

        UUID event = publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "x"));
        drain();
        assertThat(receiver.received()).extracting(r -> r.id() + " " + r.signature().isEmpty())
                .containsExactly(event + " false");
        assertThat(Signatures.verifies(secret(mine), receiver.received().get(0))).isTrue();
        assertThat(api.get(tenants.stranger(), theirPath + "/deliveries").items()).isEmpty();
    }

    @Test
    void a_tenant_with_many_due_deliveries_takes_at_most_two_senders_and_another_tenant_still_gets_one() {
        for (String endpoint : List.of("/a1", "/a2", "/a3")) {
            subscribe(tenants.admin(), tenants.id(), endpoint, "run.failed");
        }
        subscribe(tenants.stranger(), tenants.otherId(), "/b", "run.failed");
        publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "a"));
        publish(tenants.id(), EventTypes.RUN_FAILED, Map.of("runId", "a2"));
        publish(tenants.otherId(), EventTypes.RUN_FAILED, Map.of("runId", "b"));
        dispatcher.dispatch();

        List<WebhookSender.Claim> claimed = sender.claim(4);
        Map<UUID, Long> perTenant = claimed.stream().collect(java.util.stream.Collectors.groupingBy(
                claim -> claim.tenant().value(), java.util.stream.Collectors.counting()));
        assertThat(perTenant).containsEntry(tenants.id(), 2L).containsEntry(tenants.otherId(), 1L);
        assertThat(claimed).extracting(WebhookSender.Claim::subscriptionId).doesNotHaveDuplicates();
        assertThat(sender.claim(4)).as("the tenant's cap and the subscriptions in flight hold").isEmpty();

        claimed.forEach(sender::send);
        drain();
        assertThat(receiver.received()).hasSize(7);
    }

    @Test
    void a_test_event_is_sent_to_the_subscription_alone() {
        Response created = subscribe(tenants.admin(), tenants.id(), "/test", "run.failed");
        subscribe(tenants.admin(), tenants.id(), "/other", "run.failed");
        Response sent = api.post(tenants.admin(), path() + "/" + id(created) + "/test", null);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        drain();
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).body()).startsWith("{\"type\":\"webhook.test\"");
        assertThat(Signatures.verifies(secret(created), receiver.received().get(0))).isTrue();
    }

    @Test
    void a_subscription_is_changed_and_deleted_with_its_etag_and_each_change_is_audited() throws SQLException {
        Response created = subscribe(tenants.admin(), tenants.id(), "/edit", "run.failed");
        String at = path() + "/" + id(created);
        Response changed = api.put(tenants.admin(), at, Map.of("url", receiver.url("/edited"),
                "eventTypes", List.of("run.failed", "day.closed"), "description", "Night shift"), "If-Match", "\"1\"");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.header("ETag")).hasValue("\"2\"");
        assertThat(api.put(tenants.admin(), at, Map.of("url", receiver.url("/x"), "eventTypes", List.of("run.failed")),
                "If-Match", "\"1\"").status()).isEqualTo(412);
        assertThat(api.delete(tenants.admin(), at).status()).isEqualTo(428);
        assertThat(api.delete(tenants.admin(), at, "If-Match", "\"2\"").status()).isEqualTo(204);
        assertThat(api.get(tenants.admin(), at).status()).isEqualTo(404);
        assertThat(audited(tenants.id())).containsExactly("webhook-subscription.created", "webhook-subscription.changed",
                "webhook-subscription.deleted");
    }

    @Test
    void a_business_day_closes_once_per_location_after_its_close_out_hour() throws SQLException {
        UUID location = UUID.randomUUID();
        owner("INSERT INTO locations (tenant_id, id, name, time_zone, close_out_hour, created_at)"
                + " VALUES (?, ?, 'Quay', 'Europe/Dublin', 4, '2026-11-01T00:00:00Z')", tenants.id(), location);
        Response created = subscribe(tenants.admin(), tenants.id(), "/days", "day.closed");
        BusinessDayClose days = new BusinessDayClose(transactions, events, java.time.Clock.systemUTC());
        TenantId tenant = new TenantId(tenants.id());
        // 03:59 in Dublin on 7 December: the day of 5 December ended at 04:00 on the 6th.
        assertThat(days.closeEndedDays(tenant, Instant.parse("2026-12-07T03:59:00Z"))).isEqualTo(1);
        assertThat(days.closeEndedDays(tenant, Instant.parse("2026-12-07T03:59:30Z"))).isZero();
        assertThat(days.closeEndedDays(tenant, Instant.parse("2026-12-07T04:00:00Z"))).isEqualTo(1);
        assertThat(days.closeEndedDays(tenant, Instant.parse("2026-12-07T09:00:00Z"))).isZero();
        drain();
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::body)
                .anyMatch(b -> b.contains("\"businessDay\":\"2026-12-05\""))
                .anyMatch(b -> b.contains("\"businessDay\":\"2026-12-06\"")).hasSize(2);
        assertThat(deliveries(created)).hasSize(2);
    }

    @Test
    void the_retention_purge_deletes_old_events_and_finished_deliveries_but_keeps_pending_ones() throws SQLException {
        Response created = subscribe(tenants.admin(), tenants.id(), "/kept", "run.failed");
        UUID subscription = UUID.fromString(id(created));
        UUID oldEvent = UUID.randomUUID();
        owner("INSERT INTO platform_events (tenant_id, id, type, occurred_at, data)"
                + " VALUES (?, ?, 'run.failed', now() - interval '31 days', '{}'::jsonb)", tenants.id(), oldEvent);
        UUID recentEvent = publish(tenants.id(), EventTypes.ALERT_OPENED, Map.of("n", 1));
        UUID finished = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        for (UUID delivery : List.of(finished, pending)) {
            owner("INSERT INTO webhook_deliveries (tenant_id, id, subscription_id, event_id, event_type, occurred_at,"
                    + " payload, status, created_at) VALUES (?, ?, ?, ?, 'run.failed', now() - interval '31 days',"
                    + " '{}'::jsonb, ?, now() - interval '31 days')", tenants.id(), delivery, subscription,
                    UUID.randomUUID(), delivery.equals(finished) ? "delivered" : "pending");
        }
        retention.purge();
        Response log = api.get(tenants.viewer(), path() + "/" + subscription + "/deliveries");
        assertThat(log.items()).extracting(d -> d.get("id")).containsExactly(pending.toString());
        assertThat(eventIds(tenants.id())).contains(recentEvent).doesNotContain(oldEvent);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static List<UUID> eventIds(UUID tenant) throws SQLException {
        try (Connection c = TestDatabase.shared().owner().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement scope = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenant.toString());
                scope.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM platform_events WHERE tenant_id = ?")) {
                ps.setObject(1, tenant);
                try (var rs = ps.executeQuery()) {
                    List<UUID> out = new java.util.ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getObject(1, UUID.class));
                    }
                    c.commit();
                    return out;
                }
            }
        }
    }

    private void drain() {
        dispatcher.dispatch();
        sender.sendDue();
    }

    private Response subscribe(TenantFixture.User as, UUID tenant, String endpoint, String... types) {
        Response created = api.post(as, "/api/v1/tenants/" + tenant + "/webhook-subscriptions",
                Map.of("url", receiver.url(endpoint), "eventTypes", List.of(types)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    private UUID publish(UUID tenant, String type, Map<String, Object> data) {
        return transactions.write(new TenantId(tenant), c -> events.publish(c, new TenantId(tenant), type, data)).id();
    }

    private List<Map<String, Object>> deliveries(Response subscription) {
        Response list = api.get(tenants.viewer(), path() + "/" + id(subscription) + "/deliveries");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.items();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> attemptLog(Response subscription, String delivery) {
        Response one = api.get(tenants.viewer(), path() + "/" + id(subscription) + "/deliveries/" + delivery);
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) one.json().get("attemptLog");
    }

    @SuppressWarnings("unchecked")
    private static String id(Response created) {
        return (String) ((Map<String, Object>) created.json().get("subscription")).get("id");
    }

    private static String secret(Response created) {
        return (String) created.json().get("secret");
    }

    private String path() {
        return "/api/v1/tenants/" + tenants.id() + "/webhook-subscriptions";
    }

    /** Runs {@code sql} as the database owner in the tenant's scope ({@code parameters[0]} is the tenant). */
    private static void owner(String sql, Object... parameters) throws SQLException {
        try (Connection c = TestDatabase.shared().owner().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement scope = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, parameters[0].toString());
                scope.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setObject(i + 1, parameters[i]);
                }
                assertThat(ps.executeUpdate()).as(sql).isPositive();
            }
            c.commit();
        }
    }

    private static List<String> audited(UUID tenant) throws SQLException {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement("SELECT action FROM audit_log WHERE tenant_id = ?"
                        + " AND action LIKE 'webhook-%' ORDER BY id")) {
            ps.setObject(1, tenant);
            try (var rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    /** True when the secret's text is in any text column of the outbound tables or the audit log. */
    private static boolean storedAnywhereInClear(String secret) throws SQLException {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM audit_log WHERE"
                        + " coalesce(after::text, '') LIKE ? OR coalesce(before::text, '') LIKE ?)"
                        + " + (SELECT count(*) FROM webhook_subscription_secrets WHERE"
                        + " position(convert_to(?, 'UTF8') IN secret_ciphertext) > 0)")) {
            ps.setString(1, "%" + secret.substring(6) + "%");
            ps.setString(2, "%" + secret.substring(6) + "%");
            ps.setString(3, secret.substring(6));
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
