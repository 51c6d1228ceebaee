package io.tillbridge.templates;

import static io.tillbridge.templates.TemplateEndToEnd.plain;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.mapping.MappingPreview;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.templates.TemplateEndToEnd.Pos;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.WarehouseSandbox;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        TemplateEndToEnd steps = steps();
        Pos pos = steps.sandbox(vendor);
        try (WarehouseSandbox warehouse = WarehouseSandbox.inTestDatabase()) {
            Map<String, String> made = steps.install(pos, ShippedTemplates.WAREHOUSE,
                    steps.target(pos, "postgres-warehouse", warehouse.targetConfig(30)));
            List<String> integrations = List.of(made.get("orders"), made.get("lines"));

            Map<String, Map<String, SourceRecord>> seen = steps.runUntilStable(pos, integrations,
                    List.of(PosStreams.ORDERS));
            Map<String, SourceRecord> orders = seen.get(PosStreams.ORDERS);

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
                    "discount", "tax", "net")).stream().map(TemplatesEndToEndIT::plainNumbers).toList();
            assertThat(lines).as("one row per line, amounts to the cent").containsExactlyInAnyOrderElementsOf(expectedLines);

            steps.secondRunsWriteNothingNew(pos, integrations, List.of(PosStreams.ORDERS), seen,
                    r -> 1L + ((List<?>) r.data().get("lines")).size());
            assertThat(warehouse.values("pos_orders", "order_id")).hasSize(orders.size());
            assertThat(warehouse.values("pos_order_lines", "line_id")).hasSize(expectedLines.size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posSandboxes")
    void the_daily_summary_mapping_sums_the_sandboxs_completed_orders_tenders_exactly(String vendor) {
        TemplateEndToEnd steps = steps();
        Pos pos = steps.sandbox(vendor);
        List<Map<String, Object>> orders = steps.read(pos, PosStreams.ORDERS).values().stream().map(SourceRecord::data)
                .toList();
        assertThat(orders).as("the sandbox has orders").isNotEmpty();

        MappingPreview preview = ShippedTemplates.mapping(ShippedTemplates.DAILY_SALES, "sales").preview(orders);

        assertThat(preview.records()).allSatisfy(r -> assertThat(r.errors()).isEmpty());
        BigDecimal tendered = orders.stream().filter(o -> "completed".equals(o.get("state")))
                .map(o -> (BigDecimal) ((Map<String, Object>) o.get("totals")).get("tendered"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<String, String> expectedRows = new TreeMap<>();
        DailySums.of(orders).forEach((key, sums) -> expectedRows.put(key, sums.plainRow()));
        Map<String, String> actualRows = new TreeMap<>();
        BigDecimal summed = BigDecimal.ZERO;
        for (Map<String, Object> group : preview.aggregated()) {
            actualRows.put(DailySums.key(group), DailySums.plainRow(group));
            summed = summed.add((BigDecimal) group.get("amount"));
        }
        assertThat(actualRows).as("one row per business day, location, tender kind and currency").isEqualTo(expectedRows);
        assertThat(expectedRows).as("the sandbox has completed sales").isNotEmpty();
        assertThat(summed).as("the tenders add up to what the completed orders tendered").isEqualByComparingTo(tendered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posSandboxes")
    void the_refunds_and_voids_mappings_make_one_row_per_refund_and_per_voided_order(String vendor) {
        TemplateEndToEnd steps = steps();
        Pos pos = steps.sandbox(vendor);
        Map<String, SourceRecord> refunds = steps.read(pos, PosStreams.REFUNDS);
        Map<String, SourceRecord> orders = steps.read(pos, PosStreams.ORDERS);
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

    private TemplateEndToEnd testSteps;

    /** The test's steps; what they installed is paused after the test. */
    private TemplateEndToEnd steps() {
        if (testSteps == null) {
            testSteps = new TemplateEndToEnd(api, worker, new PosSandboxReads(connections, configs, contexts));
        }
        return testSteps;
    }

    @org.junit.jupiter.api.AfterEach
    void pause_what_the_test_installed() {
        if (testSteps != null) {
            testSteps.close();
            testSteps = null;
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
}
