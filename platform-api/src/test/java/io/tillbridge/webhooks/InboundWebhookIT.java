package io.tillbridge.webhooks;

import static io.tillbridge.tenants.TenantFixture.audit;
import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.platform;
import static io.tillbridge.tenants.TenantFixture.rows;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.scheduling.TestIntegrations;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Inbound webhooks end to end over HTTP: endpoint management, signed deliveries, dedupe, runs. */
@MicronautTest(transactional = false)
class InboundWebhookIT extends TestDatabaseProperties {

    @Inject
    io.tillbridge.tenants.TenantTransactions transactions;

    @Inject
    io.tillbridge.credentials.internal.SecretRepository secrets;

    @Inject
    java.util.List<io.tillbridge.credentials.SealedSecretStore> stores;

    @Inject
    io.tillbridge.webhooks.internal.WebhookRepository webhooks;

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Hook Pizzeria", TenantRole.OWNER);

    private UUID integration;

    @BeforeEach
    void an_integration() {
        integration = TestIntegrations.newIntegration(tenants.id());
    }

    private String path() {
        return "/api/v1/tenants/" + tenants.id() + "/integrations/" + integration + "/webhook";
    }

    /** Creates the endpoint; answers its id and secret. */
    private String[] endpoint() {
        Response created = api.post(tenants.owner(), path(), null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new String[] {(String) created.json().get("id"), (String) created.json().get("secret")};
    }

    private Response deliver(String endpointId, String secret, String eventId, long timestamp, String body) {
        return api.deliver(endpointId, secret, eventId, timestamp, body);
    }

    private Response send(String endpointId, String eventId, String timestamp, String signature, byte[] body) {
        return api.deliver(endpointId, eventId, timestamp, signature, new String(body, StandardCharsets.UTF_8));
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    @Test
    void creating_an_endpoint_answers_its_url_and_secret_once_and_stores_the_secret_sealed() {
        Response created = api.post(tenants.owner(), path(), null);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = (String) created.json().get("id");
        String secret = (String) created.json().get("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat((String) created.json().get("url")).endsWith("/api/v1/hooks/" + id);

        Response read = api.get(tenants.owner(), path());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).containsEntry("id", id).doesNotContainKey("secret");
        assertThat(read.body()).doesNotContain(secret);
        assertThat(api.post(tenants.owner(), path(), null).status()).isEqualTo(409);

        byte[] stored = inTenant(tenants.id(), c -> (byte[]) rows(c, "SELECT secret_ciphertext FROM webhook_endpoints"
                + " WHERE id = ?", UUID.fromString(id)).get(0).get("secret_ciphertext"));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));
        List<Map<String, Object>> audited = audit(tenants.id(), "webhook.created");
        assertThat(audited).hasSize(1);
        assertThat(audited.toString()).doesNotContain(secret);
    }

    @Test
    void a_signed_delivery_is_stored_and_queues_a_webhook_run() throws Exception {
        String[] endpoint = endpoint();
        Response response = deliver(endpoint[0], endpoint[1], "evt_1", now(), "{\"order\":42}");
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.body()).contains("\"duplicate\":false");

