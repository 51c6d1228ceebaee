package io.tillbridge.connector.xero.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * One Xero organisation: a UK retailer's chart of accounts, VAT rates, items and contacts, and the
 * manual journals, invoices, credit notes and payments posted to it. Every method is called while
 * the sandbox holds the ledger's lock. Objects are kept in the JSON shapes Xero answers. It is a
 * little over 500 lines because each document kind's validation sits beside the data it checks (the
 * seed lives in {@link XeroSeed}); splitting per document kind would share every map among them.
 */
final class XeroLedger {

    /** Xero's default and largest page sizes (Accounting API, "Paging": 100 by default, at most 1000). */
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;


    private final Clock clock;
    private final Random random;
    private final ObjectNode organisation = XeroJson.object();
    private final Map<String, ObjectNode> accounts = new LinkedHashMap<>();
    private final Map<String, ObjectNode> taxRates = new LinkedHashMap<>();
    private final List<ObjectNode> items = new ArrayList<>();
    private final List<ObjectNode> contacts = new ArrayList<>();
    private final Map<String, ObjectNode> journals = new LinkedHashMap<>();
    private final Map<String, ObjectNode> invoices = new LinkedHashMap<>();
    private final Map<String, ObjectNode> creditNotes = new LinkedHashMap<>();
    private final List<ObjectNode> payments = new ArrayList<>();

    private final String baseCurrency;

    XeroLedger(XeroSandboxOptions options) {
        this.baseCurrency = options.baseCurrency();
        this.clock = options.clock();
        this.random = new Random(options.seed());
        organisation.put("OrganisationID", uuid());
        organisation.put("Name", "Harbour Street Provisions");
        organisation.put("LegalName", "Harbour Street Provisions Ltd");
        organisation.put("PaysTax", true);
        organisation.put("Version", "UK");
        organisation.put("OrganisationType", "COMPANY");
        organisation.put("BaseCurrency", options.baseCurrency());
        organisation.put("CountryCode", "USD".equals(options.baseCurrency()) ? "US" : "GB");
        organisation.put("IsDemoCompany", false);
        organisation.put("OrganisationStatus", "ACTIVE");
        organisation.put("FinancialYearEndDay", 31);
        organisation.put("FinancialYearEndMonth", 3);
        organisation.put("SalesTaxBasis", "ACCRUALS");
        organisation.put("SalesTaxPeriod", "QUARTERLY1");
        organisation.put("Timezone", "GMTSTANDARDTIME");
        organisation.put("ShortCode", "!HSP01");
        organisation.put("CreatedDateUTC", XeroJson.msDate(now().minus(Duration.ofDays(900))));
        XeroSeed seed = new XeroSeed(random, now(), baseCurrency);
        taxRates.putAll(seed.taxRates());
        accounts.putAll(seed.accounts());
        items.addAll(seed.items(options.items()));
        contacts.addAll(seed.contacts(options.contacts(), 0));
    }

    // --- reads ---------------------------------------------------------------------------------

    ObjectNode organisation() {
        return organisation.deepCopy();
    }

    List<ObjectNode> accounts() {
        return copies(accounts.values());
    }

    List<ObjectNode> taxRates() {
        return copies(taxRates.values());
    }

    List<ObjectNode> items() {
        return copies(items);
    }

    List<ObjectNode> contacts(Instant modifiedSince) {
        return copies(contacts.stream().filter(XeroFilters.modifiedSince(modifiedSince)).toList());
    }

    List<ObjectNode> manualJournals(String where, Instant modifiedSince) {
        return copies(journals.values().stream().filter(XeroFilters.where(where)).filter(XeroFilters.modifiedSince(modifiedSince)).toList());
    }

    ObjectNode manualJournal(String id) {
        ObjectNode journal = journals.get(id);
        if (journal == null) {
            throw XeroApiException.notFound("ManualJournal " + id);
        }
        return journal.deepCopy();
    }

    List<ObjectNode> invoices(String where, List<String> numbers) {
        return copies(invoices.values().stream().filter(XeroFilters.where(where))
                .filter(i -> numbers.isEmpty() || numbers.contains(i.path("InvoiceNumber").asText())).toList());
    }

