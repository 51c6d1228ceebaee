package io.tillbridge.integrations;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantRole;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.HeldValue;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import io.tillbridge.testing.WarehouseSandbox;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run through a pinned mapping version, end to end: orders from a fake POS API, mapped (rename,
 * money in minor units to decimals, payment method to ledger account by a value map), into the
 * warehouse. An order with a payment method the value map does not know is held in the error inbox
 * naming the value; once the merchant maps it in a new version, retrying the error writes it.
 */
@MicronautTest(transactional = false)
class MappedRunIT extends TestDatabaseProperties {

    private static final List<String> KNOWN_TENDERS = List.of(
            "{\"id\":\"o1\",\"tender\":\"CARD\",\"total_money\":{\"amount\":1050,\"currency\":\"USD\"}}",
            "{\"id\":\"o2\",\"tender\":\"GIFT_CARD\",\"total_money\":{\"amount\":99,\"currency\":\"JPY\"}}");
    private static final String NEW_TENDER =
            "{\"id\":\"o3\",\"tender\":\"CRYPTO\",\"total_money\":{\"amount\":2000,\"currency\":\"USD\"}}";

    /** The orders the fake API serves; a payment method nobody mapped yet appears after the mapping was saved. */
    private final List<String> orders = new java.util.concurrent.CopyOnWriteArrayList<>(KNOWN_TENDERS);

    @Inject
    RunWorker worker;

    @Inject
    ApiClient api;

    @Inject
    ErrorInbox inbox;

    private ScriptedApi vendor;
    private WarehouseSandbox warehouse;
    private UUID tenant;
    private User owner;

    @BeforeAll
    void a_fake_pos_api_a_warehouse_and_a_tenant() throws IOException {
        vendor = ScriptedApi.start().route("/orders", request -> Reply.ok("[" + String.join(",", orders) + "]"));
        warehouse = WarehouseSandbox.inTestDatabase();
        tenant = newTenant("Mapped Bakery");
        owner = newMember(tenant, TenantRole.OWNER);
    }

    @BeforeEach
    void the_known_orders() {
        orders.clear();
        orders.addAll(KNOWN_TENDERS);
    }

    @AfterAll
    void stop_the_fake_and_drop_the_schema() {
        vendor.close();
        warehouse.close();
    }

    @Test
    void a_run_maps_each_order_and_holds_an_unmapped_payment_method_until_it_is_mapped() throws SQLException {
        String table = "journal_" + UUID.randomUUID().toString().substring(0, 8);
        String integration = created(api.post(owner, base() + "/integrations", Map.of("name", "Orders to journal",
                "sourceConnectionId", source(), "sourceStream", "records", "targetConnectionId", target(),
                "targetObject", table, "mode", "live")));
        pin(integration, saved(integration, Map.of("CARD", "1200", "GIFT_CARD", "2400")));
        orders.add(NEW_TENDER);

        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).containsEntry("status", "succeeded");
        Map<?, ?> counts = (Map<?, ?>) run.get("counts");
        assertThat(((Number) counts.get("written")).intValue()).as(run.toString()).isEqualTo(2);
        assertThat(((Number) counts.get("failed")).intValue()).as(run.toString()).isEqualTo(1);
        assertThat(rows(table)).containsOnlyKeys("o1", "o2");
        assertThat(rows(table).get("o1")).isEqualTo("1200|10.50");
        assertThat(rows(table).get("o2")).as("JPY has no minor digits").isEqualTo("2400|99");

        List<?> errors = (List<?>) api.get(owner, base() + "/record-errors?integrationId=" + integration).json().get("items");
        assertThat(errors).hasSize(1);
        Map<?, ?> held = (Map<?, ?>) errors.get(0);
        assertThat(held.get("category")).isEqualTo("unmapped_value");
        assertThat((String) held.get("message")).contains("CRYPTO");
        assertThat(held.get("fieldPath")).isEqualTo("account");
        // The builder lists the values the field's open errors hold, beside those of its samples.
        assertThat(inbox.heldValues(reader(tenant), UUID.fromString(integration), "account", 10))
                .containsExactly(new HeldValue("CRYPTO", 1));
        assertThat(inbox.heldValues(reader(newTenant("Other Mapped Bakery")), UUID.fromString(integration), "account", 10))
                .as("another tenant sees none of them").isEmpty();

        pin(integration, saved(integration, Map.of("CARD", "1200", "GIFT_CARD", "2400", "CRYPTO", "1300")));
        Response retried = api.post(owner, base() + "/record-errors/" + held.get("id") + "/retry", null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        List<?> queued = (List<?>) retried.json().get("runs");
        assertThat(queued).hasSize(1);
        Map<String, Object> retry = runs().toTheEnd((String) ((Map<?, ?>) queued.get(0)).get("runId"));
        assertThat(retry).containsEntry("status", "succeeded").containsEntry("trigger", "retry");
        assertThat(rows(table)).containsOnlyKeys("o1", "o2", "o3");
        assertThat(rows(table).get("o3")).isEqualTo("1300|20.00");
        Map<String, Object> after = api.get(owner, base() + "/record-errors/" + held.get("id")).json();
        assertThat(after.get("status")).isEqualTo("resolved");
    }

