package io.tillbridge.connector.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.accounting.DocumentNumbers;
import io.tillbridge.connector.accounting.InvalidDocumentException;
import io.tillbridge.connector.accounting.SalesDocument;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sales as invoices paid at once, refunds as credit notes refunded at once: an {@code ACCREC}
 * invoice (or {@code ACCRECCREDIT} credit note), {@code AUTHORISED}, numbered with the document
 * number, then a payment of its total to (or, for a refund, from) the deposit account
 * (developer.xero.com "Invoices", "Credit Notes", "Payments"; Xero has no sales receipt). Line
 * amounts are tax-exclusive, with the POS's tax amount per line. A document found posted but unpaid
 * (the payment of an earlier attempt failed) is paid; one found paid with the same total is
 * unchanged; a posted sale with another total is refused, because Xero does not change a paid
 * invoice (a refund is its own credit note).
 */
final class XeroSales {

    /** The contact of a sale without a customer: Xero requires one on every invoice. */
    static final String WALK_IN = "Walk-in customer";

    private final XeroApi api;
    private final XeroPosting posting;
    private final Currency base;
    private final boolean credit;
    private final String resource;
    private final String idField;
    private final String numberField;
    private final String dueField;

    XeroSales(XeroApi api, XeroConfig config, Currency base, boolean credit) {
        this.api = api;
        this.posting = new XeroPosting(api, config.maxRetries());
        this.base = base;
        this.credit = credit;
        this.resource = credit ? "CreditNotes" : "Invoices";
        this.idField = credit ? "CreditNoteID" : "InvoiceID";
        this.numberField = credit ? "CreditNoteNumber" : "InvoiceNumber";
        this.dueField = credit ? "RemainingCredit" : "AmountDue";
    }

