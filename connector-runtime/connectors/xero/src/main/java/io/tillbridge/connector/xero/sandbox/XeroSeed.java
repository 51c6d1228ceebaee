package io.tillbridge.connector.xero.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The seeded organisation: a UK retailer's chart of accounts (bank; card, cash and gift-card
 * clearing; sales by category; discounts; sales returns; VAT; tips payable; gift card liability;
 * merchant fees; rounding), its VAT rates, items and customers, in the shapes Xero answers them.
 */
final class XeroSeed {

    private final Random random;
    private final Instant now;
    private final String currency;

    XeroSeed(Random random, Instant now, String currency) {
        this.random = random;
        this.now = now;
        this.currency = currency;
    }

    private Instant now() {
        return now;
    }

    private String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    // --- seed ----------------------------------------------------------------------------------

    Map<String, ObjectNode> taxRates() {
        Map<String, ObjectNode> taxRates = new LinkedHashMap<>();
        taxRates.put("OUTPUT2", taxRate("20% (VAT on Income)", "OUTPUT2", "20.0000", "OUTPUT"));
        taxRates.put("RROUTPUT", taxRate("5% (VAT on Income)", "RROUTPUT", "5.0000", "OUTPUT"));
        taxRates.put("ZERORATEDOUTPUT", taxRate("Zero Rated Income", "ZERORATEDOUTPUT", "0.0000", "OUTPUT"));
        taxRates.put("EXEMPTOUTPUT", taxRate("Exempt Income", "EXEMPTOUTPUT", "0.0000", "EXEMPTOUTPUT"));
        taxRates.put("INPUT2", taxRate("20% (VAT on Expenses)", "INPUT2", "20.0000", "INPUT"));
        taxRates.put("NONE", taxRate("No VAT", "NONE", "0.0000", "NONE"));
        return taxRates;
    }

    private static ObjectNode taxRate(String name, String type, String rate, String report) {
        ObjectNode node = XeroJson.object();
        node.put("Name", name);
        node.put("TaxType", type);
        node.putArray("TaxComponents").addObject().put("Name", "VAT").put("Rate", new BigDecimal(rate))
                .put("IsCompound", false).put("IsNonRecoverable", false);
        node.put("Status", "ACTIVE");
        node.put("ReportTaxType", report);
        node.put("CanApplyToAssets", true);
        node.put("CanApplyToEquity", true);
        node.put("CanApplyToExpenses", true);
        node.put("CanApplyToLiabilities", true);
        node.put("CanApplyToRevenue", true);
        node.put("DisplayTaxRate", new BigDecimal(rate));
        node.put("EffectiveRate", new BigDecimal(rate));
        return node;
    }

    Map<String, ObjectNode> accounts() {
        Map<String, ObjectNode> accounts = new LinkedHashMap<>();
        accounts.put("090", account("090", "Business Bank Account", "BANK", "ASSET", "NONE", null));
        accounts.put("091", account("091", "Card Clearing", "CURRENT", "ASSET", "NONE", null));
        accounts.put("092", account("092", "Cash Clearing", "CURRENT", "ASSET", "NONE", null));
        accounts.put("093", account("093", "Gift Card Clearing", "CURRENT", "ASSET", "NONE", null));
        accounts.put("610", account("610", "Accounts Receivable", "CURRENT", "ASSET", "NONE", "DEBTORS"));
        accounts.put("200", account("200", "Sales - Food", "SALES", "REVENUE", "OUTPUT2", null));
        accounts.put("201", account("201", "Sales - Drinks", "SALES", "REVENUE", "OUTPUT2", null));
        accounts.put("202", account("202", "Sales - Merchandise", "SALES", "REVENUE", "OUTPUT2", null));
        accounts.put("203", account("203", "Sales - Books", "SALES", "REVENUE", "ZERORATEDOUTPUT", null));
        accounts.put("210", account("210", "Discounts Given", "SALES", "REVENUE", "OUTPUT2", null));
        accounts.put("215", account("215", "Sales Returns", "SALES", "REVENUE", "OUTPUT2", null));
        accounts.put("820", account("820", "VAT", "CURRLIAB", "LIABILITY", "NONE", "GST"));
        accounts.put("825", account("825", "Tips Payable", "CURRLIAB", "LIABILITY", "NONE", null));
        accounts.put("830", account("830", "Gift Card Liability", "CURRLIAB", "LIABILITY", "NONE", null));
        accounts.put("404", account("404", "Merchant Fees", "EXPENSE", "EXPENSE", "NONE", null));
        accounts.put("860", account("860", "Rounding", "CURRLIAB", "LIABILITY", "NONE", "ROUNDING"));
        ObjectNode archived = account("499", "Old Sales (archived)", "SALES", "REVENUE", "OUTPUT2", null);
        archived.put("Status", "ARCHIVED");
        accounts.put("499", archived);
        return accounts;
    }

