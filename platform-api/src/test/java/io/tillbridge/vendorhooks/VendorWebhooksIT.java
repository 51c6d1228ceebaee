package io.tillbridge.vendorhooks;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.rows;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
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
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Vendor webhooks end to end with the Square connector and the Square sandbox on loopback: the
 * subscription registered on connect, signed deliveries stored once before the answer, and webhook
 * runs that write what the events named to a recording target.
 */
@MicronautTest(transactional = false)
class VendorWebhooksIT extends TestDatabaseProperties {

    private static final String KEY = "test-signature-key-0123456789";

    @Inject
    ApiClient api;

    @Inject
    RunWorker worker;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.vendor-hooks.sweep-interval", "1s");
    }

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Hook Diner", TenantRole.OWNER);

    private SquareSandbox square;
    private String targetName;
    private String connection;
    private String target;

    @BeforeEach
    void a_square_connection_and_a_target() {
        square = SquareSandbox.start(SquareSandboxOptions.defaults().withOrders(40, Duration.ofDays(2)));
        targetName = "hooks-" + UUID.randomUUID();
        connection = created(api.post(tenants.owner(), base() + "/connections", Map.of("connectorId", "square",
                "name", "Square", "config", Map.of("baseUrl", square.baseUri().toString(),
                        "accessToken", square.issueToken()))));
        target = created(api.post(tenants.owner(), base() + "/connections", Map.of("connectorId",
                "test-recording-target", "name", "Recording", "config", Map.of("name", targetName))));
    }

    @AfterEach
    void stop() {
        HookTestEnd.leaveNothingOpen(api, tenants.owner(), tenants.id());
        square.close();
    }

    // --- subscription -------------------------------------------------------------------------

    @Test
    void connecting_square_registers_the_subscription_at_the_routes_public_url_and_never_shows_the_secret()
            throws Exception {
        Response route = api.get(tenants.owner(), subscriptionPath());
        assertThat(route.status()).as(route.toString()).isEqualTo(200);
        assertThat(route.json()).containsEntry("subscriptionState", "registered").containsEntry("receivesEvents", true);
        String url = (String) route.json().get("url");
        assertThat(url).endsWith("/api/v1/vendor-hooks/" + route.json().get("id"));
        assertThat(route.body()).doesNotContainIgnoringCase("secret\"").doesNotContain("signature_key");

        HttpResponse<String> listed = api.send(HttpRequest.newBuilder(square.baseUri().resolve(
                "/v2/webhooks/subscriptions")).header("Authorization", "Bearer " + square.issueToken()).GET().build());
        JsonNode subscriptions = SquareEvents.JSON.readTree(listed.body()).path("subscriptions");
        assertThat(subscriptions).hasSize(1);
        assertThat(subscriptions.get(0).path("notification_url").asText()).isEqualTo(url);
        assertThat(subscriptions.get(0).path("id").asText()).isEqualTo(route.json().get("subscriptionId"));
        byte[] sealed = inTenant(tenants.id(), c -> (byte[]) rows(c, "SELECT secret_ciphertext FROM vendor_hook_routes"
                + " WHERE connection_id = ?", UUID.fromString(connection)).get(0).get("secret_ciphertext"));
        assertThat(sealed).isNotEmpty();
    }

    @Test
    void deleting_the_connection_removes_the_subscription_at_the_vendor() throws Exception {
        assertThat(subscriptionsAtSquare()).hasSize(1);
        Response current = api.get(tenants.owner(), base() + "/connections/" + connection);

        Response deleted = api.delete(tenants.owner(), base() + "/connections/" + connection, "If-Match",
                current.header("ETag").orElseThrow());

        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(subscriptionsAtSquare()).isEmpty();
    }

    private JsonNode subscriptionsAtSquare() throws Exception {
        HttpResponse<String> listed = api.send(HttpRequest.newBuilder(square.baseUri().resolve(
                "/v2/webhooks/subscriptions")).header("Authorization", "Bearer " + square.issueToken()).GET().build());
        return SquareEvents.JSON.readTree(listed.body()).path("subscriptions");
    }

    @Test
    void an_order_update_reaches_the_target_within_seconds_through_the_webhook_without_a_schedule() {
        String integration = integration("orders");
        long started = System.nanoTime();
        square.advance(Duration.ofMinutes(40));
        ObjectNode newest = square.data().orders().stream()
                .max(Comparator.comparing(o -> o.path("updated_at").asText())).orElseThrow();
        String key = Ledger.idempotencyKey(new TenantId(tenants.id()), UUID.fromString(integration),
                newest.path("id").asText());

        Await.until(Duration.ofSeconds(10), "the newest order to reach the target", () -> {
            worker.runOnce();
            Map<String, Object> row = RecordingTarget.rows(targetName).get(key);
            return row != null && String.valueOf(row.get("version")).equals(newest.path("version").asText());
        });

        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).as("from the change to the target").isLessThan(10_000);
        List<Map<String, Object>> runs = TestIntegrations.runs(tenants.id(), UUID.fromString(integration));
        assertThat(runs).isNotEmpty().allSatisfy(r -> assertThat(r.get("trigger")).isEqualTo("webhook"));
        assertThat(events()).isPositive();
    }

    // --- verification ---------------------------------------------------------------------------

    @Test
    void a_wrong_or_missing_signature_answers_401_problem_and_stores_nothing() throws Exception {
        enterKey();
        byte[] body = SquareEvents.orderUpdated("evt-1", "order-1", "L1", 2).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> wrong = post(body, SquareEvents.sign("another-key", routeUrl(), body));
        HttpResponse<String> missing = post(body, null);

        for (HttpResponse<String> response : List.of(wrong, missing)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).contains("application/problem+json"));
            assertThat(response.body()).contains("/problems/invalid-signature");
        }
        assertThat(events()).isZero();
    }

    @Test
    void a_re_serialised_body_with_the_same_json_answers_401() throws Exception {
        enterKey();
        byte[] body = SquareEvents.orderUpdated("evt-1", "order-1", "L1", 2).getBytes(StandardCharsets.UTF_8);
        String signature = SquareEvents.sign(KEY, routeUrl(), body);
        byte[] pretty = SquareEvents.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(SquareEvents.JSON.readTree(body));

        assertThat(post(pretty, signature).statusCode()).isEqualTo(401);
        assertThat(events()).isZero();
        assertThat(post(body, signature).statusCode()).as("the bytes as signed").isEqualTo(200);
        assertThat(events()).isEqualTo(1);
    }

    @Test
    void a_body_over_one_mebibyte_answers_413_and_stores_nothing() throws Exception {
        enterKey();
        byte[] body = new byte[1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = post(body, SquareEvents.sign(KEY, routeUrl(), body));
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("/problems/payload-too-large");
        assertThat(events()).isZero();
    }

    // --- storage and dedupe -----------------------------------------------------------------------

    @Test
    void the_same_event_three_times_at_once_is_stored_once_and_fetched_once() throws Exception {
        String integration = integration("orders");
        enterKey();
        ObjectNode order = square.data().orders().get(0);
        byte[] body = SquareEvents.orderUpdated("evt-same", order.path("id").asText(),
                order.path("location_id").asText(), order.path("version").asInt()).getBytes(StandardCharsets.UTF_8);
        String signature = SquareEvents.sign(KEY, routeUrl(), body);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(pool.submit(() -> {
                    start.await();
                    return post(body, signature);
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> f : sent) {
                assertThat(f.get().statusCode()).as(f.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(events()).isEqualTo(1);
        assertThat(changes(integration)).hasSize(1);
        Await.until(Duration.ofSeconds(10), "a webhook run to be queued",
                () -> !TestIntegrations.runs(tenants.id(), UUID.fromString(integration)).isEmpty());
        assertThat(TestIntegrations.runs(tenants.id(), UUID.fromString(integration))).hasSize(1);

        drainRuns();
        assertThat(RecordingTarget.writeCalls(targetName)).as("one fetch, one write").isEqualTo(1);
        assertThat(changes(integration)).extracting(c -> c.get("status")).containsExactly("written");
    }

    @Test
    void a_change_left_pending_without_a_run_gets_one_from_the_sweep() throws Exception {
        String integration = integration("orders");
        enterKey();
        ObjectNode order = square.data().orders().get(2);
        deliver(SquareEvents.orderUpdated("evt-swept", order.path("id").asText(), order.path("location_id").asText(),
                order.path("version").asInt()));
        UUID id = UUID.fromString(integration);
        Await.until(Duration.ofSeconds(10), "a webhook run", () -> !TestIntegrations.runs(tenants.id(), id).isEmpty());
        String first = TestIntegrations.runs(tenants.id(), id).get(0).get("id").toString();
        // As if the process had died between the commit and the queueing: no run will take the change.
        assertThat(api.post(tenants.owner(), base() + "/runs/" + first + "/cancel", null).status()).isLessThan(300);

        Await.until(Duration.ofSeconds(15), "the sweep to queue another run",
                () -> TestIntegrations.runs(tenants.id(), id).size() == 2);
        drainRuns();
        assertThat(changes(integration)).extracting(c -> c.get("status")).containsExactly("written");
    }

    // --- ordering ---------------------------------------------------------------------------------

    @Test
    void an_older_event_after_a_newer_one_leaves_the_newer_version_at_the_target() throws Exception {
        String integration = integration("payments");
        enterKey();
        String key = Ledger.idempotencyKey(new TenantId(tenants.id()), UUID.fromString(integration), "pay-1");
        deliver(SquareEvents.paymentUpdated("evt-new", "pay-1", "COMPLETED", "2026-12-07T10:05:00Z"));
        drainRuns();
        assertThat(RecordingTarget.rows(targetName).get(key)).containsEntry("status", "COMPLETED");

        deliver(SquareEvents.paymentUpdated("evt-old", "pay-1", "APPROVED", "2026-12-07T10:01:00Z"));
        drainRuns();

        assertThat(RecordingTarget.rows(targetName).get(key)).containsEntry("status", "COMPLETED");
        assertThat(changes(integration)).extracting(c -> c.get("status")).containsExactly("written", "skipped");
    }

    @Test
    void a_refund_that_arrives_before_its_order_waits_and_is_written_after_the_order() throws Exception {
        String orders = integration("orders");
        String refunds = integration("refunds");
        enterKey();
        ObjectNode order = square.data().orders().get(1);
        String orderId = order.path("id").asText();
        String refundKey = Ledger.idempotencyKey(new TenantId(tenants.id()), UUID.fromString(refunds), "ref-1");

        deliver(SquareEvents.refundCreated("evt-refund", "ref-1", orderId, "2026-12-07T10:00:00Z"));
        drainRuns();
        assertThat(RecordingTarget.rows(targetName)).doesNotContainKey(refundKey);
        assertThat(changes(refunds)).singleElement().satisfies(c -> {
            assertThat(c.get("status")).isEqualTo("waiting");
            assertThat((String) c.get("note")).contains(orderId);
        });
        assertThat(api.get(tenants.owner(), subscriptionPath()).json()).as("visible").containsEntry("waitingChanges", 1);

        deliver(SquareEvents.orderUpdated("evt-order", orderId, order.path("location_id").asText(),
                order.path("version").asInt()));
        drainRuns();

        assertThat(RecordingTarget.rows(targetName)).containsKey(Ledger.idempotencyKey(new TenantId(tenants.id()),
                UUID.fromString(orders), orderId));
        assertThat(RecordingTarget.rows(targetName).get(refundKey)).containsEntry("order_id", orderId);
        assertThat(changes(refunds)).extracting(c -> c.get("status")).containsExactly("written");
        assertThat(api.get(tenants.owner(), subscriptionPath()).json()).containsEntry("waitingChanges", 0);
    }

    @Test
    void a_refund_whose_order_never_comes_goes_to_the_error_inbox_after_the_waiting_limit() throws Exception {
        integration("orders");
        String refunds = integration("refunds");
        enterKey();
        deliver(SquareEvents.refundCreated("evt-refund-late", "ref-9", "order-never", "2026-12-07T10:00:00Z"));
        drainRuns();
        assertThat(changes(refunds)).extracting(c -> c.get("status")).containsExactly("waiting");
        assertThat(errors(refunds)).isEmpty();

        inTenant(tenants.id(), c -> update(c, "UPDATE vendor_hook_changes SET created_at = created_at"
                + " - interval '73 hours' WHERE integration_id = ?", UUID.fromString(refunds)));
        // No delivery and no schedule: the sweep asks for the run that gives up on the order.
        Await.until(Duration.ofSeconds(15), "the waiting refund to be given up", () -> {
            worker.runOnce();
            return "skipped".equals(changes(refunds).get(0).get("status"));
        });

        assertThat((String) changes(refunds).get(0).get("note")).contains("72 hours", "error inbox");
        assertThat(errors(refunds)).singleElement().satisfies(e -> {
            assertThat(e.get("category")).isEqualTo("missing_reference");
            assertThat(e.get("sourceKey")).isEqualTo("ref-9");
            assertThat(e.get("status")).isEqualTo("open");
            assertThat((String) e.get("message")).contains("order-never", "72 hours");
            assertThat((String) e.get("hint")).contains("reads orders");
        });
        assertThat(api.get(tenants.owner(), subscriptionPath()).json()).containsEntry("waitingChanges", 0);
    }

    // --- storage quota ----------------------------------------------------------------------------

    @Test
    void one_statement_stores_the_new_events_with_their_changes_and_leaves_stored_ones_and_their_changes() {
        UUID integration = UUID.fromString(integration("orders"));
        UUID source = UUID.fromString(connection);
        TenantId tenant = new TenantId(tenants.id());
        io.tillbridge.vendorhooks.internal.VendorHookRows rows = new io.tillbridge.vendorhooks.internal.VendorHookRows();
        String prefix = "evt-batch-" + UUID.randomUUID() + "-";
        java.util.function.Function<String, io.tillbridge.vendorhooks.internal.VendorHookRows.NewEvent> event = id ->
                new io.tillbridge.vendorhooks.internal.VendorHookRows.NewEvent(source, prefix + id, "order.updated",
                        java.time.Instant.parse("2026-12-07T10:00:00Z"), ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
                        List.of(new io.tillbridge.vendorhooks.internal.VendorHookRows.NewChange(integration, "orders",
                                "order-" + id, "1", false, null)));

        var first = inTenant(tenants.id(), c -> rows.insertEvents(c, tenant, List.of(event.apply("a"), event.apply("b"))));
        var second = inTenant(tenants.id(), c -> rows.insertEvents(c, tenant, List.of(event.apply("a"), event.apply("c"))));

        assertThat(first).extracting(io.tillbridge.vendorhooks.internal.VendorHookRows.EventKey::eventId)
                .containsExactlyInAnyOrder(prefix + "a", prefix + "b");
        assertThat(second).extracting(io.tillbridge.vendorhooks.internal.VendorHookRows.EventKey::eventId)
                .containsExactly(prefix + "c");
        List<Map<String, Object>> changes = inTenant(tenants.id(), c -> rows(c, "SELECT event_id, source_key,"
                + " occurred_at FROM vendor_hook_changes JOIN vendor_hook_events USING (tenant_id, connection_id, event_id)"
                + " WHERE event_id LIKE '" + prefix + "%' ORDER BY event_id"));
        assertThat(changes).extracting(r -> r.get("source_key")).containsExactly("order-a", "order-b", "order-c");
        assertThat(changes).extracting(r -> String.valueOf(r.get("occurred_at"))).allMatch(t -> t.startsWith("2026-12-07"));
        // Nothing left for the runs of this test's end to fetch.
        inTenant(tenants.id(), c -> update(c, "UPDATE vendor_hook_changes SET status = 'skipped', done_at = clock_timestamp()"
                + " WHERE event_id LIKE '" + prefix + "%'"));
    }

    @Test
    void vendor_events_and_their_changes_count_in_the_tenants_storage() {
        integration("orders");
        enterKey();
        long before = storedBytes();
        deliver(SquareEvents.orderUpdated("evt-counted", "order-counted", "L1", 1));
        long stored = inTenant(tenants.id(), c -> (Long) rows(c, "SELECT (SELECT sum(pg_column_size(e.*))"
                + " FROM vendor_hook_events e) + (SELECT sum(pg_column_size(x.*)) FROM vendor_hook_changes x)"
                + " AS n").get(0).get("n"));
        assertThat(storedBytes() - before).isGreaterThanOrEqualTo(stored).isPositive();
    }

    @Test
    void at_the_storage_cap_a_delivery_answers_507_stores_nothing_and_is_stored_when_redelivered_below_it()
            throws Exception {
        String orders = integration("orders");
        enterKey();
        deliver(SquareEvents.orderUpdated("evt-first", "order-first", "L1", 1));
        cap(storedBytes());

        byte[] body = SquareEvents.orderUpdated("evt-capped", "order-capped", "L1", 1).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> capped = post(body, SquareEvents.sign(KEY, routeUrl(), body));
        assertThat(capped.statusCode()).as(capped.body()).isEqualTo(507);
        assertThat(capped.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
        assertThat(capped.body()).contains("/problems/storage-quota-exceeded");
        assertThat(events()).isEqualTo(1);
        assertThat(changes(orders)).hasSize(1);

        byte[] again = SquareEvents.orderUpdated("evt-first", "order-first", "L1", 1).getBytes(StandardCharsets.UTF_8);
        assertThat(post(again, SquareEvents.sign(KEY, routeUrl(), again)).statusCode())
                .as("a redelivery of a stored event").isEqualTo(200);

        cap(storedBytes() + 1_000_000);
        assertThat(post(body, SquareEvents.sign(KEY, routeUrl(), body)).statusCode()).isEqualTo(200);
        assertThat(events()).isEqualTo(2);
        assertThat(changes(orders)).hasSize(2);
    }

    // --- tenancy ----------------------------------------------------------------------------------

    @Test
    void another_tenants_connection_and_an_unknown_route_answer_404_and_events_stay_with_their_tenant()
            throws Exception {
        enterKey();
        String other = "/api/v1/tenants/" + tenants.otherId() + "/connections/" + connection + "/webhook-subscription";
        assertThat(api.get(tenants.stranger(), other).status()).isEqualTo(404);
        assertThat(api.post(tenants.stranger(), other, null).status()).isEqualTo(404);
        byte[] body = SquareEvents.orderUpdated("evt-x", "order-x", "L1", 1).getBytes(StandardCharsets.UTF_8);
        String unknown = api.uri("/api/v1/vendor-hooks/" + UUID.randomUUID()).toString();
        assertThat(send(unknown, body, SquareEvents.sign(KEY, unknown, body)).statusCode()).isEqualTo(404);

        assertThat(post(body, SquareEvents.sign(KEY, routeUrl(), body)).statusCode()).isEqualTo(200);
        assertThat(events()).isEqualTo(1);
        List<Map<String, Object>> crossed = inTenant(tenants.otherId(), c -> rows(c, "SELECT 1 FROM vendor_hook_events"));
        assertThat(crossed).isEmpty();
    }

    // --- plumbing ----------------------------------------------------------------------------------

    private String base() {
        return "/api/v1/tenants/" + tenants.id();
    }

    private String subscriptionPath() {
        return base() + "/connections/" + connection + "/webhook-subscription";
    }

    private String routeUrl() {
        return (String) api.get(tenants.owner(), subscriptionPath()).json().get("url");
    }

    private void enterKey() {
        Response entered = api.put(tenants.owner(), subscriptionPath(), Map.of("signingSecret", KEY));
        assertThat(entered.status()).as(entered.toString()).isEqualTo(200);
        assertThat(entered.body()).doesNotContain(KEY);
    }

    private String integration(String stream) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "Square " + stream, "sourceConnectionId",
                connection, "sourceStream", stream, "targetConnectionId", target, "targetObject", stream,
                "mode", "live"));
        return created(api.post(tenants.owner(), base() + "/integrations", body));
    }

    private void deliver(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post(body, SquareEvents.sign(KEY, routeUrl(), body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private HttpResponse<String> post(byte[] body, String signature) {
        return send(routeUrl(), body, signature);
    }

    private HttpResponse<String> send(String url, byte[] body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("x-square-hmacsha256-signature", signature);
        }
        return api.send(request.build());
    }

    private long events() {
        return inTenant(tenants.id(), c -> (Long) rows(c, "SELECT count(*) AS n FROM vendor_hook_events"
                + " WHERE connection_id = ?", UUID.fromString(connection)).get(0).get("n"));
    }

    private long storedBytes() {
        return inTenant(tenants.id(), c -> rows(c, "SELECT bytes FROM tenant_storage")).stream()
                .mapToLong(r -> (Long) r.get("bytes")).sum();
    }

    private void cap(long bytes) {
        inTenant(tenants.id(), c -> update(c, "INSERT INTO tenant_storage (tenant_id, max_bytes) VALUES (?, ?)"
                + " ON CONFLICT (tenant_id) DO UPDATE SET max_bytes = EXCLUDED.max_bytes", tenants.id(), bytes));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> errors(String integration) {
        Response listed = api.get(tenants.owner(), base() + "/record-errors?integrationId=" + integration);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        return (List<Map<String, Object>>) listed.json().get("items");
    }

    private List<Map<String, Object>> changes(String integration) {
        return inTenant(tenants.id(), c -> rows(c, "SELECT status, note FROM vendor_hook_changes"
                + " WHERE integration_id = ? ORDER BY id", UUID.fromString(integration)));
    }

    /** Works the queue until no change of the tenant is pending and no run of it is queued or running. */
    private void drainRuns() {
        Await.until(Duration.ofSeconds(15), "the tenant's changes to be taken and its runs to end", () -> {
            worker.runOnce();
            return inTenant(tenants.id(), c -> rows(c, "SELECT 1 FROM runs r JOIN run_queue q ON q.run_id = r.id"
                    + " WHERE q.status IN ('queued', 'running') UNION ALL SELECT 1 FROM vendor_hook_changes"
                    + " WHERE status = 'pending'")).isEmpty();
        });
    }
}