    List<WriteResult> write(List<WriteRecord> batch) {
        WriteResult[] results = new WriteResult[batch.size()];
        Map<Integer, SalesDocument> docs = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                SalesDocument doc = SalesDocument.of(batch.get(i).data());
                if (!doc.currency().equals(base)) {
                    throw new InvalidDocumentException("the organisation's currency is " + base.getCurrencyCode()
                            + "; other currencies must be enabled in Xero first (" + doc.currency().getCurrencyCode() + ")");
                }
                docs.put(i, doc);
            } catch (InvalidDocumentException e) {
                results[i] = WriteResult.rejected(batch.get(i).idempotencyKey(), e.getMessage());
            }
        }
        Map<Integer, String> numbers = new LinkedHashMap<>();
        docs.keySet().forEach(i -> numbers.put(i, DocumentNumbers.of(batch.get(i).idempotencyKey())));
        Map<String, JsonNode> found = find(List.copyOf(numbers.values()));
        List<Integer> create = new ArrayList<>();
        Map<Integer, JsonNode> toPay = new LinkedHashMap<>();
        for (Map.Entry<Integer, SalesDocument> e : docs.entrySet()) {
            int i = e.getKey();
            String key = batch.get(i).idempotencyKey();
            JsonNode doc = found.get(numbers.get(i));
            if (doc == null) {
                create.add(i);
            } else if (doc.path("Total").decimalValue().compareTo(e.getValue().total()) != 0) {
                results[i] = WriteResult.rejected(key, numbers.get(i) + " is posted with the total "
                        + doc.path("Total").decimalValue().toPlainString() + ", not " + e.getValue().total().toPlainString()
                        + "; Xero does not change a paid " + (credit ? "credit note" : "invoice")
                        + ": post the difference as its own document");
            } else if (doc.path(dueField).decimalValue().signum() > 0) {
                toPay.put(i, doc);
            } else {
                results[i] = WriteResult.unchanged(key, doc.path(idField).asText());
            }
        }
        if (!create.isEmpty()) {
            List<ObjectNode> items = new ArrayList<>();
            List<String> createNumbers = new ArrayList<>();
            for (int i : create) {
                createNumbers.add(numbers.get(i));
                items.add(document(numbers.get(i), docs.get(i)));
            }
            List<JsonNode> answered = posting.create(resource, items, createNumbers,
                    batch.get(create.get(0)).idempotencyKey(), this::find);
            for (int j = 0; j < create.size(); j++) {
                int i = create.get(j);
                String errors = XeroPosting.errors(answered.get(j));
                if (!errors.isEmpty()) {
                    results[i] = WriteResult.rejected(batch.get(i).idempotencyKey(), "Xero refused the "
                            + (credit ? "credit note" : "invoice") + ": " + errors);
                } else if (answered.get(j).path(dueField).decimalValue().signum() > 0) {
                    toPay.put(i, answered.get(j));
                } else {
                    results[i] = WriteResult.written(batch.get(i).idempotencyKey(), answered.get(j).path(idField).asText());
                }
            }
        }
        if (!toPay.isEmpty()) {
            pay(batch, docs, numbers, toPay, results);
        }
        return List.of(results);
    }

    private void pay(List<WriteRecord> batch, Map<Integer, SalesDocument> docs, Map<Integer, String> numbers,
            Map<Integer, JsonNode> toPay, WriteResult[] results) {
        List<Integer> order = List.copyOf(toPay.keySet());
        List<ObjectNode> payments = new ArrayList<>();
        List<String> payNumbers = new ArrayList<>();
        for (int i : order) {
            JsonNode doc = toPay.get(i);
            ObjectNode payment = XeroApi.JSON.createObjectNode();
            payment.putObject(credit ? "CreditNote" : "Invoice").put(idField, doc.path(idField).asText());
            payment.putObject("Account").put("Code", docs.get(i).depositAccount());
            payment.put("Date", docs.get(i).date().toString());
            payment.put("Amount", doc.path(dueField).decimalValue());
            payment.put("Reference", numbers.get(i));
            payments.add(payment);
            payNumbers.add(numbers.get(i));
        }
        List<JsonNode> answered = posting.create("Payments", payments, payNumbers,
                batch.get(order.get(0)).idempotencyKey(), this::paid);
        for (int j = 0; j < order.size(); j++) {
            int i = order.get(j);
            String key = batch.get(i).idempotencyKey();
            String id = toPay.get(i).path(idField).asText();
            String errors = XeroPosting.errors(answered.get(j));
            results[i] = errors.isEmpty() ? WriteResult.written(key, id) : WriteResult.rejected(key, numbers.get(i)
                    + " is posted but Xero refused its " + (credit ? "refund" : "payment") + " to account "
                    + docs.get(i).depositAccount() + ": " + errors + " (the next write pays it)");
        }
    }

    /** The documents of these numbers that Xero holds. */
    private Map<String, JsonNode> find(List<String> numbers) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (int from = 0; from < numbers.size(); from += 20) {
            List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + 20));
            Map<String, String> query = credit
                    ? Map.of("where", String.join(" OR ", chunk.stream().map(n -> numberField + "==\"" + n + "\"").toList()))
                    : Map.of("InvoiceNumbers", String.join(",", chunk));
            for (JsonNode doc : api.get(resource, query).path(resource)) {
                String status = doc.path("Status").asText();
                if (!"VOIDED".equals(status) && !"DELETED".equals(status)) {
                    out.put(doc.path(numberField).asText(), doc);
                }
            }
        }
        return out;
    }

    /** The paid documents of these numbers, standing for their payments (looked up after an unknown outcome). */
    private Map<String, JsonNode> paid(List<String> numbers) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        find(numbers).forEach((number, doc) -> {
            if (doc.path(dueField).decimalValue().signum() == 0) {
                out.put(number, doc);
            }
        });
        return out;
    }

    private ObjectNode document(String number, SalesDocument doc) {
        ObjectNode out = XeroApi.JSON.createObjectNode();
        out.put("Type", credit ? "ACCRECCREDIT" : "ACCREC");
        out.putObject("Contact").put("Name", doc.customer().isEmpty() ? WALK_IN : doc.customer());
        out.put("Date", doc.date().toString());
        out.put("DueDate", doc.date().toString());
        out.put(numberField, number);
        out.put("Reference", doc.memo().length() > 255 ? doc.memo().substring(0, 255) : doc.memo());
        out.put("CurrencyCode", doc.currency().getCurrencyCode());
        out.put("Status", "AUTHORISED");
        out.put("LineAmountTypes", "Exclusive");
        ArrayNode lines = out.putArray("LineItems");
        for (SalesDocument.Line line : doc.lines()) {
            ObjectNode item = lines.addObject();
            item.put("Description", line.description().isEmpty() ? line.account() : line.description());
            item.put("Quantity", BigDecimal.ONE);
            item.put("UnitAmount", line.amount());
            item.put("AccountCode", line.account());
            if (!line.item().isEmpty()) {
                item.put("ItemCode", line.item());
            }
            item.put("TaxType", line.taxCode().isEmpty() ? "NONE" : line.taxCode());
            item.put("TaxAmount", line.tax());
        }
        return out;
    }
}
