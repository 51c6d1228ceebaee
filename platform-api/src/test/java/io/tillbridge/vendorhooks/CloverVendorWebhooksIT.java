package io.tillbridge.vendorhooks;

import static io.tillbridge.integrations.RunDriver.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.clover.sandbox.CloverSandbox;
import io.tillbridge.connector.clover.sandbox.CloverSandboxOptions;
import io.tillbridge.connector.clover.sandbox.WebhookDelivery;
import io.tillbridge.engine.RecordingTarget;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.ledger.Ledger;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.scheduling.TestIntegrations;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.Await;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vendor webhooks end to end with the Clover connector and the Clover sandbox on loopback. Clover
 * has no API to register a webhook: the merchant enters the app's auth code on the connection, sets
 * the route's URL in the dashboard, and pastes the verification code Clover posts to it. Then
 * messages carrying {@code X-Clover-Auth} name changed objects, which webhook runs fetch by id.
 */
@MicronautTest(transactional = false)
class CloverVendorWebhooksIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @Inject
    RunWorker worker;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Clover Hook Cafe", TenantRole.OWNER);

    private CloverSandbox clover;
    private String merchant;
    private String targetName;
    private String connection;
    private String target;

    @BeforeEach
    void a_clover_connection_and_a_target() {
        clover = CloverSandbox.start(CloverSandboxOptions.defaults().withSeed(11).withOrders(20, Duration.ofDays(2))
                .withOrdersPerHour(600).withoutRateLimits());
        merchant = clover.merchantIds().get(0);
        targetName = "clover-hooks-" + UUID.randomUUID();
        connection = created(api.post(tenants.owner(), base() + "/connections", Map.of("connectorId", "clover",
                "name", "Clover", "config", Map.of("baseUrl", clover.baseUri().toString(), "merchantId", merchant,
                        "accessToken", clover.issueToken(merchant)))));
        target = created(api.post(tenants.owner(), base() + "/connections", Map.of("connectorId",
                "test-recording-target", "name", "Recording", "config", Map.of("name", targetName))));
    }

    @AfterEach
    void stop() {
        HookTestEnd.leaveNothingOpen(api, tenants.owner(), tenants.id());
        clover.close();
    }

    @Test
    void the_verification_handshake_then_authenticated_messages_bring_changed_orders_to_the_target() throws Exception {
        String path = base() + "/connections/" + connection + "/webhook-subscription";
        Response entered = api.put(tenants.owner(), path, Map.of("signingSecret", clover.webhookAuthCode()));
        assertThat(entered.status()).as(entered.toString()).isEqualTo(200);
        assertThat(entered.body()).doesNotContain(clover.webhookAuthCode());
        String routeUrl = (String) api.get(tenants.owner(), path).json().get("url");
        String integration = created(api.post(tenants.owner(), base() + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", connection, "sourceStream", "orders", "targetConnectionId", target,
                "targetObject", "orders", "mode", "live")));

        clover.registerWebhook(routeUrl);
        assertThat(clover.awaitWebhooks(Duration.ofSeconds(10))).isTrue();
        WebhookDelivery verification = clover.webhookDeliveries().get(0);
        assertThat(verification.status()).as("the route accepts Clover's verification post").isEqualTo(200);
        String code = new com.fasterxml.jackson.databind.ObjectMapper().readTree(verification.body())
                .path("verificationCode").asText();
        assertThat(clover.confirmWebhook(code)).isTrue();

        clover.advance(Duration.ofMinutes(5));
        assertThat(clover.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        List<WebhookDelivery> messages = clover.webhookDeliveries().subList(1, clover.webhookDeliveries().size());
        assertThat(messages).as("messages sent").isNotEmpty().allSatisfy(m -> assertThat(m.status()).isEqualTo(200));

        List<JsonNode> orders = clover.data().orders(merchant);
        JsonNode newest = orders.stream().max(java.util.Comparator.comparingLong(o -> o.path("modifiedTime").asLong()))
                .orElseThrow();
        String key = Ledger.idempotencyKey(new TenantId(tenants.id()), UUID.fromString(integration),
                newest.path("id").asText());
        Await.until(Duration.ofSeconds(20), "the newest order to reach the target", () -> {
            worker.runOnce();
            return RecordingTarget.rows(targetName).containsKey(key);
        });
        assertThat(TestIntegrations.runs(tenants.id(), UUID.fromString(integration)))
                .isNotEmpty().allSatisfy(r -> assertThat(r.get("trigger")).isEqualTo("webhook"));
    }

    @Test
    void a_message_without_the_auth_code_is_refused_and_stores_nothing() throws Exception {
        String path = base() + "/connections/" + connection + "/webhook-subscription";
        api.put(tenants.owner(), path, Map.of("signingSecret", clover.webhookAuthCode()));
        String routeUrl = (String) api.get(tenants.owner(), path).json().get("url");
        byte[] body = ("{\"appId\":\"APP\",\"merchants\":{\"" + merchant + "\":[{\"objectId\":\"O:ABC\","
                + "\"type\":\"UPDATE\",\"ts\":1700000000000}]}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        var response = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(routeUrl))
                .header("Content-Type", "application/json").header("X-Clover-Auth", "not-the-code")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(api.get(tenants.owner(), path).json()).containsEntry("pendingChanges", 0);
    }

    private String base() {
        return "/api/v1/tenants/" + tenants.id();
    }
}
