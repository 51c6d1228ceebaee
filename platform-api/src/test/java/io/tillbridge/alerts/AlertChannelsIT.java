package io.tillbridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestMailProperties;
import io.tillbridge.runs.RecordJson;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The three channel kinds against real receivers: email through a real SMTP server, a chat webhook
 * and a signed outbound webhook on loopback HTTP servers; test-sends, the delivery log, retries
 * with back-off, refused addresses and tenant isolation.
 */
@MicronautTest(transactional = false)
class AlertChannelsIT extends TestMailProperties {

    @Inject
    ApiClient api;

    @Inject
    AlertEvaluator evaluator;

    @Inject
    AlertNotifier notifier;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Channel Bakery", TenantRole.OWNER, TenantRole.VIEWER);

    private ScriptedApi receiver;

    @BeforeAll
    void receivers() {
        receiver = ScriptedApi.start().route("/chat", Reply.ok("ok")).route("/hook", Reply.ok("{}"))
                .route("/broken", Reply.json(500, "{}"));
    }

    @AfterAll
    void stop() {
        receiver.close();
    }

    @Test
    void an_alert_is_mailed_posted_to_chat_and_sent_signed_to_the_webhook_once_when_opened_and_once_when_resolved()
            throws Exception {
        String mailbox = "ops-" + UUID.randomUUID() + "@alerts.example";
        channel("email", Map.of("addresses", List.of(mailbox)));
        String chatPath = "/chat/" + UUID.randomUUID();
        channel("chat", Map.of("url", receiver.url(chatPath)));
        String hookPath = "/hook/" + UUID.randomUUID();
        String secret = (String) channel("webhook", Map.of("url", receiver.url(hookPath))).get("secret");
        assertThat(secret).startsWith("whsec_");
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        for (int i = 0; i < 5; i++) {
            AlertSeeds.run(tenants.id(), integration, "queued", null, null, 0, 0);
        }

        evaluate(Instant.now());
        evaluate(Instant.now());
        String link = "http://localhost:8080/integrations/" + integration;

        List<ScriptedApi.Request> chat = receiver.requests(chatPath);
        assertThat(chat).hasSize(1);
        Map<String, Object> chatBody = RecordJson.readMap(chat.get(0).body());
        assertThat(chatBody.keySet()).containsExactlyInAnyOrder("text", "link");
        assertThat(chatBody.get("link")).isEqualTo(link);
        assertThat((String) chatBody.get("text")).startsWith("Alert: Orders: runs queuing up.").endsWith(link);

        List<ScriptedApi.Request> hooks = receiver.requests(hookPath);
        assertThat(hooks).hasSize(1);
        ScriptedApi.Request hook = hooks.get(0);
        assertThat(verified(secret, hook)).as("signature verified independently").isTrue();
        Map<String, Object> payload = RecordJson.readMap(hook.body());
        assertThat(payload).containsEntry("type", "alert.opened").containsEntry("link", link);
        assertThat(((Map<?, ?>) payload.get("alert")).get("kind")).isEqualTo("backlog");

        MimeMessage[] mails = smtp.getReceivedMessagesForDomain(mailbox);
        assertThat(mails).hasSize(1);
        assertThat(mails[0].getSubject()).isEqualTo("[Tillbridge] Alert: Orders: runs queuing up");
        assertThat((String) mails[0].getContent()).contains("5 runs of \"Orders\" are queued", link);

        AlertSeeds.sql(tenants.id(), "UPDATE runs SET status = 'cancelled' WHERE integration_id = ?", integration);
        evaluate(Instant.now());
        evaluate(Instant.now());

        assertThat(receiver.requests(chatPath)).hasSize(2);
        assertThat(receiver.requests(hookPath)).hasSize(2);
        ScriptedApi.Request resolved = receiver.requests(hookPath).get(1);
        assertThat(verified(secret, resolved)).isTrue();
        assertThat(RecordJson.readMap(resolved.body())).containsEntry("type", "alert.resolved");
        assertThat(resolved.header("webhook-id")).isNotEqualTo(hook.header("webhook-id"));
        assertThat(smtp.getReceivedMessagesForDomain(mailbox)).hasSize(2);
        assertThat(smtp.getReceivedMessagesForDomain(mailbox)[1].getSubject()).startsWith("[Tillbridge] Resolved: ");
    }

