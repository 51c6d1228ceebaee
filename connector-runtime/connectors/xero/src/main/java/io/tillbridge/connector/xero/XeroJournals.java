package io.tillbridge.connector.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.accounting.AccountingObjects.Corrections;
import io.tillbridge.connector.accounting.Adjustments;
import io.tillbridge.connector.accounting.DocumentNumbers;
import io.tillbridge.connector.accounting.InvalidDocumentException;
import io.tillbridge.connector.accounting.JournalDocument;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Journals as Xero manual journals ({@code POSTED}; a positive {@code LineAmount} is a debit, a
 * negative one a credit; developer.xero.com "Manual Journals"). The {@code Narration} starts with the
 * document number ({@link DocumentNumbers}), by which a journal is found again. Manual journals are
 * in the organisation's base currency (they have no currency of their own), so a record in another
 * currency is refused.
 *
 * <p>A journal that is posted already and has changed is corrected as the config says: with an
 * adjusting entry (a new journal numbered {@code <number>-A<n>} with only the difference, naming the
 * first posting and its date), or by an edit of the first posting. Either way the record's target
 * reference stays the first posting's id.
 */
final class XeroJournals {

    private final XeroApi api;
    private final XeroPosting posting;
    private final XeroConfig config;
    private final Clock clock;
    private final Currency base;

    XeroJournals(XeroApi api, XeroConfig config, Clock clock, Currency base) {
        this.api = api;
        this.posting = new XeroPosting(api, config.maxRetries());
        this.config = config;
        this.clock = clock;
        this.base = base;
    }

