package io.tillbridge.templates;

import static io.tillbridge.templates.TemplateEndToEnd.counts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.alerts.AlertEvaluator;
import io.tillbridge.tenants.TenantId;
import java.time.Duration;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandbox;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandboxOptions;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.reconciliation.ReconciliationCsv;
import io.tillbridge.templates.TemplateEndToEnd.Pos;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation of the "POS daily sales -> QuickBooks journal" template end to end: a month of
 * Square sandbox activity is posted to the QuickBooks sandbox by the worker's runs; every final day
 * then reconciles as matched. A journal deleted in QuickBooks shows its day as missing, one edited
 * there (a dollar moved from tax to sales) as differing by that dollar in tax and in sales, with its
 * document number; the CSV has one row per day and location.
 */
@MicronautTest(transactional = false)
@Property(name = "tillbridge.quotas.providers.quickbooks.per-second", value = "100")
@Property(name = "tillbridge.quotas.providers.quickbooks.burst", value = "100")
// The sandbox's month ends on 2026-11-20: the rule looks back far enough from the real clock to see it.
@Property(name = "tillbridge.alerts.unreconciled.days", value = "92")
@SuppressWarnings("unchecked")
class JournalReconciliationIT extends TestDatabaseProperties {

    private static final Instant POS_NOW = Instant.parse("2026-11-20T18:00:00Z");
    private static final String RANGE = "from=2026-10-15&to=2026-11-20";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Inject
    AlertEvaluator evaluator;

    private SquareSandbox square;
    private QuickBooksSandbox qb;
    private TemplateEndToEnd steps;
    private Pos pos;
    private String sales;

