package io.tillbridge.connector.quickbooks;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts {@code journal_entries} records as QuickBooks {@code JournalEntry} documents (Debit and
 * Credit lines of {@code JournalEntryLineDetail} with the account's id in {@code AccountRef}).
 *
 * <p>A record's first posting is numbered {@link DocumentNumbers#of} its idempotency key. When a
 * record comes again (its {@code targetRef} set, or a repeat of a batch) the postings of that
 * number are read ({@code DocNumber LIKE '<number>%'}, the first posting and its adjustments
 * {@code <number>-A1}, {@code -A2}, ...):
 * <ul>
 *   <li>they sum to the wanted journal: UNCHANGED, with the first posting's id;</li>
 *   <li>with {@link Corrections#ADJUSTING_ENTRY} the difference ({@link Adjustments#difference}) is
 *       posted as the next adjustment, whose {@code PrivateNote} names the first posting and its
 *       date; the result keeps the first posting's id, so the chain stays linked;</li>
 *   <li>with {@link Corrections#EDIT} the first posting is replaced (a full update with its current
 *       {@code SyncToken}, read again once when QuickBooks answers 5010 Stale Object).</li>
 * </ul>
 */
final class JournalPostings {

    static final String ENTITY = "JournalEntry";

    private final QuickBooksApi api;
    private final DocumentWrites writes;
    private final QuickBooksConfig config;
    private final Clock clock;

    JournalPostings(QuickBooksApi api, DocumentWrites writes, QuickBooksConfig config, Clock clock) {
        this.api = api;
        this.writes = writes;
        this.config = config;
        this.clock = clock;
    }

    WriteResult write(WriteRecord record) {
        String key = record.idempotencyKey();
        JournalDocument wanted;
        try {
            wanted = JournalDocument.of(record.data());
        } catch (InvalidDocumentException e) {
            return WriteResult.rejected(key, e.getMessage());
        }
        String number = DocumentNumbers.of(key);
        try {
            List<JsonNode> postings = postings(number);
            if (postings.isEmpty()) {
                JsonNode created = writes.create(ENTITY, body(wanted, number, wanted.memo()),
                        DocumentNumbers.writeKey(key, ""), number);
                return WriteResult.written(key, created.path("Id").asText());
            }
            JsonNode first = postings.get(0);
            String firstId = first.path("Id").asText();
            if (config.corrections() == Corrections.EDIT) {
                return edit(key, wanted, number, first, postings);
            }
            LocalDate date = config.adjustmentDate() == QuickBooksConfig.AdjustmentDate.ORIGINAL ? wanted.date()
                    : LocalDate.now(clock);
            String memo = "Adjusts journal " + number + " of " + first.path("TxnDate").asText() + " (QuickBooks id "
                    + firstId + ")";
            List<JournalDocument> posted = new ArrayList<>();
            for (JsonNode p : postings) {
                posted.add(document(p));
            }
            Optional<JournalDocument> difference = Adjustments.difference(wanted, posted, date, memo);
            if (difference.isEmpty()) {
                return WriteResult.unchanged(key, firstId);
            }
            String adjustment = DocumentNumbers.adjustment(number, postings.size());
            JournalDocument adjust = difference.get();
            writes.create(ENTITY, body(adjust, adjustment, memo),
                    DocumentNumbers.writeKey(key, adjustment + adjust.nets()), adjustment);
            return WriteResult.written(key, firstId);
        } catch (QuickBooksApi.Refused refused) {
            return WriteResult.rejected(key, "QuickBooks refused the journal (fault " + refused.code() + "): " + refused.getMessage());
        } catch (InvalidDocumentException e) {
            return WriteResult.rejected(key, e.getMessage());
        }
    }

    private WriteResult edit(String key, JournalDocument wanted, String number, JsonNode first, List<JsonNode> postings) {
        String id = first.path("Id").asText();
        List<JournalDocument> posted = new ArrayList<>();
        for (JsonNode p : postings) {
            posted.add(document(p));
        }
        if (Adjustments.difference(wanted, posted, wanted.date(), "").isEmpty()) {
            return WriteResult.unchanged(key, id);
        }
        ObjectNode body = body(wanted, number, wanted.memo());
        body.put("Id", id);
        body.put("SyncToken", first.path("SyncToken").asText());
        String requestId = DocumentNumbers.writeKey(key, "edit" + wanted.nets());
        try {
            writes.update(ENTITY, body, requestId);
        } catch (QuickBooksApi.Refused refused) {
            if (!"5010".equals(refused.code())) {
                throw refused;
            }
            // Someone changed it meanwhile: read the current version once and replace that.
            body.put("SyncToken", api.read(ENTITY, id).path("SyncToken").asText());
            writes.update(ENTITY, body, DocumentNumbers.writeKey(key, "edit2" + wanted.nets()));
        }
        return WriteResult.written(key, id);
    }

    /** For shadow mode: per idempotency key, the posted journal (first posting plus adjustments) in record form. */
    Map<String, Map<String, Object>> current(List<WriteRecord> records) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (WriteRecord record : records) {
            List<JsonNode> postings = postings(DocumentNumbers.of(record.idempotencyKey()));
            if (postings.isEmpty()) {
                continue;
            }
            List<JournalDocument> posted = new ArrayList<>();
            for (JsonNode p : postings) {
                posted.add(document(p));
            }
            JournalDocument first = posted.get(0);
            try {
                out.put(record.idempotencyKey(), JournalDocument.fromNets(first.date(), first.currency(),
                        first.locationId(), first.memo(), Adjustments.sum(posted)).toData());
            } catch (InvalidDocumentException e) {
                // Everything posted nets to zero: the record is as good as absent.
            }
        }
        return out;
    }

    /** The first posting and its adjustments, in that order. */
    private List<JsonNode> postings(String number) {
        List<JsonNode> found = new ArrayList<>(api.byDocNumberPrefix(ENTITY, number, config.pageSize()));
        found.removeIf(p -> !DocumentNumbers.belongsTo(p.path("DocNumber").asText(), number));
        found.sort(Comparator.comparingInt(p -> {
            String doc = p.path("DocNumber").asText();
            return doc.equals(number) ? 0 : Integer.parseInt(doc.substring(number.length() + 2));
        }));
        return found;
    }

    static ObjectNode body(JournalDocument journal, String number, String memo) {
        ObjectNode body = QuickBooksApi.JSON.createObjectNode();
        body.put("DocNumber", number);
        body.put("TxnDate", journal.date().toString());
        if (!memo.isEmpty()) {
            body.put("PrivateNote", memo.length() > 4000 ? memo.substring(0, 4000) : memo);
        }
        body.putObject("CurrencyRef").put("value", journal.currency().getCurrencyCode());
        ArrayNode lines = body.putArray("Line");
        for (JournalDocument.Line line : journal.lines()) {
            ObjectNode l = lines.addObject();
            if (!line.description().isEmpty()) {
                l.put("Description", line.description());
            }
            l.put("Amount", line.amount());
            l.put("DetailType", "JournalEntryLineDetail");
            ObjectNode detail = l.putObject("JournalEntryLineDetail");
            detail.put("PostingType", line.isDebit() ? "Debit" : "Credit");
            detail.putObject("AccountRef").put("value", line.account());
        }
        return body;
    }

    /** A posted JournalEntry read back into the shape it was posted from. */
    static JournalDocument document(JsonNode entry) {
        Currency currency = Currency.getInstance(entry.path("CurrencyRef").path("value").asText("USD"));
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        Map<List<String>, BigDecimal> nets = new LinkedHashMap<>();
        for (JsonNode line : entry.path("Line")) {
            JsonNode detail = line.path("JournalEntryLineDetail");
            if (!"JournalEntryLineDetail".equals(line.path("DetailType").asText())) {
                continue;
            }
            BigDecimal amount = line.path("Amount").decimalValue().setScale(digits);
            BigDecimal net = "Credit".equals(detail.path("PostingType").asText()) ? amount.negate() : amount;
            nets.merge(List.of(detail.path("AccountRef").path("value").asText(), line.path("Description").asText("")),
                    net, BigDecimal::add);
        }
        return JournalDocument.fromNets(LocalDate.parse(entry.path("TxnDate").asText()), currency, "",
                entry.path("PrivateNote").asText(""), nets);
    }
}
