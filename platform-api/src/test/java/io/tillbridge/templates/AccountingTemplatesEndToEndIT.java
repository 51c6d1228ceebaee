package io.tillbridge.templates;

import static io.tillbridge.templates.TemplateEndToEnd.counts;
import static io.tillbridge.templates.TemplateEndToEnd.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.accounting.JournalDocument;
import io.tillbridge.connector.clover.sandbox.CloverSandbox;
import io.tillbridge.connector.clover.sandbox.CloverSandboxOptions;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandbox;
import io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandboxOptions;
import io.tillbridge.connector.shopify.sandbox.ShopProfile;
import io.tillbridge.connector.shopify.sandbox.ShopifySandbox;
import io.tillbridge.connector.shopify.sandbox.ShopifySandboxOptions;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import io.tillbridge.connector.xero.sandbox.XeroSandbox;
import io.tillbridge.connector.xero.sandbox.XeroSandboxOptions;
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
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The accounting templates end to end, for every POS sandbox and both accounting sandboxes: a month
 * of POS activity (refunds, gift cards, tips, several taxes, late offline orders, the change from
 * daylight saving time on 2026-11-01) is installed with "POS daily sales -> QuickBooks/Xero journal",
 * the account map filled through the mappings API, and the worker's runs post one balanced journal
 * per location and business day (sales) and per day with refunds, exactly once, even though the
 * accounting sandbox cuts the connection after committing some writes. A second run posts nothing; a
 * changed account map posts adjusting entries with only the difference, never an edit.
 */
@MicronautTest(transactional = false)
// The vendors' own quotas (Xero 60 requests a minute per organisation, QuickBooks 500 per realm) would
// make a month of journals and their adjustments take minutes; the sandboxes here enforce none.
@Property(name = "tillbridge.quotas.providers.xero.per-second", value = "100")
@Property(name = "tillbridge.quotas.providers.xero.burst", value = "100")
@Property(name = "tillbridge.quotas.providers.quickbooks.per-second", value = "100")
@Property(name = "tillbridge.quotas.providers.quickbooks.burst", value = "100")
@SuppressWarnings("unchecked")
class AccountingTemplatesEndToEndIT extends TestDatabaseProperties {

    /** The POS sandboxes' clock: 30 days of history back from here cover the end of DST on 2026-11-01. */
    private static final Instant POS_NOW = Instant.parse("2026-11-20T18:00:00Z");

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

    private final List<AutoCloseable> sandboxes = new ArrayList<>();
    private TemplateEndToEnd steps;

    @AfterEach
    void stop() throws Exception {
        if (steps != null) {
            steps.close();
        }
        for (AutoCloseable sandbox : sandboxes) {
            sandbox.close();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"square, quickbooks", "shopify, quickbooks", "clover, quickbooks", "square, xero", "shopify, xero",
            "clover, xero"})
    void a_month_of_pos_activity_posts_one_balanced_journal_per_location_and_day_exactly_once(String vendor,
            String target) throws Exception {
        steps = new TemplateEndToEnd(api, worker, new PosSandboxReads(connections, configs, contexts));
        Pos pos = pos(vendor);
        Books books = books(target, pos);
        Map<String, String> made = steps.install(pos, "pos-daily-sales-to-" + target, books.connection());
        Map<String, SourceRecord> orders = steps.read(pos, PosStreams.ORDERS);
        Map<String, SourceRecord> refunds = steps.read(pos, PosStreams.REFUNDS);
        List<Map<String, Object>> sales = completed(orders, "state");
        List<Map<String, Object>> returned = completed(refunds, "status");
        assertThat(sales).as("completed orders").hasSizeGreaterThan(20);
        assertThat(returned).as("completed refunds").isNotEmpty();

        Map<String, String> accounts = accountMap(keys(sales, returned), books.accounts());
        pin(pos, made.get("sales"), accounts);
        pin(pos, made.get("refunds"), accounts);
        books.cutAfterCommit();

        for (String integration : List.of(made.get("sales"), made.get("refunds"))) {
            Map<String, Object> run = steps.run(pos, integration);
            assertThat(counts(run).get("failed").intValue()).as("held in the error inbox: " + run + "\n"
                    + abbreviated(api.get(pos.owner(), pos.base() + "/record-errors?integrationId=" + integration).body())).isZero();
        }

        List<String> expected = new ArrayList<>(journals(sales, accounts));
        expected.addAll(journals(returned, accounts));
        assertThat(expected).as("journals include the day the clocks went back")
                .anyMatch(j -> j.startsWith("2026-11-01 "));
        assertThat(books.posted()).as("one journal per location and business day, posted once")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(books.cutWrites()).as("writes committed whose answer was lost").isEqualTo(2);

        // Nothing new in the POS: the second runs post nothing.
        for (String integration : List.of(made.get("sales"), made.get("refunds"))) {
            assertThat(counts(steps.run(pos, integration)).get("written").intValue()).isZero();
        }
        assertThat(books.posted()).hasSize(expected.size());

        // The tips go to another account from now on: each day with tips gets one adjusting entry moving
        // them, and the first postings stay as they were.
        Map<String, String> moved = new LinkedHashMap<>(accounts);
        moved.put("tips", books.accounts().apply("other-liability"));
        pin(pos, made.get("sales"), moved);
        Map<String, Object> run = steps.run(pos, made.get("sales"));
        long daysWithTips = journals(sales, accounts).stream().filter(j -> j.contains("/tips=")).count();
        assertThat(counts(run).get("written").longValue()).isEqualTo(daysWithTips).isPositive();
        List<String> adjustments = books.adjustments();
        assertThat(adjustments).hasSize((int) daysWithTips).allSatisfy(a -> {
            assertThat(a.split(" ")).as("a date and two lines: " + a).hasSize(3);
            assertThat(a).contains(" " + accounts.get("tips") + "/tips=").contains(" " + moved.get("tips") + "/tips=-");
        });
        assertThat(books.posted()).as("first postings are not edited").containsAll(expected);
    }