    @Test
    void a_test_send_reaches_the_channel_and_shows_in_its_delivery_log() throws Exception {
        String mailbox = "test-" + UUID.randomUUID() + "@alerts.example";
        String mailChannel = (String) ((Map<?, ?>) channel("email", Map.of("addresses", List.of(mailbox))).get("channel"))
                .get("id");
        String hookPath = "/hook/" + UUID.randomUUID();
        Map<String, Object> created = channel("webhook", Map.of("url", receiver.url(hookPath)));
        String hookChannel = (String) ((Map<?, ?>) created.get("channel")).get("id");

        Response mailed = api.post(tenants.owner(), base() + "/alert-channels/" + mailChannel + "/test", null);
        Response posted = api.post(tenants.owner(), base() + "/alert-channels/" + hookChannel + "/test", null);

        assertThat(mailed.status()).as(mailed.toString()).isEqualTo(200);
        assertThat(mailed.json()).containsEntry("kind", "test").containsEntry("status", "sent");
        assertThat((String) smtp.getReceivedMessagesForDomain(mailbox)[0].getContent()).contains("This is a test");
        assertThat(posted.json()).containsEntry("status", "sent").containsEntry("statusCode", 200);
        assertThat(verified((String) created.get("secret"), receiver.requests(hookPath).get(0))).isTrue();
        List<Map<String, Object>> log = api.get(tenants.viewer(), base() + "/alert-channels/" + hookChannel + "/deliveries")
                .items();
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).containsEntry("kind", "test").containsEntry("status", "sent").containsEntry("attempts", 1);
        assertThat(api.get(tenants.viewer(), base() + "/alert-channels/" + hookChannel).json()).doesNotContainKey("secret");
    }

    @Test
    void a_failed_send_is_retried_with_back_off_and_logged_as_failed_after_the_last_attempt() {
        String path = "/broken/" + UUID.randomUUID();
        String id = (String) ((Map<?, ?>) channel("chat", Map.of("url", receiver.url(path))).get("channel")).get("id");
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        for (int i = 0; i < 5; i++) {
            AlertSeeds.run(tenants.id(), integration, "queued", null, null, 0, 0);
        }
        Instant t0 = Instant.now();
        evaluate(t0);
        assertThat(receiver.requests(path)).hasSize(1);

        notifier.deliverDue(new TenantId(tenants.id()), t0.plusSeconds(59));
        assertThat(receiver.requests(path)).as("not before the back-off").hasSize(1);
        notifier.deliverDue(new TenantId(tenants.id()), t0.plus(Duration.ofMinutes(1)));
        notifier.deliverDue(new TenantId(tenants.id()), t0.plus(Duration.ofMinutes(1 + 5)));
        notifier.deliverDue(new TenantId(tenants.id()), t0.plus(Duration.ofMinutes(1 + 5 + 25)));
        notifier.deliverDue(new TenantId(tenants.id()), t0.plus(Duration.ofDays(1)));

        assertThat(receiver.requests(path)).hasSize(AlertNotifier.MAX_ATTEMPTS);
        Map<String, Object> logged = api.get(tenants.viewer(), base() + "/alert-channels/" + id + "/deliveries").items()
                .get(0);
        assertThat(logged).containsEntry("kind", "opened").containsEntry("status", "failed").containsEntry("statusCode", 500)
                .containsEntry("attempts", 4).containsEntry("error", "the receiver answered 500");
    }

    @Test
    void a_private_address_or_a_bad_url_is_refused_when_the_channel_is_saved() {
        for (String url : List.of("http://10.0.0.7/hook", "http://169.254.169.254/latest", "http://192.168.1.1/")) {
            Response refused = api.post(tenants.owner(), base() + "/alert-channels",
                    Map.of("name", "Inside", "kind", "webhook", "url", url));
            assertThat(refused.status()).as(url + " " + refused).isEqualTo(422);
            assertThat(refused.json().get("detail").toString()).startsWith("The platform does not send to this address");
        }
        assertThat(api.post(tenants.owner(), base() + "/alert-channels", Map.of("name", "Files", "kind", "chat",
                "url", "file:///etc/passwd")).status()).isEqualTo(422);
        assertThat(api.post(tenants.owner(), base() + "/alert-channels", Map.of("name", "Mail", "kind", "email",
                "addresses", List.of("not-an-address"))).status()).isEqualTo(422);
        assertThat(api.post(tenants.viewer(), base() + "/alert-channels", Map.of("name", "Chat", "kind", "chat",
                "url", receiver.url("/chat/x"))).status()).isEqualTo(403);
        assertThat(api.get(tenants.viewer(), base() + "/alert-channels").items()).isEmpty();
    }

    @Test
    void another_tenants_channel_answers_404_and_gets_none_of_this_tenants_alerts() {
        String theirPath = "/chat/" + UUID.randomUUID();
        Response theirs = api.post(tenants.stranger(), "/api/v1/tenants/" + tenants.otherId() + "/alert-channels",
                Map.of("name", "Their chat", "kind", "chat", "url", receiver.url(theirPath)));
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(201);
        String theirId = (String) ((Map<?, ?>) theirs.json().get("channel")).get("id");
        channel("chat", Map.of("url", receiver.url("/chat/" + UUID.randomUUID())));
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        for (int i = 0; i < 5; i++) {
            AlertSeeds.run(tenants.id(), integration, "queued", null, null, 0, 0);
        }

        evaluator.evaluateAll(Instant.now());

        assertThat(receiver.requests(theirPath)).isEmpty();
        String path = base() + "/alert-channels/" + theirId;
        assertThat(api.get(tenants.viewer(), path).status()).isEqualTo(404);
        assertThat(api.post(tenants.owner(), path + "/test", null).status()).isEqualTo(404);
        assertThat(api.get(tenants.viewer(), path + "/deliveries").status()).isEqualTo(404);
        assertThat(api.delete(tenants.owner(), path, "If-Match", "\"1\"").status()).isEqualTo(404);
        assertThat(receiver.requests(theirPath)).isEmpty();
    }

    @Test
    void a_rule_that_names_its_channels_notifies_only_those() {
        String chosenPath = "/chat/" + UUID.randomUUID();
        String otherPath = "/chat/" + UUID.randomUUID();
        String chosen = (String) ((Map<?, ?>) channel("chat", Map.of("url", receiver.url(chosenPath))).get("channel"))
                .get("id");
        channel("chat", Map.of("url", receiver.url(otherPath)));
        UUID integration = AlertSeeds.integration(tenants.id(), "Orders");
        Map<String, Object> backlog = api.get(tenants.viewer(), base() + "/alert-rules?integrationId=" + integration)
                .items().get(5);
        String path = base() + "/alert-rules/" + backlog.get("id");
        Response foreign = api.put(tenants.owner(), path, Map.of("channelIds", List.of(UUID.randomUUID().toString())),
                "If-Match", "\"1\"");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(422);
        Response restricted = api.put(tenants.owner(), path, Map.of("channelIds", List.of(chosen)), "If-Match", "\"1\"");
        assertThat(restricted.status()).as(restricted.toString()).isEqualTo(200);
        assertThat(restricted.json().get("channelIds")).isEqualTo(List.of(chosen));
        for (int i = 0; i < 5; i++) {
            AlertSeeds.run(tenants.id(), integration, "queued", null, null, 0, 0);
        }

        evaluate(Instant.now());

        assertThat(receiver.requests(chosenPath)).hasSize(1);
        assertThat(receiver.requests(otherPath)).isEmpty();
    }

    @Test
    void a_location_names_the_vendor_location_it_stands_for() {
        Response created = api.post(tenants.owner(), base() + "/locations", Map.of("name", "Harbour Street",
                "timeZone", "Europe/London", "vendorLocationId", "L8XR2Q4ZP"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json()).containsEntry("vendorLocationId", "L8XR2Q4ZP");
        Response tooLong = api.post(tenants.owner(), base() + "/locations", Map.of("name", "Long", "timeZone", "UTC",
                "vendorLocationId", "x".repeat(201)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.header("Content-Type").orElse("")).contains("application/problem+json");
    }

    /** The Standard Webhooks check, written here from the specification, not with the platform's code. */
    private static boolean verified(String secret, ScriptedApi.Request request) throws Exception {
        String id = request.header("webhook-id").orElseThrow();
        String timestamp = request.header("webhook-timestamp").orElseThrow();
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + request.body()).getBytes(StandardCharsets.UTF_8)));
        for (String signature : request.header("webhook-signature").orElseThrow().split(" ")) {
            if (signature.equals("v1," + expected)) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> channel(String kind, Map<String, Object> settings) {
        Map<String, Object> body = new java.util.HashMap<>(settings);
        body.put("name", "Ops " + kind);
        body.put("kind", kind);
        Response created = api.post(tenants.owner(), base() + "/alert-channels", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private void evaluate(Instant now) {
        evaluator.evaluate(new TenantId(tenants.id()), now);
    }

    private String base() {
        return "/api/v1/tenants/" + tenants.id();
    }
}
