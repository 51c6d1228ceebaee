package io.tillbridge.webhooks;

import static io.tillbridge.tenants.TenantFixture.audit;
import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.platform;
import static io.tillbridge.tenants.TenantFixture.rows;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.scheduling.TestIntegrations;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inbound webhooks end to end over HTTP: endpoint management, signed deliveries, dedupe, runs. */
@MicronautTest(transactional = false)
class InboundWebhookIT extends TestDatabaseProperties {

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    io.tillbridge.tenants.TenantTransactions transactions;

    @Inject
    io.tillbridge.credentials.internal.SecretRepository secrets;

    @Inject
    java.util.List<io.tillbridge.credentials.SealedSecretStore> stores;

    @Inject
    io.tillbridge.webhooks.internal.WebhookRepository webhooks;

    private final HttpClient http = HttpClient.newHttpClient();
    @Inject
    ApiClient api;
    private UUID tenant;
    private User owner;
    private UUID integration;

    @BeforeEach
    void an_integration() {
        tenant = newTenant("Hook Pizzeria");
        owner = newMember(tenant, TenantRole.OWNER);
        integration = TestIntegrations.newIntegration(tenant);
    }

    private String path() {
        return "/api/v1/tenants/" + tenant + "/integrations/" + integration + "/webhook";
    }

    /** Creates the endpoint; answers its id and secret. */
    private String[] endpoint() {
        Response created = api.post(owner, path(), null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new String[] {(String) created.json().get("id"), (String) created.json().get("secret")};
    }

    private HttpResponse<String> deliver(String endpointId, String secret, String eventId, long timestamp, String body)
            throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(endpointId, eventId, Long.toString(timestamp),
                WebhookSignatures.sign(secret, eventId, timestamp, bytes), bytes);
    }

