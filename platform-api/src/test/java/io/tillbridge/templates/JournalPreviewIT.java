package io.tillbridge.templates;

import static io.tillbridge.templates.TemplateEndToEnd.counts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
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
import io.tillbridge.templates.TemplateEndToEnd.Pos;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal preview against the Square sandbox and the QuickBooks sandbox, with the template "POS
 * daily sales -> QuickBooks journal" installed: the preview of a final day shows the lines a live run
 * then posts for that day; an account key missing from the value map shows as held with its
 * amounts; a day that ends after now shows as not final, with when it will be.
 */
@MicronautTest(transactional = false)
@Property(name = "tillbridge.quotas.providers.quickbooks.per-second", value = "100")
@Property(name = "tillbridge.quotas.providers.quickbooks.burst", value = "100")
@SuppressWarnings("unchecked")
class JournalPreviewIT extends TestDatabaseProperties {

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

    private SquareSandbox square;
    private QuickBooksSandbox qb;
    private TemplateEndToEnd steps;
    private Pos pos;
    private String sales;
    private List<Map<String, Object>> completed;
    private Map<String, String> accounts;

    @BeforeEach
    void install() {
        // The POS's clock is the platform's: its latest days are not final yet, its oldest are.
        square = SquareSandbox.start(SquareSandboxOptions.defaults().withSeed(2101)
                .withClock(Clock.fixed(Instant.now().truncatedTo(ChronoUnit.HOURS), ZoneOffset.UTC)));
        qb = QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withSeed(79).withLimits(0, 0));
        steps = new TemplateEndToEnd(api, worker, new PosSandboxReads(connections, configs, contexts));
        pos = steps.connect("square", Map.of("baseUrl", square.baseUri().toString(), "accessToken", square.issueToken()),
                false);
        String books = steps.target(pos, "quickbooks", Map.of("baseUrl", qb.baseUri().toString(), "realmId",
                qb.realmId(), "accessToken", qb.issueToken()));
        sales = steps.install(pos, "pos-daily-sales-to-quickbooks", books).get("sales");
        completed = steps.read(pos, PosStreams.ORDERS).values().stream().map(SourceRecord::data)
                .filter(d -> "completed".equals(d.get("state"))).toList();
        assertThat(completed).as("completed orders").hasSizeGreaterThan(20);
        Map<String, String> byNumber = new HashMap<>();
        qb.entities("Account").forEach(a -> byNumber.put(a.path("AcctNum").asText(), a.path("Id").asText()));
        accounts = new TreeMap<>();
        for (Map<String, Object> order : completed) {
            for (Object p : (List<Object>) order.get("postings")) {
                String key = (String) ((Map<String, Object>) p).get("account_key");
                String number = key.startsWith("sales:") || key.startsWith("service_charges:") ? "4000"
                        : key.equals("discounts") ? "4900" : key.startsWith("tax:") ? "2110"
                        : key.equals("tips") ? "2200" : key.startsWith("gift_card:") ? "2300"
                        : key.equals("tender:card") ? "1210" : key.equals("tender:cash") ? "1220"
                        : key.startsWith("tender:") ? "1200" : key.startsWith("fees:") ? "6100" : "6910";
                accounts.put(key, byNumber.get(number));
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        steps.close();
        qb.close();
        square.close();
    }

    @Test
    void a_final_days_preview_shows_the_lines_a_live_run_then_posts() {
        pin(accounts);
        String day = finalDay();
        Map<String, Object> preview = preview(day);
        List<Map<String, Object>> journals = (List<Map<String, Object>>) preview.get("journals");
        assertThat(journals).as("journals of " + day).isNotEmpty().allSatisfy(j -> {
            assertThat(j.get("isFinal")).isEqualTo(true);
            assertThat(j.get("balances")).isEqualTo(true);
            assertThat(j.get("held")).asList().isEmpty();
            assertThat(new BigDecimal(j.get("debits").toString())).isEqualByComparingTo(new BigDecimal(j.get("credits").toString()));
        });
        List<String> previewed = journals.stream().filter(j -> Boolean.TRUE.equals(j.get("posts")))
                .map(j -> text(day, (List<Map<String, Object>>) j.get("lines"))).toList();
        assertThat(qb.entities("JournalEntry")).as("the preview posts nothing").isEmpty();

        Map<String, Object> run = steps.run(pos, sales);
        assertThat(counts(run).get("failed").intValue()).as(run.toString()).isZero();
        assertThat(posted(day)).as("what the run posted for " + day).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(previewed);
    }

    @Test
    void an_account_key_missing_from_the_value_map_shows_as_held_with_its_amounts() {
        String day = finalDay();
        List<Map<String, Object>> ofDay = completed.stream().filter(o -> day.equals(o.get("business_day"))).toList();
        String missing = ((Map<String, Object>) ((List<Object>) ofDay.get(0).get("postings")).get(0)).get("account_key")
                .toString();
        BigDecimal debit = BigDecimal.ZERO;
        BigDecimal credit = BigDecimal.ZERO;
        String location = (String) ofDay.get(0).get("location_id");
        for (Map<String, Object> order : ofDay) {
            if (!location.equals(order.get("location_id"))) {
                continue;
            }
            for (Object p : (List<Object>) order.get("postings")) {
                Map<String, Object> posting = (Map<String, Object>) p;
                if (missing.equals(posting.get("account_key"))) {
                    debit = debit.add((BigDecimal) posting.get("debit"));
                    credit = credit.add((BigDecimal) posting.get("credit"));
                }
            }
        }
        Map<String, String> without = new TreeMap<>(accounts);
        without.remove(missing);
        pin(without);

        List<Map<String, Object>> journals = (List<Map<String, Object>>) preview(day).get("journals");
        Map<String, Object> journal = journals.stream().filter(j -> location.equals(j.get("locationId"))).findFirst()
                .orElseThrow();
        assertThat(journal.get("posts")).isEqualTo(false);
        List<Map<String, Object>> held = (List<Map<String, Object>>) journal.get("held");
        assertThat(held).as("held values").hasSize(1);
        assertThat(held.get(0)).containsEntry("field", "account").containsEntry("value", missing);
        assertThat(new BigDecimal(held.get(0).get("debit").toString())).isEqualByComparingTo(debit);
        assertThat(new BigDecimal(held.get(0).get("credit").toString())).isEqualByComparingTo(credit);
        assertThat(debit.add(credit).signum()).as("the key carries an amount").isPositive();
    }

    @Test
    void a_day_that_ends_after_now_shows_as_not_final_with_when_it_will_be() {
        pin(accounts);
        String day = completed.stream().map(o -> (String) o.get("business_day")).max(String::compareTo).orElseThrow();
        List<Map<String, Object>> journals = (List<Map<String, Object>>) preview(day).get("journals");
        assertThat(journals).isNotEmpty().allSatisfy(j -> {
            assertThat(j.get("isFinal")).isEqualTo(false);
            assertThat(Instant.parse((String) j.get("finalAt"))).isAfter(Instant.now());
        });
    }

    @Test
    void a_day_that_is_not_a_date_answers_422() {
        pin(accounts);
        Response answer = api.post(pos.owner(), pos.base() + "/integrations/" + sales + "/journal-preview",
                Map.of("day", "03/11/2026"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.body()).contains("is not a date");
    }

    /** A day with completed orders that was final days ago, the one with the most. */
    private String finalDay() {
        LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(7);
        Map<String, Long> orders = completed.stream().map(o -> (String) o.get("business_day"))
                .filter(d -> !LocalDate.parse(d).isAfter(last))
                .collect(java.util.stream.Collectors.groupingBy(d -> d, TreeMap::new, java.util.stream.Collectors.counting()));
        // The busiest such day: the most lines to compare.
        return orders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private Map<String, Object> preview(String day) {
        Response answer = api.post(pos.owner(), pos.base() + "/integrations/" + sales + "/journal-preview",
                Map.of("day", day));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return (Map<String, Object>) answer.json();
    }

    private void pin(Map<String, String> map) {
        String base = pos.base() + "/integrations/" + sales + "/mappings";
        JsonNode versions;
        try {
            versions = JSON.readTree(api.get(pos.owner(), base).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ObjectNode mapping = (ObjectNode) versions.get(0).path("spec").deepCopy();
        ObjectNode entries = ((ObjectNode) mapping.path("valueMaps").path("accounts")).putObject("entries");
        map.forEach(entries::put);
        Response saved = api.post(pos.owner(), base, JSON.convertValue(mapping, Map.class));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        Response pinned = api.post(pos.owner(), base + "/" + saved.json().get("version") + "/pin", null);
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
    }

    /** The journals QuickBooks holds for {@code day}, as {@link #text}. */
    private List<String> posted(String day) {
        List<String> out = new ArrayList<>();
        for (JsonNode je : qb.entities("JournalEntry")) {
            if (!day.equals(je.path("TxnDate").asText())) {
                continue;
            }
            List<Map<String, Object>> lines = new ArrayList<>();
            for (JsonNode line : je.path("Line")) {
                JsonNode detail = line.path("JournalEntryLineDetail");
                BigDecimal amount = line.path("Amount").decimalValue();
                boolean isDebit = "Debit".equals(detail.path("PostingType").asText());
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("account", detail.path("AccountRef").path("value").asText());
                l.put("description", line.path("Description").asText());
                l.put("debit", isDebit ? amount : BigDecimal.ZERO);
                l.put("credit", isDebit ? BigDecimal.ZERO : amount);
                lines.add(l);
            }
            out.add(text(day, lines));
        }
        return out;
    }

    /** A journal as its date and its lines netted per account and description, sorted. */
    private static String text(String day, List<Map<String, Object>> lines) {
        Map<String, BigDecimal> nets = new TreeMap<>();
        for (Map<String, Object> line : lines) {
            nets.merge(line.get("account") + "/" + line.get("description"), new BigDecimal(line.get("debit").toString())
                    .subtract(new BigDecimal(line.get("credit").toString())), BigDecimal::add);
        }
        StringBuilder s = new StringBuilder(day);
        new TreeSet<>(nets.keySet()).forEach(k -> {
            if (nets.get(k).signum() != 0) {
                s.append(' ').append(k).append('=').append(nets.get(k).setScale(2).toPlainString());
            }
        });
        return s.toString();
    }
}