    @Test
    void an_aggregating_mapping_writes_one_row_per_group_and_rewrites_only_the_groups_that_changed()
            throws SQLException {
        String table = "daily_" + UUID.randomUUID().toString().substring(0, 8);
        String integration = created(api.post(owner, base() + "/integrations", Map.of("name", "Takings per account",
                "sourceConnectionId", source(), "sourceStream", "records", "targetConnectionId", target(),
                "targetObject", table, "mode", "live")));
        Map<String, Object> spec = Map.of(
                "valueMaps", Map.of("ledger", Map.of("entries", Map.of("CARD", "1200", "GIFT_CARD", "2400", "CRYPTO", "1300"))),
                "fields", List.of(
                        Map.of("target", "account", "source", "tender", "valueMap", "ledger"),
                        Map.of("target", "total", "source", "total_money.amount", "money",
                                Map.of("from", "minor", "to", "decimal", "currency", "USD"))),
                "aggregate", Map.of("groupBy", List.of("account"), "sum", List.of("total"), "count", "orders"));
        Response saved = api.post(owner, base() + "/integrations/" + integration + "/mappings", spec);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        pin(integration, ((Number) saved.json().get("version")).intValue());

        Map<String, Object> first = runs().toTheEnd(runs().start(integration));
        assertThat(first).as(first.toString()).containsEntry("status", "succeeded");
        assertThat(((Map<?, ?>) first.get("counts")).get("read")).isEqualTo(orders.size());
        assertThat(groups(table)).containsOnly(
                Map.entry("1200", "10.50|1"), Map.entry("2400", "0.99|1"));

        orders.add("{\"id\":\"o9\",\"tender\":\"CARD\",\"total_money\":{\"amount\":450,\"currency\":\"USD\"}}");
        Map<String, Object> second = runs().toTheEnd(runs().start(integration));
        assertThat(second).as(second.toString()).containsEntry("status", "succeeded");
        Map<?, ?> counts = (Map<?, ?>) second.get("counts");
        assertThat(((Number) counts.get("written")).intValue()).as("only the card group changed").isEqualTo(1);
        assertThat(((Number) counts.get("unchanged")).intValue()).isEqualTo(1);
        assertThat(groups(table)).containsOnly(
                Map.entry("1200", "15.00|2"), Map.entry("2400", "0.99|1"));
    }

    /** The warehouse rows of an aggregating mapping by account: {@code total|orders}. */
    private Map<String, String> groups(String table) throws SQLException {
        return byFirstColumn(warehouse.values(table, "account::text || '|' || total::text || '|' || orders::text"));
    }

    private int saved(String integration, Map<String, String> ledgerAccounts) {
        Map<String, Object> spec = Map.of(
                "valueMaps", Map.of("ledger", Map.of("entries", ledgerAccounts)),
                "fields", List.of(
                        Map.of("target", "order_id", "source", "id", "required", true),
                        Map.of("target", "account", "source", "tender", "valueMap", "ledger"),
                        Map.of("target", "total", "source", "total_money.amount", "money",
                                Map.of("from", "minor", "to", "decimal", "currencySource", "total_money.currency"))));
        Response saved = api.post(owner, base() + "/integrations/" + integration + "/mappings", spec);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        return ((Number) saved.json().get("version")).intValue();
    }

    private static TenantScope reader(UUID tenant) {
        return new TenantScope(new TenantId(tenant), new Actor(Actor.Kind.USER, UUID.randomUUID().toString(), "viewer",
                null), Set.of(Permission.READ), Optional.empty());
    }

    private void pin(String integration, int version) {
        Response pinned = api.post(owner, base() + "/integrations/" + integration + "/mappings/" + version + "/pin", null);
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, owner, owner, base());
    }

    private String source() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", vendor.url("/orders"));
        config.put("maxRetries", 0);
        config.put("timeoutSeconds", 5);
        return created(api.post(owner, base() + "/connections",
                Map.of("connectorId", "http-json", "name", "POS", "config", config)));
    }

    private String target() {
        Map<String, Object> config = warehouse.targetConfig(30);
        return created(api.post(owner, base() + "/connections",
                Map.of("connectorId", "postgres-warehouse", "name", "Warehouse", "config", config)));
    }

    /** The warehouse rows by order id: {@code account|total}. */
    private Map<String, String> rows(String table) throws SQLException {
        return byFirstColumn(warehouse.values(table, "order_id::text || '|' || account::text || '|' || total::text"));
    }

    /** {@code first|rest} lines as a sorted map from first to rest. */
    private static Map<String, String> byFirstColumn(List<String> lines) {
        Map<String, String> rows = new TreeMap<>();
        for (String line : lines) {
            int bar = line.indexOf('|');
            rows.put(line.substring(0, bar), line.substring(bar + 1));
        }
        return rows;
    }
}