    @BeforeEach
    void postAMonth() {
        steps = new TemplateEndToEnd(api, worker, new PosSandboxReads(connections, configs, contexts));
        square = SquareSandbox.start(SquareSandboxOptions.defaults().withSeed(1601)
                .withClock(Clock.fixed(POS_NOW, ZoneOffset.UTC)));
        pos = steps.connect("square", Map.of("baseUrl", square.baseUri().toString(), "accessToken",
                square.issueToken()), false);
        qb = QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withSeed(79).withLimits(0, 0));
        String books = steps.target(pos, "quickbooks", Map.of("baseUrl", qb.baseUri().toString(), "realmId",
                qb.realmId(), "accessToken", qb.issueToken()));
        Map<String, String> made = steps.install(pos, "pos-daily-sales-to-quickbooks", books);
        sales = made.get("sales");
        Map<String, String> accounts = accountMap();
        pin(sales, accounts);
        Map<String, Object> run = steps.run(pos, sales);
        assertThat(counts(run).get("failed").intValue()).as(run.toString()).isZero();
        assertThat(counts(run).get("written").intValue()).as(run.toString()).isPositive();
    }

    @AfterEach
    void stop() {
        if (steps != null) {
            steps.close();
        }
        if (square != null) {
            square.close();
        }
        if (qb != null) {
            qb.close();
        }
    }

    @Test
    void every_final_day_matches_after_the_runs_and_a_deleted_or_edited_journal_shows_with_its_amount()
            throws IOException {
        List<Map<String, Object>> days = days(reconciliation());
        assertThat(days).as("days reconciled").hasSizeGreaterThan(20);
        assertThat(days).allSatisfy(d -> assertThat(d.get("status")).as(d.toString()).isEqualTo("matched"));
        assertThat(days).allSatisfy(d -> assertThat(((Map<String, Object>) d.get("pos")).keySet())
                .as("families of " + d).contains("sales", "tax").anyMatch(f -> f.startsWith("tender:")));

        Map<String, Object> deleted = days.get(3);
        Map<String, Object> edited = days.stream().filter(d -> d != deleted)
                .filter(d -> lines(entry((String) d.get("documentNumber"))).stream()
                        .anyMatch(l -> l.path("Description").asText().startsWith("tax:")
                                && l.path("Amount").decimalValue().compareTo(BigDecimal.ONE) > 0))
                .findFirst().orElseThrow();
        JsonNode gone = entry((String) deleted.get("documentNumber"));
        assertThat(qb.deleteEntity("JournalEntry", gone.path("Id").asText())).isTrue();
        JsonNode changed = entry((String) edited.get("documentNumber"));
        assertThat(qb.editEntity("JournalEntry", changed.path("Id").asText(), je -> moveADollarFromTaxToSales(je)))
                .isTrue();

        Map<String, Map<String, Object>> after = new HashMap<>();
        days(reconciliation()).forEach(d -> after.put(d.get("date") + "|" + d.get("locationId"), d));
        Map<String, Object> missing = after.get(deleted.get("date") + "|" + deleted.get("locationId"));
        assertThat(missing.get("status")).as(missing.toString()).isEqualTo("missing");
        assertThat(missing.get("target")).isNull();
        Map<String, Object> differing = after.get(edited.get("date") + "|" + edited.get("locationId"));
        assertThat(differing.get("status")).as(differing.toString()).isEqualTo("differing");
        assertThat(differing.get("documentNumber")).isEqualTo(edited.get("documentNumber"));
        Map<String, BigDecimal> differences = new TreeMap<>();
        for (Object o : (List<Object>) differing.get("differences")) {
            Map<String, Object> d = (Map<String, Object>) o;
            differences.put((String) d.get("family"), new BigDecimal(d.get("difference").toString()));
        }
        // Tax is a credit: a dollar less of it is a dollar more of debits minus credits; sales the opposite.
        assertThat(differences).containsOnlyKeys("sales", "tax");
        assertThat(differences.get("tax")).isEqualByComparingTo("1.00");
        assertThat(differences.get("sales")).isEqualByComparingTo("-1.00");
        assertThat(after.values().stream().filter(d -> "matched".equals(d.get("status")))).hasSize(days.size() - 2);

        Response csv = api.send(pos.owner(), "GET", path(""), null, "Accept", "text/csv");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        Response file = api.get(pos.owner(), path(".csv"));
        assertThat(file.body()).isEqualTo(csv.body());
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows).hasSize(days.size());
        assertThat(rows.get(0).getParser().getHeaderNames()).isEqualTo(ReconciliationCsv.COLUMNS);
        assertThat(new TreeSet<>(rows.stream().map(r -> r.get("date") + "|" + r.get("location_id")).toList()))
                .hasSize(days.size()).containsAll(after.keySet());
        CSVRecord row = rows.stream().filter(r -> r.get("status").equals("differing")).findFirst().orElseThrow();
        assertThat(row.get("differences")).isEqualTo("sales=-1.00;tax=1.00");
        assertThat(row.get("difference_total")).isEqualTo("2.00");
    }

    @Test
    void a_day_left_unreconciled_opens_an_alert_that_resolves_once_the_target_matches_again() {
        LocalDate oldest = LocalDate.now(ZoneOffset.UTC).minusDays(91);
        List<Map<String, Object>> days = days(reconciliation());
        Map<String, Object> edited = days.stream().filter(d -> !LocalDate.parse((String) d.get("date")).isBefore(oldest))
                .filter(d -> lines(entry((String) d.get("documentNumber"))).stream()
                .anyMatch(l -> l.path("Description").asText().startsWith("tax:")
                        && l.path("Amount").decimalValue().compareTo(BigDecimal.ONE) > 0))
                .findFirst().orElseThrow();
        String id = entry((String) edited.get("documentNumber")).path("Id").asText();
        evaluator.evaluate(new TenantId(pos.tenant()), Instant.now());
        assertThat(alerts("open")).noneMatch(a -> "unreconciled".equals(a.get("kind")));

        assertThat(qb.editEntity("JournalEntry", id, je -> moveADollarFromTaxToSales(je))).isTrue();
        evaluator.evaluate(new TenantId(pos.tenant()), Instant.now().plus(Duration.ofHours(2)));
        List<Map<String, Object>> open = alerts("open").stream().filter(a -> "unreconciled".equals(a.get("kind")))
                .toList();
        assertThat(open).hasSize(1);
        assertThat(open.get(0)).containsEntry("subject", edited.get("date") + "|" + edited.get("locationId") + "|"
                + edited.get("currency"));
        assertThat((String) open.get(0).get("message")).contains("differs by -1.00 USD in sales, 1.00 USD in tax")
                .contains((String) edited.get("documentNumber"));
        assertThat((String) open.get(0).get("portalPath")).endsWith("reconciliation?from=" + edited.get("date")
                + "&to=" + edited.get("date"));

        assertThat(qb.editEntity("JournalEntry", id, je -> moveADollarBack(je))).isTrue();
        evaluator.evaluate(new TenantId(pos.tenant()), Instant.now().plus(Duration.ofHours(4)));
        assertThat(alerts("open")).noneMatch(a -> "unreconciled".equals(a.get("kind")));
        assertThat(alerts("resolved")).anyMatch(a -> "unreconciled".equals(a.get("kind")));
    }

    @Test
    void a_range_longer_than_a_quarter_answers_400_naming_the_field() {
        Response r = api.get(pos.owner(), "/api/v1/tenants/" + pos.tenant() + "/integrations/" + sales
                + "/reconciliation?from=2026-01-01&to=2026-06-30");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.header("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"field\":\"to\"").contains("at most 92");
    }

    private Map<String, Object> reconciliation() {
        Response r = api.get(pos.owner(), path(""));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private String path(String suffix) {
        return "/api/v1/tenants/" + pos.tenant() + "/integrations/" + sales + "/reconciliation" + suffix + "?" + RANGE;
    }

    private static List<Map<String, Object>> days(Map<String, Object> reconciliation) {
        return (List<Map<String, Object>>) reconciliation.get("days");
    }

    private JsonNode entry(String documentNumber) {
        return qb.entities("JournalEntry").stream().filter(je -> je.path("DocNumber").asText().equals(documentNumber))
                .findFirst().orElseThrow(() -> new AssertionError("no journal entry " + documentNumber));
    }

    private static List<JsonNode> lines(JsonNode entry) {
        List<JsonNode> out = new java.util.ArrayList<>();
        entry.path("Line").forEach(out::add);
        return out;
    }

    private List<Map<String, Object>> alerts(String status) {
        Response r = api.get(pos.owner(), pos.base() + "/alerts?status=" + status);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.items();
    }

    private static ObjectNode moveADollarBack(ObjectNode je) {
        boolean tax = false;
        boolean sale = false;
        for (JsonNode l : je.path("Line")) {
            ObjectNode line = (ObjectNode) l;
            String description = line.path("Description").asText();
            boolean credit = "Credit".equals(line.path("JournalEntryLineDetail").path("PostingType").asText());
            BigDecimal amount = line.path("Amount").decimalValue();
            if (!tax && credit && description.startsWith("tax:") && amount.compareTo(BigDecimal.ZERO) > 0) {
                line.put("Amount", amount.add(BigDecimal.ONE));
                tax = true;
            } else if (!sale && credit && description.startsWith("sales:")) {
                line.put("Amount", amount.subtract(BigDecimal.ONE));
                sale = true;
            }
        }
        assertThat(tax && sale).isTrue();
        return je;
    }

    private static ObjectNode moveADollarFromTaxToSales(ObjectNode je) {
        ArrayNode lines = (ArrayNode) je.path("Line");
        boolean tax = false;
        boolean sale = false;
        for (JsonNode l : lines) {
            ObjectNode line = (ObjectNode) l;
            String description = line.path("Description").asText();
            boolean credit = "Credit".equals(line.path("JournalEntryLineDetail").path("PostingType").asText());
            BigDecimal amount = line.path("Amount").decimalValue();
            if (!tax && credit && description.startsWith("tax:") && amount.compareTo(BigDecimal.ONE) > 0) {
                line.put("Amount", amount.subtract(BigDecimal.ONE));
                tax = true;
            } else if (!sale && credit && description.startsWith("sales:")) {
                line.put("Amount", amount.add(BigDecimal.ONE));
                sale = true;
            }
        }
        assertThat(tax && sale).as("a tax and a sales credit in " + je).isTrue();
        return je;
    }

    /** Every account key the Square orders carry, to an account of the sandbox's chart by what the key is. */
    private Map<String, String> accountMap() {
        Map<String, String> byNumber = new HashMap<>();
        qb.entities("Account").forEach(a -> byNumber.put(a.path("AcctNum").asText(), a.path("Id").asText()));
        Map<String, String> map = new TreeMap<>();
        for (String stream : List.of(PosStreams.ORDERS, PosStreams.REFUNDS)) {
            for (SourceRecord record : steps.read(pos, stream).values()) {
                Object postings = record.data().get("postings");
                if (!(postings instanceof List<?> list)) {
                    continue;
                }
                for (Object p : list) {
                    String key = (String) ((Map<String, Object>) p).get("account_key");
                    String number = key.startsWith("sales:") || key.startsWith("service_charges:") ? "4000"
                            : key.startsWith("refunds:") ? "4910"
                            : key.equals("discounts") ? "4900"
                            : key.startsWith("tax:") ? "2110"
                            : key.equals("tips") ? "2200"
                            : key.startsWith("gift_card:") ? "2300"
                            : key.equals("tender:card") ? "1210"
                            : key.equals("tender:cash") ? "1220"
                            : key.startsWith("tender:") ? "1200"
                            : key.startsWith("fees:") ? "6100" : "6910";
                    map.put(key, byNumber.get(number));
                }
            }
        }
        return map;
    }

    private void pin(String integration, Map<String, String> accounts) {
        String base = pos.base() + "/integrations/" + integration + "/mappings";
        JsonNode versions;
        try {
            versions = JSON.readTree(api.get(pos.owner(), base).body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ObjectNode mapping = (ObjectNode) versions.get(0).path("spec").deepCopy();
        ObjectNode entries = ((ObjectNode) mapping.path("valueMaps").path("accounts")).putObject("entries");
        accounts.forEach(entries::put);
        Response saved = api.post(pos.owner(), base, JSON.convertValue(mapping, LinkedHashMap.class));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        Response pinned = api.post(pos.owner(), base + "/" + saved.json().get("version") + "/pin", null);
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
    }
}
