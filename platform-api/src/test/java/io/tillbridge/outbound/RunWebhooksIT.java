package io.tillbridge.outbound;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.integrations.RunDriver;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import io.tillbridge.testing.WarehouseSandbox;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * run.succeeded, run.failed and record_error.opened published by real runs (an http-json source on a
 * fake POS API, the postgres-warehouse target, the worker driven by the test) and delivered to a
 * subscriber on loopback.
 */
@MicronautTest(transactional = false)
class RunWebhooksIT extends TestDatabaseProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = "{\"id\":\"o1\",\"tender\":\"CARD\"}";
    private static final String CRYPTO = "{\"id\":\"o2\",\"tender\":\"CRYPTO\"}";

    /** The orders the fake API serves; one paid in a way nobody mapped appears after the mapping was saved. */
    private final List<String> orders = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Inject
    RunWorker worker;

    @Inject
    ApiClient api;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    WebhookSender sender;

    private ScriptedApi vendor;
    private WarehouseSandbox warehouse;
    private WebhookReceiver receiver;
    private UUID tenant;
    private User owner;

    @BeforeAll
    void a_fake_pos_api_a_warehouse_and_an_endpoint() throws IOException {
        vendor = ScriptedApi.start().route("/orders", request -> Reply.ok("[" + String.join(",", orders) + "]"))
                .route("/denied", request -> Reply.json(401, "{\"error\":\"unauthorized\"}"));
        warehouse = WarehouseSandbox.inTestDatabase();
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    void stop_them() {
        vendor.close();
        warehouse.close();
        receiver.close();
    }

    @BeforeEach
    void a_tenant_subscribed_to_run_events() {
        tenant = newTenant("Hooked Bakery");
        owner = newMember(tenant, TenantRole.OWNER);
        receiver.reset();
        orders.clear();
        orders.add(CARD);
        Response subscribed = api.post(owner, base() + "/webhook-subscriptions", Map.of("url", receiver.url("/runs"),
                "eventTypes", List.of("run.succeeded", "run.failed", "record_error.opened")));
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
    }

    @Test
    void a_run_that_succeeds_with_a_held_record_publishes_run_succeeded_and_record_error_opened() throws IOException {
        String integration = integration("/orders");
        mapping(integration);
        orders.add(CRYPTO);
        String runId = runs().start(integration);
        assertThat(runs().toTheEnd(runId)).containsEntry("status", "succeeded");
        dispatcher.dispatch();
        sender.sendDue();

        Map<String, JsonNode> byType = byType();
        assertThat(byType).containsOnlyKeys("run.succeeded", "record_error.opened");
        JsonNode succeeded = byType.get("run.succeeded").get("data");
        assertThat(succeeded.get("runId").asText()).isEqualTo(runId);
        assertThat(succeeded.get("integrationId").asText()).isEqualTo(integration);
        assertThat(succeeded.get("written").asInt()).isEqualTo(1);
        assertThat(succeeded.get("failed").asInt()).isEqualTo(1);
        assertThat(succeeded.get("link").asText()).isEqualTo(base() + "/runs/" + runId);
        JsonNode opened = byType.get("record_error.opened").get("data");
        assertThat(opened.get("count").asInt()).isEqualTo(1);
        assertThat(opened.get("runId").asText()).isEqualTo(runId);
        String errorId = opened.get("errorIds").get(0).asText();
        Response error = api.get(owner, base() + "/record-errors/" + errorId);
        assertThat(error.status()).as(error.toString()).isEqualTo(200);
        assertThat(error.body()).contains("CRYPTO");

        receiver.reset();
        assertThat(runs().toTheEnd(runs().start(integration))).containsEntry("status", "succeeded");
        dispatcher.dispatch();
        sender.sendDue();
        assertThat(byType()).as("the same held record seen again opens no new error").containsOnlyKeys("run.succeeded");
    }

    @Test
    void a_page_that_opens_25_errors_sends_one_event_with_the_count_and_20_ids() throws IOException {
        String integration = integration("/orders");
        mapping(integration);
        for (int i = 0; i < 25; i++) {
            orders.add("{\"id\":\"c" + i + "\",\"tender\":\"CRYPTO\"}");
        }
        String runId = runs().start(integration);
        assertThat(runs().toTheEnd(runId)).containsEntry("status", "succeeded");
        dispatcher.dispatch();
        sender.sendDue();
        JsonNode opened = byType().get("record_error.opened").get("data");
        assertThat(opened.get("count").asInt()).isEqualTo(25);
        assertThat(opened.get("errorIds")).hasSize(20);
    }

    @Test
    void a_run_that_fails_publishes_run_failed_with_its_error() throws IOException {
        String integration = integration("/denied");
        String runId = runs().start(integration);
        assertThat(runs().toTheEnd(runId)).containsEntry("status", "failed");
        dispatcher.dispatch();
        sender.sendDue();
        Map<String, JsonNode> byType = byType();
        assertThat(byType).containsOnlyKeys("run.failed");
        JsonNode failed = byType.get("run.failed").get("data");
        assertThat(failed.get("runId").asText()).isEqualTo(runId);
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).startsWith("AUTH");
    }

    private Map<String, JsonNode> byType() throws IOException {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (WebhookReceiver.Received r : receiver.received()) {
            JsonNode body = JSON.readTree(r.body());
            assertThat(out.put(body.get("type").asText(), body)).as("one event of each type: " + receiver.received())
                    .isNull();
        }
        return out;
    }

    private String integration(String path) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", vendor.url(path));
        config.put("maxRetries", 0);
        config.put("timeoutSeconds", 5);
        String source = created(api.post(owner, base() + "/connections",
                Map.of("connectorId", "http-json", "name", "POS", "config", config)));
        String target = created(api.post(owner, base() + "/connections",
                Map.of("connectorId", "postgres-warehouse", "name", "Warehouse", "config", warehouse.targetConfig(30))));
        return created(api.post(owner, base() + "/integrations", Map.of("name", "Orders", "sourceConnectionId", source,
                "sourceStream", "records", "targetConnectionId", target,
                "targetObject", "hooked_" + UUID.randomUUID().toString().substring(0, 8), "mode", "live")));
    }

    /** A mapping whose value map knows CARD only: an order paid otherwise is held as a record error. */
    private void mapping(String integration) {
        Map<String, Object> spec = Map.of("valueMaps", Map.of("ledger", Map.of("entries", Map.of("CARD", "1200"))),
                "fields", List.of(Map.of("target", "order_id", "source", "id", "required", true),
                        Map.of("target", "account", "source", "tender", "valueMap", "ledger")));
        Response saved = api.post(owner, base() + "/integrations/" + integration + "/mappings", spec);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        int version = ((Number) saved.json().get("version")).intValue();
        Response pinned = api.post(owner, base() + "/integrations/" + integration + "/mappings/" + version + "/pin", null);
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, owner, owner, base());
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }
}