        List<Map<String, Object>> runs = TestIntegrations.runs(tenants.id(), integration);
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
        assertThat(deliver(endpoint[0], endpoint[1], "evt_1", now(), "{\"n\":1}").status()).isEqualTo(202);
        Response again = deliver(endpoint[0], endpoint[1], "evt_1", now(), "{\"n\":1}");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).contains("\"duplicate\":true");
        assertThat(deliver(endpoint[0], endpoint[1], "evt_2", now(), "{\"n\":2}").status()).isEqualTo(202);

        assertThat(events()).hasSize(2);
        List<Map<String, Object>> runs = TestIntegrations.runs(tenants.id(), integration);
        assertThat(runs).as("one run while it is queued").hasSize(1);
        assertThat(events()).allSatisfy(e -> assertThat(e.get("run_id")).isEqualTo(runs.get(0).get("id")));

        TestIntegrations.claim((UUID) runs.get(0).get("id"));
        assertThat(deliver(endpoint[0], endpoint[1], "evt_3", now(), "{\"n\":3}").status()).isEqualTo(202);
        assertThat(TestIntegrations.runs(tenants.id(), integration)).as("a new run once the first one started").hasSize(2);
    }

    @Test
    void a_wrong_signature_answers_401_and_stores_nothing() throws Exception {
        String[] endpoint = endpoint();
        byte[] body = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(now());
        String signature = WebhookSignatures.sign(endpoint[1], "evt_1", now(), body);
        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[5] = '2';
        Response response = send(endpoint[0], "evt_1", ts, signature, tampered);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).contains("application/problem+json"));
        assertThat(response.body()).contains("/problems/invalid-signature");
        Response otherSecret = deliver(endpoint[0], WebhookSignatures.newSecret(), "evt_1", now(), "{}");
        assertThat(otherSecret.status()).isEqualTo(401);
        Response unsigned = send(endpoint[0], null, null, null, body);
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(events()).isEmpty();
        assertThat(TestIntegrations.runs(tenants.id(), integration)).isEmpty();
    }

    @Test
    void a_timestamp_older_than_five_minutes_answers_401() throws Exception {
        String[] endpoint = endpoint();
        Response response = deliver(endpoint[0], endpoint[1], "evt_old", now() - 6 * 60, "{}");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("webhook-timestamp");
        assertThat(events()).isEmpty();
    }

    @Test
    void an_unknown_or_deleted_endpoint_answers_404() throws Exception {
        Response unknown = deliver(UUID.randomUUID().toString(), WebhookSignatures.newSecret(), "e", now(), "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("/problems/not-found");

        String[] endpoint = endpoint();
        assertThat(api.delete(tenants.owner(), path()).status()).isEqualTo(204);
        assertThat(api.get(tenants.owner(), path()).status()).isEqualTo(404);
        assertThat(deliver(endpoint[0], endpoint[1], "evt_1", now(), "{}").status()).isEqualTo(404);
        assertThat(audit(tenants.id(), "webhook.deleted")).hasSize(1);
        List<Map<String, Object>> routes = platform(c -> rows(c, "SELECT 1 FROM webhook_routes WHERE endpoint_id = ?",
                UUID.fromString(endpoint[0])));
        assertThat(routes).isEmpty();
    }

    @Test
    void a_paused_integration_stores_the_event_but_queues_no_run() throws Exception {
        String[] endpoint = endpoint();
        inTenant(tenants.id(), c -> update(c, "UPDATE integrations SET status = 'paused' WHERE id = ?", integration));
        assertThat(deliver(endpoint[0], endpoint[1], "evt_1", now(), "{}").status()).isEqualTo(202);
        assertThat(events()).hasSize(1).allSatisfy(e -> assertThat(e.get("run_id")).isNull());
        assertThat(TestIntegrations.runs(tenants.id(), integration)).isEmpty();
    }

    @Test
    void a_suspended_tenant_stores_the_event_but_queues_no_run() throws Exception {
        String[] endpoint = endpoint();
        platform(c -> update(c, "UPDATE tenants SET status = 'suspended', suspended_at = now(),"
                + " suspended_reason = 'test' WHERE id = ?", tenants.id()));
        assertThat(deliver(endpoint[0], endpoint[1], "evt_1", now(), "{}").status()).isEqualTo(202);
        assertThat(events()).hasSize(1);
        assertThat(TestIntegrations.runs(tenants.id(), integration)).isEmpty();
    }

    @Test
    void a_body_over_one_mebibyte_answers_413_and_stores_nothing() throws Exception {
        String[] endpoint = endpoint();
        String body = "{\"pad\":\"" + "x".repeat(WebhookService.MAX_PAYLOAD_BYTES) + "\"}";
        Response response = deliver(endpoint[0], endpoint[1], "evt_big", now(), body);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body()).contains("/problems/payload-too-large");
        assertThat(events()).isEmpty();
    }

    @Test
    void a_viewer_cannot_create_or_delete_an_endpoint() {
        User viewer = newMember(tenants.id(), TenantRole.VIEWER);
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
            io.tillbridge.tenants.TenantId id = new io.tillbridge.tenants.TenantId(tenants.id());
            io.tillbridge.credentials.SealedSecret sealed = transactions.read(id, c ->
                    webhooks.byId(id, c, UUID.fromString(endpoint[0])).orElseThrow().secret());
            assertThat(onlyNew.open(id, UUID.fromString(endpoint[0]),
                    io.tillbridge.webhooks.internal.WebhookSecretStore.FIELD, sealed).reveal()).isEqualTo(endpoint[1]);
        } finally {
            new io.tillbridge.credentials.SecretVault(io.tillbridge.credentials.KeyEncryptionKeys.of(TEST_KEK, newKek),
                    transactions, secrets, stores).rewrap("test-kek-1");
        }
        assertThat(kekOf(endpoint[0])).isEqualTo("test-kek-1");
        assertThat(deliver(endpoint[0], endpoint[1], "evt-rotated", now(), "{\"id\":1}").status()).isEqualTo(202);
    }

    private String kekOf(String endpointId) {
        io.tillbridge.tenants.TenantId id = new io.tillbridge.tenants.TenantId(tenants.id());
        return transactions.read(id, c -> webhooks.byId(id, c, UUID.fromString(endpointId)).orElseThrow().secret().kekId());
    }

    private List<Map<String, Object>> events() {
        return inTenant(tenants.id(), c -> rows(c, "SELECT e.event_id, e.payload, e.run_id FROM webhook_events e"
                + " JOIN webhook_endpoints p ON p.tenant_id = e.tenant_id AND p.id = e.endpoint_id"
                + " WHERE p.integration_id = ? ORDER BY e.received_at", integration));
    }
}
