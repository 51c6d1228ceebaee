package io.tillbridge.connector.quickbooks.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * Creates and updates the documents the sandbox takes ({@code JournalEntry}, {@code SalesReceipt},
 * {@code RefundReceipt}) with the checks QuickBooks makes before it saves one: required fields
 * (2020), references to accounts, items, customers and tax codes the company has (2500, the line
 * named in the detail), journals whose debits equal their credits and sales lines whose amount is
 * unit price times quantity (6000), {@code DocNumber} at most 21 characters (6000), and on update
 * the current {@code SyncToken} (5010). An update without {@code "sparse": true} replaces the
 * document, one with it changes only the fields it sends ([2nd] source, vendor-apis.md).
 */
final class Transactions {

    static final int DOC_NUMBER_MAX = 21;

    private final Company company;

    Transactions(Company company) {
        this.company = company;
    }

    /** Creates ({@code Id} absent) or updates the document; answers it as stored. */
    ObjectNode save(String entity, JsonNode body, Instant now) {
        if (!(body instanceof ObjectNode request)) {
            throw QuickBooksFault.validation("2010", "Request has invalid or unsupported property",
                    "the body must be a JSON object", "");
        }
        if (request.hasNonNull("Id")) {
            String id = request.path("Id").asText();
            ObjectNode current = company.get(entity, id);
            if (current == null) {
                throw QuickBooksFault.notFound(entity, id);
            }
            if (!request.hasNonNull("SyncToken")) {
                throw QuickBooksFault.required("SyncToken", "an update names the version it changes");
            }
            if (!request.path("SyncToken").asText().equals(current.path("SyncToken").asText())) {
                throw QuickBooksFault.stale(entity, id);
            }
            ObjectNode next = request.path("sparse").asBoolean(false) ? current.deepCopy() : QuickBooksJson.object();
            Iterator<Map.Entry<String, JsonNode>> fields = request.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                next.set(f.getKey(), f.getValue().deepCopy());
            }
            check(entity, next, now);
            return company.replace(entity, current, next, now);
        }
        ObjectNode next = request.deepCopy();
        check(entity, next, now);
        return company.add(entity, next, now);
    }

    private void check(String entity, ObjectNode doc, Instant now) {
        for (String system : new String[] {"domain", "sparse", "MetaData", "TotalAmt", "HomeTotalAmt"}) {
            doc.remove(system);
        }
        String docNumber = doc.path("DocNumber").asText("");
        if (docNumber.length() > DOC_NUMBER_MAX) {
            throw QuickBooksFault.business("DocNumber \"" + docNumber + "\" is longer than " + DOC_NUMBER_MAX
                    + " characters");
        }
        if (doc.path("PrivateNote").asText("").length() > 4000) {
            throw QuickBooksFault.business("PrivateNote is longer than 4000 characters");
        }
        String date = doc.path("TxnDate").asText("");
        if (date.isEmpty()) {
            doc.put("TxnDate", LocalDate.ofInstant(now, ZoneOffset.UTC).toString());
        } else {
            try {
                LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw QuickBooksFault.validation("2010", "Request has invalid or unsupported property",
                        "Property Name:TxnDate specified is unsupported or invalid: " + clip(date), "TxnDate");
            }
        }
        if (!doc.path("CurrencyRef").hasNonNull("value")) {
            doc.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
        } else if (!doc.path("CurrencyRef").path("value").asText().equals("USD")) {
            throw QuickBooksFault.business("The company's home currency is USD and multicurrency is off; "
                    + doc.path("CurrencyRef").path("value").asText() + " cannot be used");
        }
        JsonNode lines = doc.path("Line");
        if (!lines.isArray() || lines.isEmpty()) {
            throw QuickBooksFault.required("Line", "a transaction needs at least one line");
        }
        if (lines.size() > 1000) {
            throw QuickBooksFault.business("a transaction has at most 1000 lines");
        }
        if (entity.equals("JournalEntry")) {
            journal((ArrayNode) lines);
        } else {
            sale(entity, doc, (ArrayNode) lines);
        }
    }

    private void journal(ArrayNode lines) {
        BigDecimal debits = BigDecimal.ZERO.setScale(2);
        BigDecimal credits = BigDecimal.ZERO.setScale(2);
        int n = 0;
        for (JsonNode line : lines) {
            n++;
            if (!"JournalEntryLineDetail".equals(line.path("DetailType").asText())) {
                throw QuickBooksFault.required("DetailType", "Line " + n + " needs DetailType JournalEntryLineDetail");
            }
            BigDecimal amount = QuickBooksJson.money(line.path("Amount"), "Line " + n + " Amount");
            if (amount == null) {
                throw QuickBooksFault.required("Amount", "Line " + n);
            }
            if (amount.signum() < 0) {
                throw QuickBooksFault.business("Line " + n + ": a journal line amount is not negative");
            }
            JsonNode detail = line.path("JournalEntryLineDetail");
            String posting = detail.path("PostingType").asText("");
            if (!posting.equals("Debit") && !posting.equals("Credit")) {
                throw QuickBooksFault.required("PostingType", "Line " + n + " needs Debit or Credit");
            }
            reference(detail.path("AccountRef"), "Account", "AccountRef", n);
            if (posting.equals("Debit")) {
                debits = debits.add(amount);
            } else {
                credits = credits.add(amount);
            }
            ((ObjectNode) line).put("Amount", amount);
            if (!line.hasNonNull("Id")) {
                ((ObjectNode) line).put("Id", Integer.toString(n - 1));
            }
        }
        if (debits.compareTo(credits) != 0) {
            throw QuickBooksFault.business("Transaction is not balanced: debits " + debits.toPlainString()
                    + " and credits " + credits.toPlainString() + " differ by " + debits.subtract(credits).toPlainString());
        }
    }

    private void sale(String entity, ObjectNode doc, ArrayNode lines) {
        if (doc.path("CustomerRef").hasNonNull("value")) {
            reference(doc.path("CustomerRef"), "Customer", "CustomerRef", 0);
        }
        if (doc.has("DepositToAccountRef")) {
            reference(doc.path("DepositToAccountRef"), "Account", "DepositToAccountRef", 0);
        } else if (entity.equals("RefundReceipt")) {
            throw QuickBooksFault.required("DepositToAccountRef", "a refund names the account it is paid from");
        }
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        int n = 0;
        for (JsonNode line : lines) {
            n++;
            String type = line.path("DetailType").asText("");
            BigDecimal amount = QuickBooksJson.money(line.path("Amount"), "Line " + n + " Amount");
            if (type.equals("SubTotalLineDetail")) {
                continue;
            }
            if (!type.equals("SalesItemLineDetail")) {
                throw QuickBooksFault.required("DetailType", "Line " + n + " needs DetailType SalesItemLineDetail");
            }
            if (amount == null) {
                throw QuickBooksFault.required("Amount", "Line " + n);
            }
            JsonNode detail = line.path("SalesItemLineDetail");
            reference(detail.path("ItemRef"), "Item", "ItemRef", n);
            if (detail.has("ItemAccountRef")) {
                reference(detail.path("ItemAccountRef"), "Account", "ItemAccountRef", n);
            }
            if (detail.has("TaxCodeRef")) {
                reference(detail.path("TaxCodeRef"), "TaxCode", "TaxCodeRef", n);
            }
            BigDecimal qty = detail.has("Qty") ? detail.path("Qty").decimalValue() : null;
            BigDecimal price = QuickBooksJson.money(detail.path("UnitPrice"), "Line " + n + " UnitPrice");
            if (qty != null && price != null && qty.multiply(price).setScale(2, java.math.RoundingMode.HALF_UP)
                    .compareTo(amount) != 0) {
                throw QuickBooksFault.business("Line " + n + ": Amount " + amount.toPlainString()
                        + " is not equal to UnitPrice * Qty (" + price.toPlainString() + " * " + qty.toPlainString() + ")");
            }
            ((ObjectNode) line).put("Amount", amount);
            if (!line.hasNonNull("Id")) {
                ((ObjectNode) line).put("Id", Integer.toString(n));
            }
            total = total.add(amount);
        }
        BigDecimal tax = QuickBooksJson.money(doc.path("TxnTaxDetail").path("TotalTax"), "TxnTaxDetail.TotalTax");
        if (tax != null) {
            if (doc.path("TxnTaxDetail").has("TxnTaxCodeRef")) {
                reference(doc.path("TxnTaxDetail").path("TxnTaxCodeRef"), "TaxCode", "TxnTaxCodeRef", 0);
            }
            ((ObjectNode) doc.path("TxnTaxDetail")).put("TotalTax", tax);
            total = total.add(tax);
        }
        doc.put("TotalAmt", total);
    }

    private void reference(JsonNode ref, String entity, String element, int line) {
        String where = line > 0 ? "Line " + line + " " : "";
        String id = ref.path("value").asText("");
        if (id.isEmpty()) {
            throw QuickBooksFault.required(element, where.trim());
        }
        ObjectNode found = company.get(entity, id);
        if (found == null || !found.path("Active").asBoolean(true)) {
            throw QuickBooksFault.invalidReference(element, where + entity + "s element id " + clip(id) + " not found");
        }
    }

    private static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
