package io.tillbridge.connector.quickbooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.accounting.AccountingObjects;
import io.tillbridge.connector.rest.PagedStreamReader;
import io.tillbridge.connector.rest.ReadState;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lists the connector reads, for the mapping editor's value pickers (which account, item, tax
 * code, customer a value maps to): {@code accounts}, {@code tax_codes}, {@code tax_rates},
 * {@code items} and {@code customers}, each a query of its entity paged with {@code STARTPOSITION}
 * and {@code MAXRESULTS} to the end (a page shorter than the page size is the last). The cursor is
 * {@code MetaData.LastUpdatedTime}, so a read from a checkpoint yields only what changed. And the
 * objects it writes, with the fields of {@link AccountingObjects}.
 */
final class QuickBooksStreams {

    /** Stream name to QuickBooks entity, in the order discover lists them. */
    static final Map<String, String> ENTITIES = new LinkedHashMap<>();

    static {
        ENTITIES.put("accounts", "Account");
        ENTITIES.put("tax_codes", "TaxCode");
        ENTITIES.put("tax_rates", "TaxRate");
        ENTITIES.put("items", "Item");
        ENTITIES.put("customers", "Customer");
    }

    private QuickBooksStreams() {
    }

    static PagedStreamReader reader(QuickBooksApi api, String entity, int pageSize) {
        return new PagedStreamReader() {
            @Override
            protected Page fetch(String position, ReadState state) {
                int start = position == null ? 1 : Integer.parseInt(position);
                List<JsonNode> page = api.query(entity, null, start, pageSize);
                return new Page(page, page.size() < pageSize ? null : Integer.toString(start + pageSize));
            }

            @Override
            protected String key(JsonNode record) {
                return record.path("Id").asText("");
            }

            @Override
            protected String cursor(JsonNode record) {
                return record.path("MetaData").path("LastUpdatedTime").asText("");
            }
        };
    }

    static List<StreamDescriptor> all() {
        List<StreamDescriptor> out = new ArrayList<>();
        out.add(read("accounts", f("Id", FieldType.STRING, "42"), f("Name", FieldType.STRING, "Card Clearing"),
                f("AcctNum", FieldType.STRING, "1210"), f("FullyQualifiedName", FieldType.STRING, "Sales:Sales - Apparel"),
                f("AccountType", FieldType.STRING, "Income", "Other Current Asset", "Other Current Liability"),
                f("AccountSubType", FieldType.STRING, "SalesOfProductIncome", "UndepositedFunds"),
                f("Classification", FieldType.STRING, "Revenue", "Asset"), f("Active", FieldType.BOOLEAN, true)));
        out.add(read("tax_codes", f("Id", FieldType.STRING, "TAX", "NON", "7"),
                f("Name", FieldType.STRING, "TAX", "Portland Metro 7.75%"), f("Taxable", FieldType.BOOLEAN, true, false),
                f("Active", FieldType.BOOLEAN, true)));
        out.add(read("tax_rates", f("Id", FieldType.STRING, "3"), f("Name", FieldType.STRING, "Multnomah County 1.25%"),
                f("RateValue", FieldType.NUMBER, new BigDecimal("1.25")),
                f("AgencyRef", FieldType.OBJECT, Map.of("value", "2")), f("Active", FieldType.BOOLEAN, true)));
        out.add(read("items", f("Id", FieldType.STRING, "17"), f("Name", FieldType.STRING, "Apparel Sales"),
                f("Type", FieldType.STRING, "Service", "NonInventory", "Inventory"),
                f("IncomeAccountRef", FieldType.OBJECT, Map.of("value", "18")),
                f("UnitPrice", FieldType.NUMBER, new BigDecimal("24.00")), f("Active", FieldType.BOOLEAN, true)));
        out.add(read("customers", f("Id", FieldType.STRING, "58"), f("DisplayName", FieldType.STRING,
                        "POS Walk-in Customer"), f("GivenName", FieldType.STRING, "Maria"),
                f("FamilyName", FieldType.STRING, "Garcia"), f("Active", FieldType.BOOLEAN, true)));
        Map<String, Object> journalLine = Map.of("account", "42", "description", "tender:card",
                "debit", new BigDecimal("118.40"), "credit", BigDecimal.ZERO);
        out.add(new StreamDescriptor(AccountingObjects.JOURNAL_ENTRIES, List.of(
                f("date", FieldType.STRING, "2026-03-01"), f("currency", FieldType.STRING, "USD"),
                f("location_id", FieldType.STRING, "L88917AVBK2S5"), f("memo", FieldType.STRING, "Daily sales Portland"),
                f("lines", FieldType.ARRAY, List.of(journalLine)), f("lines.account", FieldType.STRING, "42"),
                f("lines.description", FieldType.STRING, "sales:Apparel"),
                f("lines.debit", FieldType.NUMBER, new BigDecimal("118.40")),
                f("lines.credit", FieldType.NUMBER, new BigDecimal("0.00"))), "", ""));
        for (String object : List.of(AccountingObjects.SALES_RECEIPTS, AccountingObjects.CREDIT_NOTES)) {
            out.add(new StreamDescriptor(object, List.of(
                    f("date", FieldType.STRING, "2026-03-01"), f("currency", FieldType.STRING, "USD"),
                    f("customer", FieldType.STRING, "58"), f("deposit_account", FieldType.STRING, "43"),
                    f("memo", FieldType.STRING, "Order 1042"), f("lines", FieldType.ARRAY, List.of()),
                    f("lines.account", FieldType.STRING, "18"), f("lines.item", FieldType.STRING, "17"),
                    f("lines.description", FieldType.STRING, "Organic Cotton Tee"),
                    f("lines.amount", FieldType.NUMBER, new BigDecimal("24.00")),
                    f("lines.tax_code", FieldType.STRING, "TAX"), f("lines.tax", FieldType.NUMBER,
                            new BigDecimal("1.86"))), "", ""));
        }
        return out;
    }

    private static StreamDescriptor read(String name, FieldDescriptor... fields) {
        List<FieldDescriptor> all = new ArrayList<>(Arrays.asList(fields));
        all.add(f("MetaData.LastUpdatedTime", FieldType.STRING, "2026-03-01T12:00:00.000+00:00"));
        return new StreamDescriptor(name, all, "Id", "MetaData.LastUpdatedTime");
    }

    private static FieldDescriptor f(String name, FieldType type, Object... samples) {
        return new FieldDescriptor(name, type, true, Arrays.asList(samples));
    }
}