    List<WriteResult> write(List<WriteRecord> batch) {
        WriteResult[] results = new WriteResult[batch.size()];
        Map<Integer, JournalDocument> docs = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            WriteRecord record = batch.get(i);
            try {
                JournalDocument doc = JournalDocument.of(record.data());
                if (!doc.currency().equals(base)) {
                    throw new InvalidDocumentException("Xero posts manual journals in the organisation's base currency "
                            + base.getCurrencyCode() + ", not " + doc.currency().getCurrencyCode());
                }
                docs.put(i, doc);
            } catch (InvalidDocumentException e) {
                results[i] = WriteResult.rejected(record.idempotencyKey(), e.getMessage());
            }
        }
        List<String> numbers = docs.keySet().stream().map(i -> DocumentNumbers.of(batch.get(i).idempotencyKey())).toList();
        Map<String, List<JsonNode>> posted = postings(numbers);
        List<Integer> create = new ArrayList<>();
        for (Map.Entry<Integer, JournalDocument> e : docs.entrySet()) {
            WriteRecord record = batch.get(e.getKey());
            String number = DocumentNumbers.of(record.idempotencyKey());
            List<JsonNode> existing = posted.getOrDefault(number, List.of());
            if (first(existing, number).isPresent()) {
                results[e.getKey()] = correct(record, e.getValue(), number, existing);
            } else {
                create.add(e.getKey());
            }
        }
        if (!create.isEmpty()) {
            List<ObjectNode> items = new ArrayList<>();
            List<String> createNumbers = new ArrayList<>();
            for (int i : create) {
                String number = DocumentNumbers.of(batch.get(i).idempotencyKey());
                createNumbers.add(number);
                JournalDocument doc = docs.get(i);
                items.add(journal(null, narration(number, doc.memo()), doc.date(), doc.nets()));
            }
            List<JsonNode> answered = posting.create("ManualJournals", items, createNumbers,
                    batch.get(create.get(0)).idempotencyKey(), this::firstPostings);
            for (int j = 0; j < create.size(); j++) {
                results[create.get(j)] = outcome(batch.get(create.get(j)).idempotencyKey(), answered.get(j));
            }
        }
        return List.of(results);
    }

    /** Per key, the journal as Xero holds it (first posting plus adjustments), for shadow mode. */
    Map<String, Map<String, Object>> current(List<WriteRecord> records) {
        Map<String, String> byNumber = new LinkedHashMap<>();
        records.forEach(r -> byNumber.put(DocumentNumbers.of(r.idempotencyKey()), r.idempotencyKey()));
        Map<String, List<JsonNode>> posted = postings(List.copyOf(byNumber.keySet()));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        posted.forEach((number, journals) -> first(journals, number).ifPresent(first -> {
            try {
                JournalDocument sum = JournalDocument.fromNets(XeroApi.date(first.path("Date").asText()), base, "",
                        memo(first.path("Narration").asText(), number),
                        Adjustments.sum(journals.stream().map(this::document).toList()));
                out.put(byNumber.get(number), sum.toData());
            } catch (InvalidDocumentException reversedToNothing) {
                // Every line nets to zero: Xero holds nothing to compare with.
            }
        }));
        return out;
    }

    private WriteResult correct(WriteRecord record, JournalDocument wanted, String number, List<JsonNode> existing) {
        JsonNode first = first(existing, number).orElseThrow();
        String firstId = first.path("ManualJournalID").asText();
        LocalDate firstDate = XeroApi.date(first.path("Date").asText());
        List<JournalDocument> posted = existing.stream().map(this::document).toList();
        if (config.correctionMode() == Corrections.EDIT) {
            List<JournalDocument> adjustments = existing.stream().filter(j -> j != first).map(this::document).toList();
            Map<List<String>, BigDecimal> nets = new LinkedHashMap<>(wanted.nets());
            Adjustments.sum(adjustments).forEach((k, v) -> nets.merge(k, v.negate(), BigDecimal::add));
            if (Adjustments.difference(wanted, posted, wanted.date(), "").isEmpty()
                    && firstDate.equals(wanted.date())) {
                return WriteResult.unchanged(record.idempotencyKey(), firstId);
            }
            ObjectNode edit = journal(firstId, narration(number, wanted.memo()), wanted.date(), nets);
            List<JsonNode> answered = posting.create("ManualJournals", List.of(edit), List.of(number),
                    record.idempotencyKey(), numbers -> Map.of());
            WriteResult edited = outcome(record.idempotencyKey(), answered.get(0));
            return edited.outcome() == WriteResult.Outcome.REJECTED ? edited
                    : WriteResult.written(record.idempotencyKey(), firstId);
        }
        int n = existing.stream().map(j -> numberOf(j.path("Narration").asText()))
                .filter(s -> s.startsWith(number + "-A")).mapToInt(s -> Integer.parseInt(s.substring(number.length() + 2)))
                .max().orElse(0) + 1;
        String adjustment = DocumentNumbers.adjustment(number, n);
        LocalDate date = config.adjustOnOriginalDate() ? firstDate : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String memo = "adjusts " + number + " of " + firstDate + (wanted.memo().isEmpty() ? "" : ": " + wanted.memo());
        Optional<JournalDocument> difference = Adjustments.difference(wanted, posted, date, memo);
        if (difference.isEmpty()) {
            return WriteResult.unchanged(record.idempotencyKey(), firstId);
        }
        JournalDocument adjust = difference.get();
        ObjectNode item = journal(null, narration(adjustment, memo), date, adjust.nets());
        List<JsonNode> answered = posting.create("ManualJournals", List.of(item), List.of(adjustment),
                record.idempotencyKey(), this::firstPostings);
        WriteResult result = outcome(record.idempotencyKey(), answered.get(0));
        return result.outcome() == WriteResult.Outcome.REJECTED ? result
                : WriteResult.written(record.idempotencyKey(), firstId);
    }

    private static WriteResult outcome(String key, JsonNode item) {
        String errors = XeroPosting.errors(item);
        if (!errors.isEmpty()) {
            return WriteResult.rejected(key, "Xero refused the journal: " + errors);
        }
        return WriteResult.written(key, item.path("ManualJournalID").asText());
    }

    /** Every posted journal whose number belongs to one of {@code numbers}, by that number. */
    private Map<String, List<JsonNode>> postings(List<String> numbers) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (int from = 0; from < numbers.size(); from += 20) {
            List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + 20));
            String where = String.join(" OR ", chunk.stream().map(n -> "Narration.StartsWith(\"" + n + "\")").toList());
            for (int page = 1; ; page++) {
                JsonNode body = api.get("ManualJournals", Map.of("where", where, "page", Integer.toString(page)));
                for (JsonNode journal : body.path("ManualJournals")) {
                    if (!"POSTED".equals(journal.path("Status").asText("POSTED"))) {
                        continue;
                    }
                    String found = numberOf(journal.path("Narration").asText());
                    for (String number : chunk) {
                        if (DocumentNumbers.belongsTo(found, number)) {
                            out.computeIfAbsent(number, k -> new ArrayList<>()).add(journal);
                        }
                    }
                }
                if (page >= body.path("pagination").path("pageCount").asInt(1)) {
                    break;
                }
            }
        }
        out.values().forEach(list -> list.sort(Comparator.comparing(j -> numberOf(j.path("Narration").asText()).length())));
        return out;
    }

    /** The first postings of these numbers (what a write whose outcome is unknown looks for). */
    private Map<String, JsonNode> firstPostings(List<String> numbers) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        postings(numbers.stream().map(n -> n.contains("-A") ? n.substring(0, n.indexOf("-A")) : n).distinct().toList())
                .values().forEach(list -> list.forEach(j -> {
                    String number = numberOf(j.path("Narration").asText());
                    if (numbers.contains(number)) {
                        out.put(number, j);
                    }
                }));
        return out;
    }

    private static Optional<JsonNode> first(List<JsonNode> journals, String number) {
        return journals.stream().filter(j -> number.equals(numberOf(j.path("Narration").asText()))).findFirst();
    }

    private JournalDocument document(JsonNode journal) {
        Map<List<String>, BigDecimal> nets = new LinkedHashMap<>();
        for (JsonNode line : journal.path("JournalLines")) {
            nets.merge(List.of(line.path("AccountCode").asText(), line.path("Description").asText("")),
                    line.path("LineAmount").decimalValue(), BigDecimal::add);
        }
        return JournalDocument.fromNets(XeroApi.date(journal.path("Date").asText()), base, "", "", nets);
    }

    private ObjectNode journal(String id, String narration, LocalDate date, Map<List<String>, BigDecimal> nets) {
        ObjectNode journal = XeroApi.JSON.createObjectNode();
        if (id != null) {
            journal.put("ManualJournalID", id);
        }
        journal.put("Narration", narration);
        journal.put("Date", date.toString());
        journal.put("Status", "POSTED");
        journal.put("LineAmountTypes", "NoTax");
        ArrayNode lines = journal.putArray("JournalLines");
        int digits = Math.max(base.getDefaultFractionDigits(), 0);
        nets.forEach((key, net) -> {
            if (net.signum() != 0) {
                ObjectNode line = lines.addObject();
                line.put("LineAmount", net.setScale(digits));
                line.put("AccountCode", key.get(0));
                line.put("Description", key.get(1));
            }
        });
        return journal;
    }

    /** {@code <number> <memo>}: the number first, so that {@code Narration.StartsWith} finds it. */
    static String narration(String number, String memo) {
        return memo == null || memo.isEmpty() ? number : number + " " + memo;
    }

    static String numberOf(String narration) {
        int space = narration.indexOf(' ');
        return space < 0 ? narration : narration.substring(0, space);
    }

    private static String memo(String narration, String number) {
        return narration.length() > number.length() ? narration.substring(number.length()).trim() : "";
    }
}
