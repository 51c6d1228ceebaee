package io.tillbridge.vendorhooks;

import static io.tillbridge.integrations.RunDriver.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.shopify.sandbox.ShopifySandbox;
import io.tillbridge.connector.shopify.sandbox.ShopifySandboxOptions;
import io.tillbridge.connector.shopify.sandbox.WebhookDelivery;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vendor webhooks end to end with the Shopify connector and the Shopify sandbox on loopback: the
 * platform registers the shop's webhook topics on connect, the sandbox's signed deliveries (HMAC of
 * the app secret over the raw body, with Shopify's headers) are verified at the connection's route,
 * and the orders they carry reach the target through webhook runs alone.
 */
@MicronautTest(transactional = false)
class ShopifyVendorWebhooksIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @Inject
    RunWorker worker;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Shopify Hook Store", TenantRole.OWNER);

    private ShopifySandbox shopify;
    private String targetName;
    private String connection;
    private String target;

    @BeforeEach
    void a_shopify_connection_and_a_target() {
        ShopifySandboxOptions d = ShopifySandboxOptions.defaults();
        // The sandbox's clock stands at the real time, so that its deliveries' trigger times are
        // fresh; ten sales an hour per location keep a few minutes busy.
        shopify = ShopifySandbox.start(new ShopifySandboxOptions(9, List.of(ShopProfile.US),
                Clock.fixed(Instant.now(), ZoneOffset.UTC), 20, Duration.ofDays(2), d.products(), d.customers(),
                d.clientId(), d.clientSecret(), 1_000_000, 1_000, d.graphqlBucket(), d.graphqlRestorePerSecond(),
                d.graphqlThrottleStatus(), 600, d.webhookAttempts(), d.webhookRetryDelay(), false, d.apiVersion(), 0));
        String handle = ShopProfile.US.handle();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("baseUrl", shopify.shopUri(handle).toString());
        config.put("shop", shopify.shop().domain());
        config.put("accessToken", shopify.issueToken(handle, Set.of("read_orders", "read_products", "read_inventory",
                "write_inventory", "read_customers", "read_locations")));
        config.put("oauthClientId", d.clientId());
        config.put("oauthClientSecret", d.clientSecret());
        targetName = "shopify-hooks-" + UUID.randomUUID();
        connection = created(api.post(tenants.owner(), base() + "/connections", Map.of("connectorId", "shopify",
                "name", "Shopify", "config", config)));
        target = created(api.post(tenants.owner(), base() + "/connections", Map.of("connectorId",
                "test-recording-target", "name", "Recording", "config", Map.of("name", targetName))));
    }

    @AfterEach
    void stop() {
        HookTestEnd.leaveNothingOpen(api, tenants.owner(), tenants.id());
        shopify.close();
    }

    @Test
    void connecting_registers_the_topics_and_new_orders_reach_the_target_through_signed_deliveries_alone()
            throws Exception {
        Response route = api.get(tenants.owner(), base() + "/connections/" + connection + "/webhook-subscription");
        assertThat(route.status()).as(route.toString()).isEqualTo(200);
        assertThat(route.json()).containsEntry("subscriptionState", "registered").containsEntry("receivesEvents", true);
        String integration = created(api.post(tenants.owner(), base() + "/integrations", Map.of("name", "Orders",
                "sourceConnectionId", connection, "sourceStream", "orders", "targetConnectionId", target,
                "targetObject", "orders", "mode", "live")));

        shopify.advance(Duration.ofMinutes(2));
        assertThat(shopify.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        List<WebhookDelivery> deliveries = shopify.webhookDeliveries();
        assertThat(deliveries).as("the sandbox sent orders").isNotEmpty();
        assertThat(deliveries).as("the route accepted every delivery").allSatisfy(d -> assertThat(d.status()).isEqualTo(200));

        List<String> orderIds = shopify.shop().orders().stream().map(o -> o.path("id").asText()).toList();
        String newest = orderIds.get(orderIds.size() - 1);
        String key = Ledger.idempotencyKey(new TenantId(tenants.id()), UUID.fromString(integration), newest);
        Await.until(Duration.ofSeconds(20), "the newest order to reach the target", () -> {
            worker.runOnce();
            return RecordingTarget.rows(targetName).containsKey(key);
        });
        assertThat(TestIntegrations.runs(tenants.id(), UUID.fromString(integration)))
                .isNotEmpty().allSatisfy(r -> assertThat(r.get("trigger")).isEqualTo("webhook"));
    }

    private String base() {
        return "/api/v1/tenants/" + tenants.id();
    }
}
