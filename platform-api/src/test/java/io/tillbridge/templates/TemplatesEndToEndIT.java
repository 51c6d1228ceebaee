package io.tillbridge.templates;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.mapping.MappingPreview;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.integrations.RunDriver;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.WarehouseSandbox;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every template with every POS sandbox that ships with the platform (Square, Shopify, Clover), end
 * to end: a tenant connects the sandbox, installs the template in one call, the worker runs its
 * integrations, and the target holds exactly what the sandbox holds: a row per order and per line
 * with totals to the cent, and a second run writes nothing new. The spreadsheet templates' mappings
 * are checked here on the same sandbox records (mapped and summed by the engine, compared with sums
 * computed from the records).
 */
@MicronautTest(transactional = false)
@SuppressWarnings("unchecked")
class TemplatesEndToEndIT extends TestDatabaseProperties {

    /** How often the runs are repeated when the sandbox's data changed while they ran (its clock moves each minute). */
    private static final int ATTEMPTS = 3;

    @Inject
    ApiClient api;

    @Inject
    RunWorker worker;

    @Inject
    ConnectionService connections;

    @Inject
    ConnectorConfigs configs;

    @Inject
    ConnectorContexts contexts;

    static Stream<String> posSandboxes() {
        return Stream.of("square", "shopify", "clover");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posSandboxes")
    void the_warehouse_template_writes_every_order_and_line_of_the_pos_once_to_the_cent(String vendor)
            throws SQLException {
        Pos pos = connect(vendor);
        try (WarehouseSandbox warehouse = WarehouseSandbox.inTestDatabase()) {
            String target = created(api.post(pos.owner(), pos.base() + "/connections", Map.of("connectorId",
                    "postgres-warehouse", "name", "Warehouse", "config", warehouse.targetConfig(30))));
            Map<String, String> made = install(pos, ShippedTemplates.WAREHOUSE, target, "live");
            RunDriver runs = new RunDriver(api, worker, pos.owner(), pos.owner(), pos.base());

            Map<String, SourceRecord> orders = runUntilStable(pos, runs, List.of(made.get("orders"), made.get("lines")),
                    PosStreams.ORDERS);

            assertThat(orders).as("the sandbox has orders").isNotEmpty();
            Map<String, String> rows = byFirst(warehouse.values("pos_orders", joined("order_id", "state", "location_id",
                    "business_day", "currency", "total", "tendered", "lines_amount", "discounts", "taxes", "tips",
                    "line_count")));
            assertThat(warehouse.values("pos_orders", "order_id")).as("one row per order").hasSize(orders.size());
            assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(ids(orders));
            List<String> expectedLines = new ArrayList<>();
            for (SourceRecord order : orders.values()) {
                Map<String, Object> data = order.data();
                Map<String, Object> totals = (Map<String, Object>) data.get("totals");
                String[] row = rows.get((String) data.get("id")).split("\\|", -1);
                assertThat(row[0]).isEqualTo(text(data.get("state")));
                assertThat(row[1]).isEqualTo(text(data.get("location_id")));
                assertThat(row[2]).isEqualTo(text(data.get("business_day")));
                assertThat(row[3]).isEqualTo(text(data.get("currency")));
                assertThat(new BigDecimal(row[4])).as("total of " + data.get("id")).isEqualByComparingTo((BigDecimal) totals.get("total"));
                assertThat(new BigDecimal(row[5])).isEqualByComparingTo((BigDecimal) totals.get("tendered"));
                assertThat(new BigDecimal(row[6])).isEqualByComparingTo((BigDecimal) totals.get("lines"));
                assertThat(new BigDecimal(row[7])).isEqualByComparingTo((BigDecimal) totals.get("discounts"));
                assertThat(new BigDecimal(row[8])).isEqualByComparingTo((BigDecimal) totals.get("taxes"));
                assertThat(new BigDecimal(row[9])).isEqualByComparingTo((BigDecimal) totals.get("tips"));
                List<Map<String, Object>> lines = (List<Map<String, Object>>) data.get("lines");
                assertThat(Integer.parseInt(row[10])).isEqualTo(lines.size());
                for (Map<String, Object> line : lines) {
                    expectedLines.add(data.get("id") + "|" + line.get("id") + "|" + plain(line.get("quantity")) + "|"
                            + plain(line.get("gross")) + "|" + plain(line.get("discount")) + "|" + plain(line.get("tax"))
                            + "|" + plain(line.get("net")));
                }
            }
            List<String> lines = warehouse.values("pos_order_lines", joined("order_id", "line_id", "quantity", "gross",
                    "discount", "tax", "net")).stream()
                    .map(TemplatesEndToEndIT::plainNumbers).toList();
            assertThat(lines).as("one row per line, amounts to the cent").containsExactlyInAnyOrderElementsOf(expectedLines);

            secondRunsWriteNothingNew(pos, runs, List.of(made.get("orders"), made.get("lines")), orders);
            assertThat(warehouse.values("pos_orders", "order_id")).hasSize(orders.size());
            assertThat(warehouse.values("pos_order_lines", "line_id")).hasSize(expectedLines.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posSandboxes")
    void the_daily_summary_mapping_sums_the_sandboxs_completed_orders_tenders_exactly(String vendor) {
        Pos pos = connect(vendor);
        List<Map<String, Object>> orders = new PosSandboxReads(connections, configs, contexts)
                .read(pos.tenant(), pos.connection(), PosStreams.ORDERS).values().stream().map(SourceRecord::data).toList();
        assertThat(orders).as("the sandbox has orders").isNotEmpty();

        MappingPreview preview = ShippedTemplates.mapping(ShippedTemplates.DAILY_SALES, "sales").preview(orders);

        assertThat(preview.records()).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        Map<String, BigDecimal[]> expected = new TreeMap<>();
        BigDecimal tendered = BigDecimal.ZERO;
        for (Map<String, Object> order : orders) {
            if (!"completed".equals(order.get("state"))) {
                continue;
            }
            tendered = tendered.add((BigDecimal) ((Map<String, Object>) order.get("totals")).get("tendered"));
            for (Map<String, Object> tender : (List<Map<String, Object>>) order.get("tenders")) {
                BigDecimal[] sums = expected.computeIfAbsent(order.get("business_day") + "|" + order.get("location_id")
                        + "|" + tender.get("kind") + "|" + order.get("currency"), k -> new BigDecimal[] {
                                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                sums[0] = sums[0].add((BigDecimal) tender.get("amount"));
                sums[1] = sums[1].add(tender.get("tip") == null ? BigDecimal.ZERO : (BigDecimal) tender.get("tip"));
                sums[2] = sums[2].add(tender.get("fee") == null ? BigDecimal.ZERO : (BigDecimal) tender.get("fee"));
                sums[3] = sums[3].add(tender.get("fee") == null ? BigDecimal.ZERO : BigDecimal.ONE);
                sums[4] = sums[4].add(BigDecimal.ONE);
            }
        }
        Map<String, String> expectedRows = new TreeMap<>();
        expected.forEach((key, sums) -> expectedRows.put(key, plain(sums[0]) + "|" + plain(sums[1]) + "|"
                + plain(sums[2]) + "|" + plain(sums[3]) + "|" + plain(sums[4])));
        Map<String, String> actualRows = new TreeMap<>();
        BigDecimal summed = BigDecimal.ZERO;
        for (Map<String, Object> group : preview.aggregated()) {
            actualRows.put(group.get("business_day") + "|" + group.get("location_id") + "|" + group.get("tender_kind")
                    + "|" + group.get("currency"), plain(group.get("amount")) + "|" + plain(group.get("tip")) + "|"
                    + plain(group.get("fee")) + "|" + plain(group.get("fees_reported")) + "|" + plain(group.get("tenders")));
            summed = summed.add((BigDecimal) group.get("amount"));
        }
        assertThat(actualRows).as("one row per business day, location, tender kind and currency").isEqualTo(expectedRows);
        assertThat(expectedRows).as("the sandbox has completed sales").isNotEmpty();
        assertThat(summed).as("the tenders add up to what the completed orders tendered").isEqualByComparingTo(tendered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posSandboxes")
    void the_refunds_and_voids_mappings_make_one_row_per_refund_and_per_voided_order(String vendor) {
        Pos pos = connect(vendor);
        PosSandboxReads reads = new PosSandboxReads(connections, configs, contexts);
        Map<String, SourceRecord> refunds = reads.read(pos.tenant(), pos.connection(), PosStreams.REFUNDS);
        Map<String, SourceRecord> orders = reads.read(pos.tenant(), pos.connection(), PosStreams.ORDERS);
        assertThat(refunds).as("the sandbox has refunds").isNotEmpty();

        List<Map<String, Object>> rows = new ArrayList<>();
        for (SourceRecord refund : refunds.values()) {
            var outcome = ShippedTemplates.mapping(ShippedTemplates.REFUNDS_AND_VOIDS, "refunds").map(refund);
            assertThat(outcome.errors()).as(refund.key()).isEmpty();
            assertThat(outcome.outputs()).hasSize(1);
            Map<String, Object> row = outcome.outputs().get(0);
            assertThat(row).containsEntry("record_type", "refund").containsEntry("id", refund.data().get("id"))
                    .containsEntry("order_id", refund.data().get("order_id"))
                    .containsEntry("business_day", refund.data().get("business_day"));
            assertThat((BigDecimal) row.get("amount")).isEqualByComparingTo((BigDecimal) refund.data().get("amount"));
            rows.add(row);
        }
        long voided = orders.values().stream().filter(o -> "voided".equals(o.data().get("state"))).count();
        for (SourceRecord order : orders.values()) {
            var outcome = ShippedTemplates.mapping(ShippedTemplates.REFUNDS_AND_VOIDS, "voids").map(order);
            assertThat(outcome.errors()).as(order.key()).isEmpty();
            rows.addAll(outcome.outputs());
        }
        assertThat(rows).as("a row per refund and per voided order").hasSize(refunds.size() + (int) voided);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("business_day")).as("the file a row goes to").isNotNull());
    }

    /** A tenant whose POS is the vendor's sandbox, connected as the portal does it. */
    private record Pos(UUID tenant, User owner, String connection) {
        String base() {
            return "/api/v1/tenants/" + tenant;
        }
    }

    private Pos connect(String vendor) {
        UUID tenant = newTenant("Template " + vendor + " shop");
        User owner = newMember(tenant, TenantRole.OWNER);
        String connection = created(api.post(owner, "/api/v1/tenants/" + tenant + "/connections", Map.of("connectorId",
                vendor, "name", vendor + " sandbox", "config", Map.of(), "sandbox", true)));
        return new Pos(tenant, owner, connection);
    }

    /** Installs the template between the POS and {@code target}; answers its integrations by key. */
    private Map<String, String> install(Pos pos, String template, String target, String mode) {
        Response installed = api.post(pos.owner(), pos.base() + "/templates/" + template + "/install", Map.of(
                "sourceConnectionId", pos.connection(), "targetConnectionId", target, "mode", mode, "schedule", false));
        assertThat(installed.status()).as(installed.toString()).isEqualTo(201);
        Map<String, String> byKey = new HashMap<>();
        for (Object made : (List<Object>) installed.json().get("integrations")) {
            Map<String, Object> m = (Map<String, Object>) made;
            byKey.put((String) m.get("key"), (String) ((Map<String, Object>) m.get("integration")).get("id"));
        }
        return byKey;
    }

    /**
     * Runs the integrations to the end, each without failed records, until the source read before and
     * after the runs is the same (the sandbox adds sales as its clock moves, once a minute); answers
     * the source's records as the runs saw them.
     */
    private Map<String, SourceRecord> runUntilStable(Pos pos, RunDriver runs, List<String> integrations, String stream) {
        PosSandboxReads reads = new PosSandboxReads(connections, configs, contexts);
        Map<String, SourceRecord> before = reads.read(pos.tenant(), pos.connection(), stream);
        for (int attempt = 1; ; attempt++) {
            for (String integration : integrations) {
                Map<String, Object> run = runs.toTheEnd(runs.start(integration));
                assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
                assertThat(((Number) ((Map<String, Object>) run.get("counts")).get("failed")).intValue())
                        .as("records held in the error inbox: " + run).isZero();
            }
            Map<String, SourceRecord> after = reads.read(pos.tenant(), pos.connection(), stream);
            if (PosSandboxReads.versions(before).equals(PosSandboxReads.versions(after))) {
                return after;
            }
            assertThat(attempt).as("the sandbox's data kept changing while the runs ran").isLessThan(ATTEMPTS);
            before = after;
        }
    }

    /**
     * Runs each integration again: with the sandbox unchanged, nothing is written; if the sandbox's
     * clock added or changed orders meanwhile, at most their rows are.
     */
    private void secondRunsWriteNothingNew(Pos pos, RunDriver runs, List<String> integrations,
            Map<String, SourceRecord> seen) {
        for (String integration : integrations) {
            Map<String, Object> run = runs.toTheEnd(runs.start(integration));
            assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
            long written = ((Number) ((Map<String, Object>) run.get("counts")).get("written")).longValue();
            Map<String, SourceRecord> now = new PosSandboxReads(connections, configs, contexts)
                    .read(pos.tenant(), pos.connection(), PosStreams.ORDERS);
            long changedRows = now.entrySet().stream().filter(e -> !PosSandboxReads.versions(Map.of(e.getKey(),
                    e.getValue())).equals(seen.containsKey(e.getKey()) ? PosSandboxReads.versions(Map.of(e.getKey(),
                    seen.get(e.getKey()))) : Map.of())).mapToLong(e -> 1L + ((List<?>) e.getValue().data().get("lines")).size())
                    .sum();
            assertThat(written).as("a second run writes nothing new: " + run).isLessThanOrEqualTo(changedRows);
            if (changedRows == 0) {
                assertThat(written).isZero();
            }
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static List<String> ids(Map<String, SourceRecord> records) {
        return records.values().stream().map(r -> (String) r.data().get("id")).toList();
    }

    /** {@code first|rest} lines as a map from first to rest. */
    private static Map<String, String> byFirst(List<String> lines) {
        Map<String, String> out = new TreeMap<>();
        for (String line : lines) {
            int bar = line.indexOf('|');
            out.put(line.substring(0, bar), line.substring(bar + 1));
        }
        return out;
    }

    /** A number without trailing zeros, so that numeric 4.50 and 4.5 compare equal; anything else as text. */
    private static String plain(Object value) {
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** The columns as text joined by {@code |}, a null as empty text, for {@link WarehouseSandbox#values}. */
    private static String joined(String... columns) {
        return "concat_ws('|', " + String.join(", ", java.util.Arrays.stream(columns)
                .map(c -> "coalesce(" + c + "::text, '')").toList()) + ")";
    }

    /** The amounts (every field after the two ids) of a {@code |}-joined line row, written as {@link #plain}. */
    private static String plainNumbers(String row) {
        String[] fields = row.split("\\|", -1);
        for (int i = 2; i < fields.length; i++) {
            if (fields[i].matches("-?[0-9]+(\\.[0-9]+)?")) {
                fields[i] = plain(new BigDecimal(fields[i]));
            }
        }
        return String.join("|", fields);
    }

    private static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }
}
