package io.tillbridge.connector.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.accounting.AccountingObjects;
import io.tillbridge.connector.accounting.AccountingObjects.Corrections;
import io.tillbridge.connector.accounting.DocumentNumbers;
import io.tillbridge.connector.accounting.InvalidDocumentException;
import io.tillbridge.connector.accounting.SalesDocument;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Posts {@code sales_receipts} as QuickBooks {@code SalesReceipt} and {@code credit_notes} as
 * {@code RefundReceipt}: a POS refund pays money back at the till at once, which is what a refund
 * receipt records (money out of the deposit account); a {@code CreditMemo} would leave a credit on
 * the customer's account to apply to a later invoice, which a walk-in refund never is.
 *
 * <p>Each line is a {@code SalesItemLineDetail} with the record's item ({@code ItemRef}, which
 * QuickBooks requires), quantity 1 at the line's tax-exclusive amount, its tax code and its income
 * account ({@code ItemAccountRef}, UNVERIFIED as an input field); the lines' tax goes to
 * {@code TxnTaxDetail.TotalTax}. A document that comes again is compared with the posted one
 * (numbered {@link DocumentNumbers#of} the key): equal, UNCHANGED; different, with
 * {@link Corrections#EDIT} the posted document is replaced (current {@code SyncToken}, read again
 * once on 5010); with {@link Corrections#ADJUSTING_ENTRY} it is refused with a reason, since a
 * receipt has no adjusting entry of its own: the merchant posts the difference as a journal or
 * chooses edits.
 */
final class SalesPostings {

    private final QuickBooksApi api;
    private final DocumentWrites writes;
    private final QuickBooksConfig config;
    private final String entity;

    SalesPostings(QuickBooksApi api, DocumentWrites writes, QuickBooksConfig config, String object) {
        this.api = api;
        this.writes = writes;
        this.config = config;
        this.entity = AccountingObjects.CREDIT_NOTES.equals(object) ? "RefundReceipt" : "SalesReceipt";
    }

    WriteResult write(WriteRecord record) {
        String key = record.idempotencyKey();
        SalesDocument wanted;
        try {
            wanted = SalesDocument.of(record.data());
            for (int i = 0; i < wanted.lines().size(); i++) {
                if (wanted.lines().get(i).item().isEmpty()) {
                    throw new InvalidDocumentException("line " + (i + 1) + ": 'item' is missing (QuickBooks needs an"
                            + " item on every sales line)");
                }
            }
        } catch (InvalidDocumentException e) {
            return WriteResult.rejected(key, e.getMessage());
        }
        String number = DocumentNumbers.of(key);
        ObjectNode body = body(wanted, number);
        try {
            List<JsonNode> posted = api.byDocNumber(entity, number, config.pageSize());
            if (posted.isEmpty()) {
                JsonNode created = writes.create(entity, body, DocumentNumbers.writeKey(key, ""), number);
                return WriteResult.written(key, created.path("Id").asText());
            }
            JsonNode current = posted.get(0);
            String id = current.path("Id").asText();
            if (signature(current).equals(signature(body))) {
                return WriteResult.unchanged(key, id);
            }
            if (config.corrections() != Corrections.EDIT) {
                return WriteResult.rejected(key, "the " + entity + " " + number + " (QuickBooks id " + id + ") was posted"
                        + " with other lines or amounts; a receipt is corrected only by editing it (corrections=EDIT)"
                        + " or by a journal of the difference");
            }
            body.put("Id", id);
            body.put("SyncToken", current.path("SyncToken").asText());
            try {
                writes.update(entity, body, DocumentNumbers.writeKey(key, "edit" + signature(body)));
            } catch (QuickBooksApi.Refused refused) {
                if (!"5010".equals(refused.code())) {
                    throw refused;
                }
                body.put("SyncToken", api.read(entity, id).path("SyncToken").asText());
                writes.update(entity, body, DocumentNumbers.writeKey(key, "edit2" + signature(body)));
            }
            return WriteResult.written(key, id);
        } catch (QuickBooksApi.Refused refused) {
            return WriteResult.rejected(key, "QuickBooks refused the " + entity + " (fault " + refused.code() + "): " + refused.getMessage());
        }
    }

    private static ObjectNode body(SalesDocument doc, String number) {
        ObjectNode body = QuickBooksApi.JSON.createObjectNode();
        body.put("DocNumber", number);
        body.put("TxnDate", doc.date().toString());
        if (!doc.memo().isEmpty()) {
            body.put("PrivateNote", doc.memo());
        }
        body.putObject("CurrencyRef").put("value", doc.currency().getCurrencyCode());
        if (!doc.customer().isEmpty()) {
            body.putObject("CustomerRef").put("value", doc.customer());
        }
        body.putObject("DepositToAccountRef").put("value", doc.depositAccount());
        ArrayNode lines = body.putArray("Line");
        BigDecimal tax = BigDecimal.ZERO;
        for (SalesDocument.Line line : doc.lines()) {
            ObjectNode l = lines.addObject();
            if (!line.description().isEmpty()) {
                l.put("Description", line.description());
            }
            l.put("Amount", line.amount());
            l.put("DetailType", "SalesItemLineDetail");
            ObjectNode detail = l.putObject("SalesItemLineDetail");
            detail.putObject("ItemRef").put("value", line.item());
            detail.put("Qty", BigDecimal.ONE);
            detail.put("UnitPrice", line.amount());
            if (!line.taxCode().isEmpty()) {
                detail.putObject("TaxCodeRef").put("value", line.taxCode());
            }
            detail.putObject("ItemAccountRef").put("value", line.account());
            tax = tax.add(line.tax());
        }
        if (tax.signum() != 0) {
            body.putObject("TxnTaxDetail").put("TotalTax", tax);
        }
        return body;
    }

    /** What makes two receipts the same: date, customer, deposit account, tax, and each line's item, amount and tax code. */
    private static String signature(JsonNode doc) {
        List<String> parts = new ArrayList<>();
        parts.add(doc.path("TxnDate").asText());
        parts.add(doc.path("CustomerRef").path("value").asText(""));
        parts.add(doc.path("DepositToAccountRef").path("value").asText(""));
        parts.add(amount(doc.path("TxnTaxDetail").path("TotalTax")));
        for (JsonNode line : doc.path("Line")) {
            if (!"SalesItemLineDetail".equals(line.path("DetailType").asText())) {
                continue;
            }
            JsonNode d = line.path("SalesItemLineDetail");
            parts.add(d.path("ItemRef").path("value").asText() + "|" + amount(line.path("Amount")) + "|"
                    + d.path("TaxCodeRef").path("value").asText(""));
        }
        return String.join(";", parts);
    }

    private static String amount(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "0" : value.decimalValue().stripTrailingZeros().toPlainString();
    }
}