    private static String abbreviated(String text) {
        return text.length() > 1500 ? text.substring(0, 1500) + "..." : text;
    }

    // ---- the POS ---------------------------------------------------------------------------------------------

    private Pos pos(String vendor) {
        Clock clock = Clock.fixed(POS_NOW, ZoneOffset.UTC);
        Map<String, Object> config = new LinkedHashMap<>();
        switch (vendor) {
            case "square" -> {
                SquareSandbox square = started(SquareSandbox.start(SquareSandboxOptions.defaults().withSeed(1501)
                        .withClock(clock)));
                config.put("baseUrl", square.baseUri().toString());
                config.put("accessToken", square.issueToken());
            }
            case "shopify" -> {
                ShopifySandbox shopify = started(ShopifySandbox.start(ShopifySandboxOptions.defaults().withSeed(1502)
                        .withClock(clock).withRestBucket(1_000_000, 1_000)));
                String handle = ShopProfile.US.handle();
                config.put("baseUrl", shopify.shopUri(handle).toString());
                config.put("shop", ShopProfile.US.domain());
                config.put("accessToken", shopify.issueToken(handle, Set.of("read_orders", "read_products",
                        "read_inventory", "read_locations", "read_customers")));
            }
            case "clover" -> {
                CloverSandbox clover = started(CloverSandbox.start(CloverSandboxOptions.defaults().withSeed(1503)
                        .withClock(clock).withoutRateLimits()));
                String merchant = clover.merchantIds().get(0);
                config.put("baseUrl", clover.baseUri().toString());
                config.put("merchantId", merchant);
                config.put("accessToken", clover.issueToken(merchant));
            }
            default -> throw new IllegalArgumentException(vendor);
        }
        return steps.connect(vendor, config, false);
    }

    private static List<Map<String, Object>> completed(Map<String, SourceRecord> records, String stateField) {
        return records.values().stream().map(SourceRecord::data).filter(d -> "completed".equals(d.get(stateField)))
                .toList();
    }

    private static Set<String> keys(List<Map<String, Object>> sales, List<Map<String, Object>> refunds) {
        Set<String> keys = new java.util.TreeSet<>();
        for (List<Map<String, Object>> records : List.of(sales, refunds)) {
            for (Map<String, Object> record : records) {
                for (Object p : (List<Object>) record.get("postings")) {
                    keys.add((String) ((Map<String, Object>) p).get("account_key"));
                }
            }
        }
        return keys;
    }

    /** Every account key to an account of the books, by what the key is. */
    private static Map<String, String> accountMap(Set<String> keys, Function<String, String> accounts) {
        Map<String, String> map = new TreeMap<>();
        for (String key : keys) {
            String kind = key.startsWith("sales:") || key.startsWith("service_charges:") ? "sales"
                    : key.startsWith("refunds:") ? "returns"
                    : key.equals("discounts") ? "discounts"
                    : key.startsWith("tax:") ? "tax"
                    : key.equals("tips") ? "tips"
                    : key.startsWith("gift_card:") ? "gift-cards"
                    : key.equals("tender:card") ? "card"
                    : key.equals("tender:cash") ? "cash"
                    : key.startsWith("tender:") ? "bank"
                    : key.startsWith("fees:") ? "fees"
                    : key.equals("rounding") ? "rounding" : null;
            assertThat(kind).as("an account for the key " + key).isNotNull();
            map.put(key, accounts.apply(kind));
        }
        return map;
    }