    List<ObjectNode> creditNotes(String where) {
        return copies(creditNotes.values().stream().filter(XeroFilters.where(where)).toList());
    }

    List<ObjectNode> payments() {
        return copies(payments);
    }

    /** Adds {@code count} contacts, as a merchant's customers arrive. */
    void addContacts(int count) {
        contacts.addAll(new XeroSeed(random, now(), baseCurrency).contacts(count, contacts.size()));
    }

    // --- writes --------------------------------------------------------------------------------

    /**
     * Creates (or, with {@code update} and a {@code ManualJournalID}, replaces) the journals of a PUT
     * or POST body; each answered item carries its {@code ValidationErrors} when it was refused.
     */
    List<ObjectNode> saveManualJournals(JsonNode list, boolean update) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode item : list) {
            List<String> errors = new ArrayList<>();
            String id = item.path("ManualJournalID").asText("");
            ObjectNode existing = id.isEmpty() ? null : journals.get(id);
            if (!id.isEmpty() && (!update || existing == null)) {
                errors.add(existing == null ? "ManualJournal " + id + " does not exist"
                        : "A ManualJournal is updated with POST, not PUT");
            }
            String narration = item.path("Narration").asText("");
            if (narration.isBlank()) {
                errors.add("Description/Narration is required");
            }
            LocalDate date = XeroJson.parseDate(item.path("Date").asText(null));
            if (date == null) {
                errors.add("A valid Date is required");
            }
            BigDecimal debits = BigDecimal.ZERO;
            BigDecimal credits = BigDecimal.ZERO;
            ArrayNode lines = XeroJson.MAPPER.createArrayNode();
            for (JsonNode line : item.path("JournalLines")) {
                String code = line.path("AccountCode").asText("");
                if (!activeAccount(code)) {
                    errors.add("Account code '" + code + "' is not a valid code for this document.");
                }
                BigDecimal amount = line.path("LineAmount").isNumber() ? line.path("LineAmount").decimalValue() : null;
                if (amount == null || amount.scale() > 2) {
                    errors.add("Journal lines must have a LineAmount with at most two decimal places");
                    continue;
                }
                if (amount.signum() > 0) {
                    debits = debits.add(amount);
                } else {
                    credits = credits.add(amount.negate());
                }
                ObjectNode stored = lines.addObject();
                stored.put("LineAmount", amount);
                stored.put("AccountCode", code);
                ObjectNode account = accounts.get(code);
                if (account != null) {
                    stored.put("AccountID", account.path("AccountID").asText());
                }
                stored.put("Description", line.path("Description").asText(""));
                stored.put("TaxType", line.path("TaxType").asText("NONE"));
                stored.put("TaxAmount", BigDecimal.ZERO.setScale(2));
                stored.put("IsBlank", false);
            }
            if (lines.size() < 2) {
                errors.add("Journal must have at least two lines");
            }
            if (debits.compareTo(credits) != 0) {
                errors.add("The total debits (" + debits.setScale(2).toPlainString() + ") must equal total credits ("
                        + credits.setScale(2).toPlainString() + ")");
            }
            if (!errors.isEmpty()) {
                out.add(refused(item, errors, "StatusAttributeString"));
                continue;
            }
            ObjectNode journal = XeroJson.object();
            journal.put("Date", XeroJson.msDate(date));
            journal.put("Status", item.path("Status").asText("POSTED"));
            journal.put("LineAmountTypes", "NoTax");
            journal.put("Narration", narration);
            journal.set("JournalLines", lines);
            journal.put("ShowOnCashBasisReports", true);
            journal.put("HasAttachments", false);
            journal.put("UpdatedDateUTC", XeroJson.msDate(now()));
            journal.put("ManualJournalID", existing == null ? uuid() : id);
            journals.put(journal.path("ManualJournalID").asText(), journal);
            out.add(journal.deepCopy());
        }
        return out;
    }

    /** Creates the invoices ({@code ACCREC}) or credit notes ({@code ACCRECCREDIT}) of a PUT body. */
    List<ObjectNode> saveDocuments(JsonNode list, boolean credit) {
        List<ObjectNode> out = new ArrayList<>();
        String numberField = credit ? "CreditNoteNumber" : "InvoiceNumber";
        Map<String, ObjectNode> store = credit ? creditNotes : invoices;
        for (JsonNode item : list) {
            List<String> errors = new ArrayList<>();
            String type = item.path("Type").asText("");
            if (!type.equals(credit ? "ACCRECCREDIT" : "ACCREC")) {
                errors.add("Only " + (credit ? "ACCRECCREDIT" : "ACCREC") + " documents are accepted by this sandbox");
            }
            String number = item.path(numberField).asText("");
            if (!number.isEmpty() && store.values().stream().anyMatch(d -> number.equals(d.path(numberField).asText()))) {
                errors.add((credit ? "Credit Note" : "Invoice") + " # must be unique.");
            }
            LocalDate date = XeroJson.parseDate(item.path("Date").asText(null));
            if (date == null) {
                errors.add("A valid Date is required");
            }
            String currency = item.path("CurrencyCode").asText(organisation.path("BaseCurrency").asText());
            if (!currency.equals(organisation.path("BaseCurrency").asText())) {
                errors.add("The currency " + currency + " is not enabled for this organisation");
            }
            ObjectNode contact = contact(item.path("Contact"), errors);
            ArrayNode lines = XeroJson.MAPPER.createArrayNode();
            BigDecimal subTotal = BigDecimal.ZERO.setScale(2);
            BigDecimal totalTax = BigDecimal.ZERO.setScale(2);
            for (JsonNode line : item.path("LineItems")) {
                String code = line.path("AccountCode").asText("");
                if (!activeAccount(code)) {
                    errors.add("Account code '" + code + "' is not a valid code for this document.");
                }
                String taxType = line.path("TaxType").asText("NONE");
                ObjectNode rate = taxRates.get(taxType);
                if (rate == null) {
                    errors.add("The TaxType code '" + taxType + "' does not exist or cannot be used for this type of transaction.");
                }
                String itemCode = line.path("ItemCode").asText("");
                if (!itemCode.isEmpty() && items.stream().noneMatch(i -> itemCode.equals(i.path("Code").asText()))) {
                    errors.add("Item code '" + itemCode + "' is not valid");
                }
                BigDecimal quantity = line.path("Quantity").isNumber() ? line.path("Quantity").decimalValue() : BigDecimal.ONE;
                BigDecimal unit = line.path("UnitAmount").isNumber() ? line.path("UnitAmount").decimalValue() : BigDecimal.ZERO;
                BigDecimal amount = quantity.multiply(unit).setScale(2, RoundingMode.HALF_UP);
                BigDecimal tax = line.path("TaxAmount").isNumber() ? line.path("TaxAmount").decimalValue().setScale(2, RoundingMode.HALF_UP)
                        : rate == null ? BigDecimal.ZERO.setScale(2) : amount.multiply(rate.path("EffectiveRate").decimalValue())
                        .movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
                subTotal = subTotal.add(amount);
                totalTax = totalTax.add(tax);
                ObjectNode stored = lines.addObject();
                stored.put("LineItemID", uuid());
                stored.put("Description", line.path("Description").asText(""));
                stored.put("Quantity", quantity);
                stored.put("UnitAmount", unit);
                if (!itemCode.isEmpty()) {
                    stored.put("ItemCode", itemCode);
                }
                stored.put("AccountCode", code);
                stored.put("TaxType", taxType);
                stored.put("TaxAmount", tax);
                stored.put("LineAmount", amount);
            }
            if (lines.isEmpty()) {
                errors.add("At least one line item is required");
            }
            if (!errors.isEmpty()) {
                out.add(refused(item, errors, "HasErrors"));
                continue;
            }
            String id = uuid();
            ObjectNode doc = XeroJson.object();
            doc.put("Type", type);
            doc.set("Contact", contact.deepCopy());
            doc.put("Date", XeroJson.msDate(date));
            doc.put("DueDate", XeroJson.msDate(XeroJson.parseDate(item.path("DueDate").asText(date.toString()))));
            doc.put("Status", item.path("Status").asText("AUTHORISED"));
            doc.put("LineAmountTypes", "Exclusive");
            doc.set("LineItems", lines);
            doc.put("SubTotal", subTotal);
            doc.put("TotalTax", totalTax);
            doc.put("Total", subTotal.add(totalTax));
            doc.put("UpdatedDateUTC", XeroJson.msDate(now()));
            doc.put("CurrencyCode", currency);
            doc.put(credit ? "CreditNoteID" : "InvoiceID", id);
            doc.put(numberField, number.isEmpty() ? (credit ? "CN-" : "INV-") + (store.size() + 1) : number);
            doc.put("Reference", item.path("Reference").asText(""));
            if (credit) {
                doc.put("RemainingCredit", subTotal.add(totalTax));
            } else {
                doc.put("AmountDue", subTotal.add(totalTax));
                doc.put("AmountPaid", BigDecimal.ZERO.setScale(2));
            }
            doc.putArray("Payments");
            doc.put("HasErrors", false);
            store.put(id, doc);
            out.add(doc.deepCopy());
        }
        return out;
    }

    /** Applies the payments of a PUT body to invoices (money in) or credit notes (refunds out). */
    List<ObjectNode> savePayments(JsonNode list) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode item : list) {
            List<String> errors = new ArrayList<>();
            boolean credit = item.has("CreditNote");
            JsonNode ref = credit ? item.path("CreditNote") : item.path("Invoice");
            ObjectNode doc = credit ? find(creditNotes, "CreditNoteID", "CreditNoteNumber", ref)
                    : find(invoices, "InvoiceID", "InvoiceNumber", ref);
            String dueField = credit ? "RemainingCredit" : "AmountDue";
            if (doc == null) {
                errors.add((credit ? "Credit note" : "Invoice") + " could not be found");
            } else if (!"AUTHORISED".equals(doc.path("Status").asText())) {
                errors.add("Payment cannot be applied to a document with status " + doc.path("Status").asText());
            }
            ObjectNode account = accounts.get(item.path("Account").path("Code").asText(""));
            if (account == null) {
                account = accounts.values().stream().filter(a -> a.path("AccountID").asText()
                        .equals(item.path("Account").path("AccountID").asText())).findFirst().orElse(null);
            }
            if (account == null || !("BANK".equals(account.path("Type").asText())
                    || account.path("EnablePaymentsToAccount").asBoolean())) {
                errors.add("Account must be valid and enabled for payments");
            }
            BigDecimal amount = item.path("Amount").isNumber() ? item.path("Amount").decimalValue() : null;
            if (amount == null || amount.signum() <= 0) {
                errors.add("Payment amount must be greater than zero");
            } else if (doc != null && amount.compareTo(doc.path(dueField).decimalValue()) > 0) {
                errors.add("Payment amount exceeds the amount outstanding on this document");
            }
            LocalDate date = XeroJson.parseDate(item.path("Date").asText(null));
            if (date == null) {
                errors.add("A valid Date is required");
            }
            if (!errors.isEmpty()) {
                out.add(refused(item, errors, "HasValidationErrors"));
                continue;
            }
            ObjectNode payment = XeroJson.object();
            payment.put("PaymentID", uuid());
            payment.put("Date", XeroJson.msDate(date));
            payment.put("Amount", amount);
            payment.put("Reference", item.path("Reference").asText(""));
            payment.put("IsReconciled", false);
            payment.put("Status", "AUTHORISED");
            payment.put("PaymentType", credit ? "ARCREDITPAYMENT" : "ACCRECPAYMENT");
            payment.put("UpdatedDateUTC", XeroJson.msDate(now()));
            ObjectNode accountRef = payment.putObject("Account");
            accountRef.put("AccountID", account.path("AccountID").asText());
            accountRef.put("Code", account.path("Code").asText());
            ObjectNode docRef = payment.putObject(credit ? "CreditNote" : "Invoice");
            String idField = credit ? "CreditNoteID" : "InvoiceID";
            String numberField = credit ? "CreditNoteNumber" : "InvoiceNumber";
            docRef.put(idField, doc.path(idField).asText());
            docRef.put(numberField, doc.path(numberField).asText());
            BigDecimal left = doc.path(dueField).decimalValue().subtract(amount);
            doc.put(dueField, left);
            if (!credit) {
                doc.put("AmountPaid", doc.path("AmountPaid").decimalValue().add(amount));
            }
            if (left.signum() == 0) {
                doc.put("Status", "PAID");
                doc.put("FullyPaidOnDate", XeroJson.msDate(date));
            }
            ObjectNode short_ = ((ArrayNode) doc.path("Payments")).addObject();
            short_.put("PaymentID", payment.path("PaymentID").asText());
            short_.put("Date", payment.path("Date").asText());
            short_.put("Amount", amount);
            doc.put("UpdatedDateUTC", XeroJson.msDate(now()));
            payments.add(payment);
            out.add(payment.deepCopy());
        }
        return out;
    }

    /** The posted documents as they stand, to restore when a summarized write is refused as a whole. */
    Runnable snapshot() {
        Map<String, ObjectNode> j = deep(journals);
        Map<String, ObjectNode> i = deep(invoices);
        Map<String, ObjectNode> c = deep(creditNotes);
        List<ObjectNode> p = copies(payments);
        List<ObjectNode> k = copies(contacts);
        return () -> {
            journals.clear();
            journals.putAll(j);
            invoices.clear();
            invoices.putAll(i);
            creditNotes.clear();
            creditNotes.putAll(c);
            payments.clear();
            payments.addAll(p);
            contacts.clear();
            contacts.addAll(k);
        };
    }

    private static Map<String, ObjectNode> deep(Map<String, ObjectNode> map) {
        Map<String, ObjectNode> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, value.deepCopy()));
        return copy;
    }

    // --- lookups and checks -------------------------------------------------------------------------------

    private ObjectNode find(Map<String, ObjectNode> store, String idField, String numberField, JsonNode ref) {
        String id = ref.path(idField).asText("");
        if (!id.isEmpty()) {
            return store.get(id);
        }
        String number = ref.path(numberField).asText("");
        return store.values().stream().filter(d -> !number.isEmpty() && number.equals(d.path(numberField).asText()))
                .findFirst().orElse(null);
    }

    /** The contact named by {@code ContactID}, or by {@code Name} (created when new, as Xero does). */
    private ObjectNode contact(JsonNode ref, List<String> errors) {
        String id = ref.path("ContactID").asText("");
        if (!id.isEmpty()) {
            for (ObjectNode c : contacts) {
                if (id.equals(c.path("ContactID").asText())) {
                    return shortContact(c);
                }
            }
            errors.add("Contact " + id + " could not be found");
            return XeroJson.object();
        }
        String name = ref.path("Name").asText("").trim();
        if (name.isEmpty()) {
            errors.add("A Contact must be specified for this type of transaction");
            return XeroJson.object();
        }
        for (ObjectNode c : contacts) {
            if (name.equalsIgnoreCase(c.path("Name").asText())) {
                return shortContact(c);
            }
        }
        ObjectNode created = new XeroSeed(random, now(), baseCurrency).contact(name, now(), contacts.size() + 1);
        contacts.add(created);
        return shortContact(created);
    }

    private static ObjectNode shortContact(ObjectNode contact) {
        ObjectNode out = XeroJson.object();
        out.put("ContactID", contact.path("ContactID").asText());
        out.put("Name", contact.path("Name").asText());
        return out;
    }

    /**
     * The refused item as Xero answers it with {@code summarizeErrors=false}: itself with its
     * {@code ValidationErrors} and its error flag ({@code HasErrors} on invoices and credit notes,
     * {@code HasValidationErrors} on payments, {@code StatusAttributeString: ERROR} on journals).
     */
    private static ObjectNode refused(JsonNode item, List<String> errors, String flag) {
        ObjectNode copy = item.isObject() ? ((ObjectNode) item).deepCopy() : XeroJson.object();
        if ("StatusAttributeString".equals(flag)) {
            copy.put(flag, "ERROR");
        } else {
            copy.put(flag, true);
        }
        ArrayNode array = copy.putArray("ValidationErrors");
        errors.forEach(message -> array.addObject().put("Message", message));
        return copy;
    }

    private boolean activeAccount(String code) {
        ObjectNode account = accounts.get(code);
        return account != null && "ACTIVE".equals(account.path("Status").asText());
    }

    private static List<ObjectNode> copies(java.util.Collection<ObjectNode> nodes) {
        return nodes.stream().map(ObjectNode::deepCopy).toList();
    }

    Instant now() {
        return clock.instant();
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