    private HttpResponse<String> send(String endpointId, String eventId, String timestamp, String signature, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.getPort() + "/api/v1/hooks/" + endpointId))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        if (eventId != null) {
            request.header("webhook-id", eventId).header("webhook-timestamp", timestamp).header("webhook-signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void creating_an_endpoint_answers_its_url_and_secret_once_and_stores_the_secret_sealed() {
        Response created = api.post(owner, path(), null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = (String) created.json().get("id");
        String secret = (String) created.json().get("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat((String) created.json().get("url")).endsWith("/api/v1/hooks/" + id);

        Response read = api.get(owner, path());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).containsEntry("id", id).doesNotContainKey("secret");
        assertThat(read.body()).doesNotContain(secret);
        assertThat(api.post(owner, path(), null).status()).isEqualTo(409);

        byte[] stored = inTenant(tenant, c -> (byte[]) rows(c, "SELECT secret_ciphertext FROM webhook_endpoints"
                + " WHERE id = ?", UUID.fromString(id)).get(0).get("secret_ciphertext"));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));
        List<Map<String, Object>> audited = audit(tenant, "webhook.created");
        assertThat(audited).hasSize(1);
        assertThat(audited.toString()).doesNotContain(secret);
    }

    @Test
    void a_signed_delivery_is_stored_and_queues_a_webhook_run() throws Exception {
        String[] endpoint = endpoint();
        HttpResponse<String> response = deliver(endpoint[0], endpoint[1], "evt_1", now(), "{\"order\":42}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"duplicate\":false");

        List<Map<String, Object>> runs = TestIntegrations.runs(tenant, integration);
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0)).containsEntry("trigger", "webhook").containsEntry("status", "queued");
        List<Map<String, Object>> events = events();
        assertThat(events).hasSize(1);
        assertThat(new String((byte[]) events.get(0).get("payload"), StandardCharsets.UTF_8)).isEqualTo("{\"order\":42}");
        assertThat(events.get(0)).containsEntry("run_id", runs.get(0).get("id"));
    }

    @Test
    void a_redelivery_is_recognised_and_a_new_event_coalesces_into_the_queued_run() throws Exception {
        String[] endpoint = endpoint();
        assertThat(deliver(endpoint[0], endpoint[1], "evt_1", now(), "{\"n\":1}").statusCode()).isEqualTo(202);
        HttpResponse<String> again = deliver(endpoint[0], endpoint[1], "evt_1", now(), "{\"n\":1}");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).contains("\"duplicate\":true");
        assertThat(deliver(endpoint[0], endpoint[1], "evt_2", now(), "{\"n\":2}").statusCode()).isEqualTo(202);

        assertThat(events()).hasSize(2);
        List<Map<String, Object>> runs = TestIntegrations.runs(tenant, integration);
        assertThat(runs).as("one run while it is queued").hasSize(1);
        assertThat(events()).allSatisfy(e -> assertThat(e.get("run_id")).isEqualTo(runs.get(0).get("id")));

        TestIntegrations.claim((UUID) runs.get(0).get("id"));
        assertThat(deliver(endpoint[0], endpoint[1], "evt_3", now(), "{\"n\":3}").statusCode()).isEqualTo(202);
        assertThat(TestIntegrations.runs(tenant, integration)).as("a new run once the first one started").hasSize(2);
    }

    @Test
    void a_wrong_signature_answers_401_and_stores_nothing() throws Exception {
        String[] endpoint = endpoint();
        byte[] body = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(now());
        String signature = WebhookSignatures.sign(endpoint[1], "evt_1", now(), body);
        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[5] = '2';
        HttpResponse<String> response = send(endpoint[0], "evt_1", ts, signature, tampered);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).contains("application/problem+json"));
        assertThat(response.body()).contains("/problems/invalid-signature");
        HttpResponse<String> otherSecret = deliver(endpoint[0], WebhookSignatures.newSecret(), "evt_1", now(), "{}");
        assertThat(otherSecret.statusCode()).isEqualTo(401);
        HttpResponse<String> unsigned = send(endpoint[0], null, null, null, body);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(events()).isEmpty();
        assertThat(TestIntegrations.runs(tenant, integration)).isEmpty();
    }

    @Test
    void a_timestamp_older_than_five_minutes_answers_401() throws Exception {
        String[] endpoint = endpoint();
        HttpResponse<String> response = deliver(endpoint[0], endpoint[1], "evt_old", now() - 6 * 60, "{}");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("webhook-timestamp");
        assertThat(events()).isEmpty();
    }

    @Test
    void an_unknown_or_deleted_endpoint_answers_404() throws Exception {
        HttpResponse<String> unknown = deliver(UUID.randomUUID().toString(), WebhookSignatures.newSecret(), "e", now(), "{}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("/problems/not-found");

        String[] endpoint = endpoint();
        assertThat(api.delete(owner, path()).status()).isEqualTo(204);
        assertThat(api.get(owner, path()).status()).isEqualTo(404);
        assertThat(deliver(endpoint[0], endpoint[1], "evt_1", now(), "{}").statusCode()).isEqualTo(404);
        assertThat(audit(tenant, "webhook.deleted")).hasSize(1);
        List<Map<String, Object>> routes = platform(c -> rows(c, "SELECT 1 FROM webhook_routes WHERE endpoint_id = ?",
                UUID.fromString(endpoint[0])));
        assertThat(routes).isEmpty();
    }

    @Test
    void a_paused_integration_stores_the_event_but_queues_no_run() throws Exception {
        String[] endpoint = endpoint();
        inTenant(tenant, c -> update(c, "UPDATE integrations SET status = 'paused' WHERE id = ?", integration));
        assertThat(deliver(endpoint[0], endpoint[1], "evt_1", now(), "{}").statusCode()).isEqualTo(202);
        assertThat(events()).hasSize(1).allSatisfy(e -> assertThat(e.get("run_id")).isNull());
        assertThat(TestIntegrations.runs(tenant, integration)).isEmpty();
    }

    @Test
    void a_suspended_tenant_stores_the_event_but_queues_no_run() throws Exception {
        String[] endpoint = endpoint();
        platform(c -> update(c, "UPDATE tenants SET status = 'suspended', suspended_at = now(),"
                + " suspended_reason = 'test' WHERE id = ?", tenant));
        assertThat(deliver(endpoint[0], endpoint[1], "evt_1", now(), "{}").statusCode()).isEqualTo(202);
        assertThat(events()).hasSize(1);
        assertThat(TestIntegrations.runs(tenant, integration)).isEmpty();
    }

    @Test
    void a_body_over_one_mebibyte_answers_413_and_stores_nothing() throws Exception {
        String[] endpoint = endpoint();
        String body = "{\"pad\":\"" + "x".repeat(WebhookService.MAX_PAYLOAD_BYTES) + "\"}";
        HttpResponse<String> response = deliver(endpoint[0], endpoint[1], "evt_big", now(), body);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("/problems/payload-too-large");
        assertThat(events()).isEmpty();
    }

    @Test
    void a_viewer_cannot_create_or_delete_an_endpoint() {
        User viewer = newMember(tenant, TenantRole.VIEWER);
        assertThat(api.post(viewer, path(), null).status()).isEqualTo(403);
        endpoint();
        assertThat(api.get(viewer, path()).status()).isEqualTo(200);
        assertThat(api.delete(viewer, path()).status()).isEqualTo(403);
    }

    @Test
    void key_rotation_rewraps_the_signing_secret_and_deliveries_still_verify() throws Exception {
        String[] endpoint = endpoint();
        String newKek = io.tillbridge.credentials.KeyEncryptionKeys.generate("kek-webhooks-b");
        io.tillbridge.credentials.SecretVault rotating = new io.tillbridge.credentials.SecretVault(
                io.tillbridge.credentials.KeyEncryptionKeys.of(newKek, TEST_KEK), transactions, secrets, stores);
        try {
            assertThat(rotating.rewrap("kek-webhooks-b")).isPositive();
            assertThat(kekOf(endpoint[0])).isEqualTo("kek-webhooks-b");
            // Rotated back below; a vault that knows only the new key can open the rotated secret.
            io.tillbridge.credentials.SecretVault onlyNew = new io.tillbridge.credentials.SecretVault(
                    io.tillbridge.credentials.KeyEncryptionKeys.of(newKek), transactions, secrets, stores);
            io.tillbridge.tenants.TenantId id = new io.tillbridge.tenants.TenantId(tenant);
            io.tillbridge.credentials.SealedSecret sealed = transactions.read(id, c ->
                    webhooks.byId(id, c, UUID.fromString(endpoint[0])).orElseThrow().secret());
            assertThat(onlyNew.open(id, UUID.fromString(endpoint[0]),
                    io.tillbridge.webhooks.internal.WebhookSecretStore.FIELD, sealed).reveal()).isEqualTo(endpoint[1]);
        } finally {
            new io.tillbridge.credentials.SecretVault(io.tillbridge.credentials.KeyEncryptionKeys.of(TEST_KEK, newKek),
                    transactions, secrets, stores).rewrap("test-kek-1");
        }
        assertThat(kekOf(endpoint[0])).isEqualTo("test-kek-1");
        assertThat(deliver(endpoint[0], endpoint[1], "evt-rotated", now(), "{\"id\":1}").statusCode()).isEqualTo(202);
    }

    private String kekOf(String endpointId) {
        io.tillbridge.tenants.TenantId id = new io.tillbridge.tenants.TenantId(tenant);
        return transactions.read(id, c -> webhooks.byId(id, c, UUID.fromString(endpointId)).orElseThrow().secret().kekId());
    }

    private List<Map<String, Object>> events() {
        return inTenant(tenant, c -> rows(c, "SELECT e.event_id, e.payload, e.run_id FROM webhook_events e"
                + " JOIN webhook_endpoints p ON p.tenant_id = e.tenant_id AND p.id = e.endpoint_id"
                + " WHERE p.integration_id = ? ORDER BY e.received_at", integration));
    }
}