    /** Saves the integration's mapping with the account map filled and pins it. */
    private void pin(Pos pos, String integration, Map<String, String> accounts) {
        String base = pos.base() + "/integrations/" + integration + "/mappings";
        JsonNode versions;
        try {
            versions = JSON.readTree(api.get(pos.owner(), base).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ObjectNode mapping = (ObjectNode) versions.get(0).path("spec").deepCopy();
        ObjectNode entries = ((ObjectNode) mapping.path("valueMaps").path("accounts")).putObject("entries");
        accounts.forEach(entries::put);
        Response saved = api.post(pos.owner(), base, JSON.convertValue(mapping, Map.class));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(201);
        Response pinned = api.post(pos.owner(), base + "/" + saved.json().get("version") + "/pin", null);
        assertThat(pinned.status()).as(pinned.toString()).isEqualTo(200);
    }

    /**
     * The journals the POS records make, one per business day, location and currency: the date and
     * the netted lines (account/description=net, debit positive), sorted, as text.
     */
    private static List<String> journals(List<Map<String, Object>> records, Map<String, String> accounts) {
        Map<List<Object>, Map<List<String>, BigDecimal>> byDay = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            List<Object> day = java.util.Arrays.asList(record.get("business_day"), record.get("location_id"),
                    record.get("currency"));
            Map<List<String>, BigDecimal> nets = byDay.computeIfAbsent(day, d -> new LinkedHashMap<>());
            for (Object p : (List<Object>) record.get("postings")) {
                Map<String, Object> posting = (Map<String, Object>) p;
                String key = (String) posting.get("account_key");
                nets.merge(List.of(accounts.get(key), key), ((BigDecimal) posting.get("debit"))
                        .subtract((BigDecimal) posting.get("credit")), BigDecimal::add);
            }
        }
        List<String> out = new ArrayList<>();
        byDay.forEach((day, nets) -> {
            if (nets.values().stream().allMatch(v -> v.signum() == 0)) {
                return; // nothing to post that day
            }
            JournalDocument journal = JournalDocument.fromNets(LocalDate.parse((String) day.get(0)),
                    Currency.getInstance((String) day.get(2)), "", "", nets);
            out.add(text(journal.date(), journal.nets()));
        });
        return out;
    }

    private static String text(LocalDate date, Map<List<String>, BigDecimal> nets) {
        StringBuilder s = new StringBuilder(date.toString());
        new TreeMap<String, BigDecimal>(nets.entrySet().stream().filter(e -> e.getValue().signum() != 0)
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey().get(0) + "/" + e.getKey().get(1),
                        java.util.Map.Entry::getValue, BigDecimal::add)))
                .forEach((k, v) -> s.append(' ').append(k).append('=').append(v.setScale(2).toPlainString()));
        return s.toString();
    }

    // ---- the books -------------------------------------------------------------------------------------------

    private <T extends AutoCloseable> T started(T sandbox) {
        sandboxes.add(sandbox);
        return sandbox;
    }

    /** An accounting sandbox, the tenant's connection to it, and what it holds. */
    private interface Books {
        String connection();

        /** The account for a kind of key ("sales", "tax", "card", ...). */
        Function<String, String> accounts();

        /** Makes the next writes commit and then lose their answer. */
        void cutAfterCommit();

        /** How many writes committed and lost their answer. */
        int cutWrites();

        /** The journals that are not adjustments, as {@link #text}. */
        List<String> posted();

        /** The adjusting entries' lines, as {@link #text}. */
        List<String> adjustments();
    }

    private Books books(String target, Pos pos) {
        return "quickbooks".equals(target) ? quickbooks(pos) : xero(pos);
    }

    private Books quickbooks(Pos pos) {
        QuickBooksSandbox qb = started(QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withSeed(77)
                .withLimits(0, 0)));
        Map<String, String> byNumber = new java.util.HashMap<>();
        qb.entities("Account").forEach(a -> byNumber.put(a.path("AcctNum").asText(), a.path("Id").asText()));
        Map<String, String> kinds = Map.ofEntries(Map.entry("sales", "4000"), Map.entry("returns", "4910"),
                Map.entry("discounts", "4900"), Map.entry("tax", "2110"), Map.entry("tips", "2200"),
                Map.entry("gift-cards", "2300"), Map.entry("card", "1210"), Map.entry("cash", "1220"),
                Map.entry("bank", "1200"), Map.entry("fees", "6100"), Map.entry("rounding", "6910"),
                Map.entry("other-liability", "2120"));
        String connection = steps.target(pos, "quickbooks", Map.of("baseUrl", qb.baseUri().toString(), "realmId",
                qb.realmId(), "accessToken", qb.issueToken()));
        int[] cuts = {0};
        return new Books() {
            @Override
            public String connection() {
                return connection;
            }

            @Override
            public Function<String, String> accounts() {
                return kind -> byNumber.get(kinds.get(kind));
            }

            @Override
            public void cutAfterCommit() {
                qb.faults().commitThenCut().commitThenCut();
                cuts[0] = 2;
            }

            @Override
            public int cutWrites() {
                return cuts[0] - qb.faults().pendingWrites();
            }

            @Override
            public List<String> posted() {
                return journals(false);
            }

            @Override
            public List<String> adjustments() {
                return journals(true);
            }

            private List<String> journals(boolean adjustments) {
                List<String> out = new ArrayList<>();
                for (JsonNode je : qb.entities("JournalEntry")) {
                    if (je.path("DocNumber").asText().contains("-A") != adjustments) {
                        continue;
                    }
                    Map<List<String>, BigDecimal> nets = new LinkedHashMap<>();
                    for (JsonNode line : je.path("Line")) {
                        JsonNode detail = line.path("JournalEntryLineDetail");
                        BigDecimal amount = line.path("Amount").decimalValue();
                        nets.merge(List.of(detail.path("AccountRef").path("value").asText(),
                                line.path("Description").asText()), "Debit".equals(detail.path("PostingType").asText())
                                ? amount : amount.negate(), BigDecimal::add);
                    }
                    out.add(text(LocalDate.parse(je.path("TxnDate").asText()), nets));
                }
                return out;
            }
        };
    }

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)");

    private Books xero(Pos pos) {
        XeroSandbox xero = started(XeroSandbox.start(XeroSandboxOptions.defaults().withSeed(78).withBaseCurrency("USD")
                .withLimits(5, 100_000, 1_000_000)));
        Map<String, String> kinds = Map.ofEntries(Map.entry("sales", "200"), Map.entry("returns", "215"),
                Map.entry("discounts", "210"), Map.entry("tax", "820"), Map.entry("tips", "825"),
                Map.entry("gift-cards", "830"), Map.entry("card", "091"), Map.entry("cash", "092"),
                Map.entry("bank", "090"), Map.entry("fees", "404"), Map.entry("rounding", "860"),
                Map.entry("other-liability", "860"));
        String connection = steps.target(pos, "xero", Map.of("baseUrl", xero.baseUri().toString(), "tenantId",
                xero.tenantId(), "accessToken", xero.issueToken()));
        int[] cuts = {0};
        return new Books() {
            @Override
            public String connection() {
                return connection;
            }

            @Override
            public Function<String, String> accounts() {
                return kinds::get;
            }

            @Override
            public void cutAfterCommit() {
                xero.faults().commitThenCut(2);
                cuts[0] = 2;
            }

            @Override
            public int cutWrites() {
                return cuts[0] - xero.faults().pendingWrites();
            }

            @Override
            public List<String> posted() {
                return journals(false);
            }

            @Override
            public List<String> adjustments() {
                return journals(true);
            }

            private List<String> journals(boolean adjustments) {
                List<String> out = new ArrayList<>();
                for (JsonNode mj : xero.manualJournals()) {
                    String number = mj.path("Narration").asText().split("[ :]", 2)[0];
                    if (number.contains("-A") != adjustments) {
                        continue;
                    }
                    Map<List<String>, BigDecimal> nets = new LinkedHashMap<>();
                    for (JsonNode line : mj.path("JournalLines")) {
                        nets.merge(List.of(line.path("AccountCode").asText(), line.path("Description").asText()),
                                line.path("LineAmount").decimalValue(), BigDecimal::add);
                    }
                    Matcher m = MS_DATE.matcher(mj.path("Date").asText());
                    LocalDate date = m.find() ? Instant.ofEpochMilli(Long.parseLong(m.group(1))).atZone(ZoneOffset.UTC)
                            .toLocalDate() : LocalDate.parse(mj.path("Date").asText().substring(0, 10));
                    out.add(text(date, nets));
                }
                return out;
            }
        };
    }
}