    private ObjectNode account(String code, String name, String type, String cls, String tax, String system) {
        ObjectNode node = XeroJson.object();
        node.put("AccountID", uuid());
        node.put("Code", code);
        node.put("Name", name);
        node.put("Type", type);
        node.put("Status", "ACTIVE");
        node.put("TaxType", tax);
        node.put("Class", cls);
        node.put("EnablePaymentsToAccount", code.startsWith("09") && !"BANK".equals(type));
        node.put("ShowInExpenseClaims", false);
        node.put("BankAccountType", "BANK".equals(type) ? "BANK" : "");
        if ("BANK".equals(type)) {
            node.put("BankAccountNumber", "20456712345678");
            node.put("CurrencyCode", currency);
        }
        if (system != null) {
            node.put("SystemAccount", system);
        }
        node.put("HasAttachments", false);
        node.put("UpdatedDateUTC", XeroJson.msDate(now().minus(Duration.ofDays(400))));
        node.put("AddToWatchlist", false);
        return node;
    }

    List<ObjectNode> items(int count) {
        List<ObjectNode> items = new ArrayList<>();
        String[][] kinds = {{"FOOD", "200", "OUTPUT2"}, {"DRNK", "201", "OUTPUT2"}, {"MERC", "202", "OUTPUT2"},
                {"BOOK", "203", "ZERORATEDOUTPUT"}};
        String[] words = {"Sourdough", "Flat White", "Tote Bag", "Cookbook", "Croissant", "Lemonade", "Mug", "Atlas"};
        for (int i = 0; i < count; i++) {
            String[] kind = kinds[i % kinds.length];
            ObjectNode node = XeroJson.object();
            node.put("ItemID", uuid());
            node.put("Code", kind[0] + "-" + String.format("%03d", i + 1));
            node.put("Name", words[i % words.length] + " " + (i + 1));
            node.put("Description", words[i % words.length]);
            node.put("IsSold", true);
            node.put("IsPurchased", false);
            node.put("IsTrackedAsInventory", false);
            ObjectNode sales = node.putObject("SalesDetails");
            sales.put("UnitPrice", BigDecimal.valueOf(150 + random.nextInt(2500), 2));
            sales.put("AccountCode", kind[1]);
            sales.put("TaxType", kind[2]);
            node.put("UpdatedDateUTC", XeroJson.msDate(now().minus(Duration.ofDays(200 - i % 200))));
            items.add(node);
        }
        return items;
    }

    /** {@code count} customers, numbered after the {@code existing} ones, updated over the last 60 days. */
    List<ObjectNode> contacts(int count, int existing) {
        List<ObjectNode> contacts = new ArrayList<>();
        String[] first = {"Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Freya", "Arthur", "Mia", "Leo"};
        String[] last = {"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright"};
        Instant base = now().minus(Duration.ofDays(60));
        for (int i = 0; i < count; i++) {
            int n = existing + i + 1;
            String name = first[random.nextInt(first.length)] + " " + last[random.nextInt(last.length)] + " " + n;
            contacts.add(contact(name, base.plus(Duration.ofMinutes(37L * n)), n));
        }
        return contacts;
    }

    ObjectNode contact(String name, Instant updated, int n) {
        ObjectNode node = XeroJson.object();
        node.put("ContactID", uuid());
        node.put("ContactStatus", "ACTIVE");
        node.put("Name", name);
        String[] parts = name.split(" ");
        node.put("FirstName", parts[0]);
        node.put("LastName", parts.length > 1 ? parts[1] : "");
        node.put("EmailAddress", parts[0].toLowerCase(java.util.Locale.ROOT) + n + "@example.com");
        node.put("IsSupplier", false);
        node.put("IsCustomer", true);
        node.put("DefaultCurrency", "GBP");
        node.put("UpdatedDateUTC", XeroJson.msDate(updated));
        node.put("HasAttachments", false);
        node.put("HasValidationErrors", false);
        return node;
    }
}
