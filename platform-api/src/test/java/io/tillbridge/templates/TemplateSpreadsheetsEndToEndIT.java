package io.tillbridge.templates;

import static io.tillbridge.templates.TemplateEndToEnd.counts;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.ledger.Ledger;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.templates.TemplateEndToEnd.Pos;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spreadsheet templates end to end with every POS sandbox: installed through the API onto a
 * {@code spreadsheet-target} connection made from the template's config hint, run by the worker,
 * and the rows the target stored checked file by file: one file per business day, a row per group
 * (summary) or per refund and voided order (report), sums to the cent, keyed by the ledger's
 * idempotency keys, and nothing new on a second run. The files are read as a merchant reads them:
 * listed and downloaded as CSV through the API; the rows' keys through the connection's files.
 */
@MicronautTest(transactional = false)
@SuppressWarnings("unchecked")
class TemplateSpreadsheetsEndToEndIT extends TestDatabaseProperties {

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

    @Override
    protected Map<String, String> extraProperties() {
        // The summary of a sandbox's months of sales is a file per business day, each downloaded here:
        // more calls than one key's per-minute limit, which has tests of its own.
        return Map.of("tillbridge.rate-limits.enabled", "false");
    }

    static Stream<String> posSandboxes() {
        return Stream.of("square", "shopify", "clover");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posSandboxes")
    void the_daily_summary_writes_one_file_per_business_day_with_every_groups_sums(String vendor) {
        TemplateEndToEnd steps = steps();
        Pos pos = steps.sandbox(vendor);
        String target = spreadsheet(steps, pos, ShippedTemplates.DAILY_SALES);
        String sales = steps.install(pos, ShippedTemplates.DAILY_SALES, target).get("sales");

        Map<String, Map<String, SourceRecord>> seen = steps.runUntilStable(pos, List.of(sales), List.of(PosStreams.ORDERS));

        Map<String, DailySums.Sums> expected = DailySums.of(data(seen.get(PosStreams.ORDERS)));
        assertThat(expected).as("the sandbox has completed sales").isNotEmpty();
        assertSummary(pos, target, sales, expected);
        Map<String, Object> files = output(pos, target, "daily_sales_by_tender").orElseThrow();
        steps.secondRunsWriteNothingNew(pos, List.of(sales), List.of(PosStreams.ORDERS), seen,
                r -> Math.max(1, ((List<?>) r.data().get("tenders")).size()));
        if (steps.unchangedSince(pos, List.of(PosStreams.ORDERS), seen)) {
            assertThat(output(pos, target, "daily_sales_by_tender").orElseThrow())
                    .as("the same files, rows and times of last change").isEqualTo(files);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posSandboxes")
    void the_refunds_and_voids_report_writes_a_row_per_refund_and_voided_order_in_its_days_file(String vendor) {
        TemplateEndToEnd steps = steps();
        Pos pos = steps.sandbox(vendor);
        String target = spreadsheet(steps, pos, ShippedTemplates.REFUNDS_AND_VOIDS);
        Map<String, String> made = steps.install(pos, ShippedTemplates.REFUNDS_AND_VOIDS, target);
        List<String> integrations = List.of(made.get("refunds"), made.get("voids"));

        Map<String, Map<String, SourceRecord>> seen = steps.runUntilStable(pos, integrations,
                List.of(PosStreams.REFUNDS, PosStreams.ORDERS));

        Map<String, SourceRecord> refunds = seen.get(PosStreams.REFUNDS);
        List<SourceRecord> voided = seen.get(PosStreams.ORDERS).values().stream()
                .filter(o -> "voided".equals(o.data().get("state"))).toList();
        assertThat(refunds).as("the sandbox has refunds").isNotEmpty();
        TenantId tenant = new TenantId(pos.tenant());
        Map<String, Map<String, Object>> expected = new HashMap<>();
        Set<String> days = new TreeSet<>();
        for (SourceRecord refund : refunds.values()) {
            expected.put(Ledger.idempotencyKey(tenant, UUID.fromString(made.get("refunds")), refund.key()), refund.data());
            days.add((String) refund.data().get("business_day"));
        }
        for (SourceRecord order : voided) {
            expected.put(Ledger.idempotencyKey(tenant, UUID.fromString(made.get("voids")), order.key()), order.data());
            days.add((String) order.data().get("business_day"));
        }
        assertThat(fileNames(pos, target, "refunds_and_voids")).as("one file per business day")
                .containsExactlyInAnyOrderElementsOf(days.stream().map(d -> "refunds_and_voids " + d).toList());
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String file : fileNames(pos, target, "refunds_and_voids")) {
            for (Map<String, String> row : download(pos, target, "refunds_and_voids", file)) {
                assertThat(file).as("the row's file is its business day's").isEqualTo("refunds_and_voids "
                        + row.get("business_day"));
                assertThat(rows.put(row.get("record_type") + "|" + row.get("id"), row)).as("one row per record").isNull();
            }
        }
        assertThat(stored(pos, target, "refunds_and_voids", expected.keySet()))
                .as("every row kept under the ledger's idempotency key of its record").isEqualTo(expected.keySet());
        assertThat(rows).as("a row per refund and per voided order").hasSize(expected.size());
        expected.values().forEach(source -> {
            String recordType = source.containsKey("totals") ? "void" : "refund";
            Map<String, String> row = rows.get(recordType + "|" + source.get("id"));
            assertThat(row).as(recordType + " " + source.get("id")).isNotNull();
            BigDecimal amount = "refund".equals(recordType) ? (BigDecimal) source.get("amount")
                    : (BigDecimal) ((Map<String, Object>) source.get("totals")).get("total");
            assertThat(new BigDecimal(row.get("amount"))).as(recordType + " " + source.get("id"))
                    .isEqualByComparingTo(amount);
            assertThat(row.get("order_id")).isEqualTo("refund".equals(recordType) ? source.get("order_id") : source.get("id"));
            assertThat(row.get("status")).isEqualTo("refund".equals(recordType) ? source.get("status") : "voided");
        });
        assertThat(columns(pos, target, "refunds_and_voids")).startsWith("business_day", "record_type", "id",
                "order_id");

        steps.secondRunsWriteNothingNew(pos, integrations, List.of(PosStreams.REFUNDS, PosStreams.ORDERS), seen,
                r -> 1L);
    }

    @Test
    void the_summary_is_right_when_a_days_sales_arrive_over_several_runs() {
        // A Square sandbox whose clock the test moves: afternoon in New York, Chicago and Los Angeles.
        try (SquareSandbox square = SquareSandbox.start(SquareSandboxOptions.defaults().withSeed(39)
                .withOrders(30, Duration.ofHours(30)).withClock(Clock.fixed(Instant.parse("2026-12-05T19:00:00Z"),
                        ZoneOffset.UTC)))) {
            TemplateEndToEnd steps = steps();
            Pos pos = steps.connect("square", Map.of("baseUrl", square.baseUri().toString(), "accessToken",
                    square.issueToken()), false);
            String target = spreadsheet(steps, pos, ShippedTemplates.DAILY_SALES);
            String sales = steps.install(pos, ShippedTemplates.DAILY_SALES, target).get("sales");
            assertThat(counts(steps.run(pos, sales)).get("failed").intValue()).isZero();
            Map<String, DailySums.Sums> first = DailySums.of(data(steps.read(pos, PosStreams.ORDERS)));
            assertSummary(pos, target, sales, first);

            square.advance(Duration.ofHours(3));
            Map<String, Object> second = steps.run(pos, sales);

            Map<String, DailySums.Sums> later = DailySums.of(data(steps.read(pos, PosStreams.ORDERS)));
            Set<String> changed = later.keySet().stream().filter(k -> !later.get(k).equals(first.get(k)))
                    .collect(Collectors.toSet());
            assertThat(changed).as("groups summed in the first run that took more sales in the second")
                    .anyMatch(first::containsKey);
            assertThat(counts(second).get("failed").intValue()).isZero();
            assertThat(counts(second).get("written").intValue()).as("only the groups that changed are written again")
                    .isEqualTo(changed.size());
            assertSummary(pos, target, sales, later);
        }
    }

    /**
     * The stored summary, as downloaded: exactly {@code expected}'s groups, each in its business day's
     * file, and each row kept under the ledger's idempotency key of its group.
     */
    private void assertSummary(Pos pos, String target, String integration, Map<String, DailySums.Sums> expected) {
        Set<String> days = expected.keySet().stream().map(k -> k.substring(0, k.indexOf('|'))).collect(
                Collectors.toCollection(TreeSet::new));
        List<String> files = fileNames(pos, target, "daily_sales_by_tender");
        assertThat(files).as("one file per business day").containsExactlyInAnyOrderElementsOf(
                days.stream().map(d -> "daily_sales_by_tender " + d).toList());
        Map<String, String> rows = new TreeMap<>();
        for (String file : files) {
            for (Map<String, String> row : download(pos, target, "daily_sales_by_tender", file)) {
                assertThat(file).isEqualTo("daily_sales_by_tender " + row.get("business_day"));
                Map<String, Object> group = new HashMap<>(row);
                group.put("location_id", row.get("location_id").isEmpty() ? null : row.get("location_id"));
                for (String sum : List.of("amount", "tip", "fee", "fees_reported", "tenders")) {
                    group.put(sum, new BigDecimal(row.get(sum)));
                }
                assertThat(rows.put(DailySums.key(group), DailySums.plainRow(group))).as("one row per group").isNull();
            }
        }
        Map<String, String> wanted = new TreeMap<>();
        expected.forEach((key, sums) -> wanted.put(key, sums.plainRow()));
        assertThat(rows).as("a row per business day, location, tender kind and currency, sums to the cent")
                .isEqualTo(wanted);
        Set<String> keys = expected.keySet().stream().map(group -> Ledger.idempotencyKey(new TenantId(pos.tenant()),
                UUID.fromString(integration), "group/" + group)).collect(Collectors.toSet());
        assertThat(stored(pos, target, "daily_sales_by_tender", keys)).as("kept under the ledger's keys of the groups")
                .isEqualTo(keys);
    }

    /** The object's output files, as the connection's outputs list them. */
    private List<String> fileNames(Pos pos, String connection, String object) {
        return output(pos, connection, object).map(o -> ((List<Map<String, Object>>) o.get("files")).stream()
                .map(f -> (String) f.get("name")).toList()).orElse(List.of());
    }

    private List<String> columns(Pos pos, String connection, String object) {
        return (List<String>) output(pos, connection, object).orElseThrow().get("columns");
    }

    private java.util.Optional<Map<String, Object>> output(Pos pos, String connection, String object) {
        ApiClient.Response outputs = api.get(pos.owner(), pos.base() + "/connections/" + connection + "/outputs");
        assertThat(outputs.status()).as(outputs.toString()).isEqualTo(200);
        return outputs.items().stream().filter(o -> object.equals(o.get("object"))).findFirst();
    }

    /** An output file downloaded as CSV, its rows by column name. */
    private List<Map<String, String>> download(Pos pos, String connection, String object, String file) {
        ApiClient.Response csv = api.get(pos.owner(), pos.base() + "/connections/" + connection + "/outputs/"
                + encode(object) + "/files/" + encode(file) + "?format=csv");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader()
                .setSkipHeaderRecord(true).build().parse(new java.io.StringReader(csv.body()))) {
            return parser.getRecords().stream().map(r -> r.toMap()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Which of {@code keys} the connection's output object holds a row under. */
    private Set<String> stored(Pos pos, String connection, String object, Set<String> keys) {
        return contexts.of(new TenantId(pos.tenant()), UUID.fromString(connection)).files().rows(object, keys).keySet();
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A spreadsheet-target connection with the config the template suggests, as the portal makes it. */
    private String spreadsheet(TemplateEndToEnd steps, Pos pos, String template) {
        Map<String, Object> hint = (Map<String, Object>) api.get(pos.owner(), "/api/v1/templates/" + template).json()
                .get("targetConfig");
        assertThat(hint).containsEntry("split", "per_business_day");
        return steps.target(pos, "spreadsheet-target", hint);
    }

    private static List<Map<String, Object>> data(Map<String, SourceRecord> records) {
        return records.values().stream().map(SourceRecord::data).toList();
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
}
