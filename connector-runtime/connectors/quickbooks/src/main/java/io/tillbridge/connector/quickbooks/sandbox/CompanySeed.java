package io.tillbridge.connector.quickbooks.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Seeds a retailer's company: a US chart of accounts (bank, undeposited funds and the card, cash and
 * gift-card clearing accounts a POS posts to, sales income by category with a sub-account per
 * store, discounts, returns, sales tax payable per agency, tips payable, gift card liability,
 * merchant fees, cash over/short and rounding), three tax agencies with their rates and the tax
 * codes {@code TAX}, {@code NON} and a combined code, items per category, and customers. Account
 * types and sub-types are Intuit's enumerations (QuickBooks' Account entity; field by field
 * UNVERIFIED, vendor-apis.md).
 */
final class CompanySeed {

    /** The sales categories of the retailer. */
    static final List<String> CATEGORIES = List.of("Apparel", "Footwear", "Accessories", "Home Goods",
            "Food & Beverage", "Services");

    private static final List<String> STORES = List.of("Portland", "Seattle", "Boise", "Spokane", "Eugene", "Tacoma",
            "Salem", "Bend", "Olympia", "Vancouver", "Missoula", "Reno");

    private static final List<String> FIRST = List.of("Alex", "Maria", "Sam", "Priya", "Jordan", "Wei", "Fatima",
            "Lucas", "Chloe", "Diego", "Hana", "Noah", "Zoe", "Omar", "Elena", "Kai", "Ines", "Theo", "Maya", "Ravi");

    private static final List<String> LAST = List.of("Chen", "Garcia", "Smith", "Patel", "Nguyen", "Okafor", "Kowalski",
            "Rossi", "Jensen", "Haddad", "Tanaka", "Murphy", "Silva", "Novak", "Adeyemi", "Larsen", "Moreau", "Kim");

    private final Company company;
    private final Instant at;
    private final Random random;
    private final Map<String, String> accountIds = new LinkedHashMap<>();

    CompanySeed(Company company, Instant at, long seed) {
        this.company = company;
        this.at = at;
        this.random = new Random(seed);
    }

    void seed(QuickBooksSandboxOptions options) {
        companyInfo();
        accounts(options.locations());
        taxes();
        items();
        customers(options.customers());
    }

    private void companyInfo() {
        ObjectNode info = QuickBooksJson.object();
        info.put("CompanyName", "Harbor & Pine Outfitters");
        info.put("LegalName", "Harbor & Pine Outfitters LLC");
        info.put("Country", "US");
        info.put("FiscalYearStartMonth", "January");
        ObjectNode address = info.putObject("CompanyAddr");
        address.put("Line1", "120 Market Street");
        address.put("City", "Portland");
        address.put("CountrySubDivisionCode", "OR");
        address.put("PostalCode", "97204");
        info.putArray("SupportedLanguages").add("en");
        company.put("CompanyInfo", company.realmId, info, at);
    }

    private void accounts(int locations) {
        account("1000", "Business Checking", "Bank", "Checking", null);
        account("1010", "Business Savings", "Bank", "Savings", null);
        account("1100", "Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable", null);
        account("1200", "Undeposited Funds", "Other Current Asset", "UndepositedFunds", null);
        account("1210", "Card Clearing", "Other Current Asset", "OtherCurrentAssets", null);
        account("1220", "Cash Clearing", "Other Current Asset", "OtherCurrentAssets", null);
        account("1230", "Gift Card Clearing", "Other Current Asset", "OtherCurrentAssets", null);
        account("1300", "Inventory Asset", "Other Current Asset", "Inventory", null);
        account("2000", "Accounts Payable (A/P)", "Accounts Payable", "AccountsPayable", null);
        account("2110", "Sales Tax Payable - Oregon Department of Revenue", "Other Current Liability",
                "SalesTaxPayable", null);
        account("2120", "Sales Tax Payable - Multnomah County", "Other Current Liability", "SalesTaxPayable", null);
        account("2130", "Sales Tax Payable - City of Portland", "Other Current Liability", "SalesTaxPayable", null);
        account("2200", "Tips Payable", "Other Current Liability", "OtherCurrentLiabilities", null);
        account("2300", "Gift Card Liability", "Other Current Liability", "OtherCurrentLiabilities", null);
        account("3000", "Owner's Equity", "Equity", "OwnersEquity", null);
        account("3100", "Retained Earnings", "Equity", "RetainedEarnings", null);
        account("4000", "Sales", "Income", "SalesOfProductIncome", null);
        for (int i = 0; i < CATEGORIES.size(); i++) {
            account("40" + (i + 1) + "0", "Sales - " + CATEGORIES.get(i), "Income",
                    CATEGORIES.get(i).equals("Services") ? "ServiceFeeIncome" : "SalesOfProductIncome", "4000");
        }
        account("4900", "Discounts Given", "Income", "DiscountsRefundsGiven", null);
        account("4910", "Sales Returns and Allowances", "Income", "DiscountsRefundsGiven", null);
        account("5000", "Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs", null);
        account("6100", "Merchant Fees", "Expense", "BankCharges", null);
        account("6200", "Rent or Lease of Buildings", "Expense", "RentOrLeaseOfBuildings", null);
        account("6300", "Utilities", "Expense", "Utilities", null);
        account("6400", "Payroll Expenses", "Expense", "PayrollExpenses", null);
        account("6900", "Cash Over/Short", "Expense", "OtherMiscellaneousServiceCost", null);
        account("6910", "Rounding", "Expense", "OtherMiscellaneousServiceCost", null);
        for (int s = 0; s < locations; s++) {
            String store = STORES.get(s % STORES.size()) + (s >= STORES.size() ? " " + (s / STORES.size() + 1) : "");
            String n = String.format(Locale.ROOT, "%02d", s + 1);
            for (int i = 0; i < CATEGORIES.size(); i++) {
                account("4" + (i + 1) + n, "Sales - " + CATEGORIES.get(i) + " - " + store, "Income",
                        "SalesOfProductIncome", "40" + (i + 1) + "0");
            }
            account("121" + n, "Card Clearing - " + store, "Other Current Asset", "OtherCurrentAssets", "1210");
            account("122" + n, "Cash Clearing - " + store, "Other Current Asset", "OtherCurrentAssets", "1220");
            account("123" + n, "Gift Card Clearing - " + store, "Other Current Asset", "OtherCurrentAssets", "1230");
            account("69" + n, "Cash Over/Short - " + store, "Expense", "OtherMiscellaneousServiceCost", "6900");
        }
    }

    private void account(String number, String name, String type, String subType, String parentNumber) {
        ObjectNode a = QuickBooksJson.object();
        a.put("Name", name);
        a.put("AcctNum", number);
        a.put("AccountType", type);
        a.put("AccountSubType", subType);
        a.put("Classification", switch (type) {
            case "Income" -> "Revenue";
            case "Expense", "Cost of Goods Sold" -> "Expense";
            case "Equity" -> "Equity";
            case "Accounts Payable", "Other Current Liability" -> "Liability";
            default -> "Asset";
        });
        a.put("Active", true);
        a.put("CurrentBalance", BigDecimal.ZERO.setScale(2));
        a.putObject("CurrencyRef").put("value", "USD").put("name", "United States Dollar");
        String fullName = name;
        if (parentNumber != null) {
            String parentId = accountIds.get(parentNumber);
            ObjectNode parent = company.get("Account", parentId);
            a.put("SubAccount", true);
            a.putObject("ParentRef").put("value", parentId);
            fullName = parent.path("FullyQualifiedName").asText() + ":" + name;
        } else {
            a.put("SubAccount", false);
        }
        a.put("FullyQualifiedName", fullName);
        accountIds.put(number, company.add("Account", a, at).path("Id").asText());
    }

    private void taxes() {
        String[][] agencies = {{"Oregon Department of Revenue", "6.00", "2110"}, {"Multnomah County", "1.25", "2120"},
                {"City of Portland", "0.50", "2130"}};
        List<String> rateIds = new ArrayList<>();
        for (String[] agency : agencies) {
            ObjectNode a = QuickBooksJson.object();
            a.put("DisplayName", agency[0]);
            a.put("TaxTrackedOnSales", true);
            String agencyId = company.add("TaxAgency", a, at).path("Id").asText();
            ObjectNode rate = QuickBooksJson.object();
            rate.put("Name", agency[0] + " " + agency[1] + "%");
            rate.put("RateValue", new BigDecimal(agency[1]));
            rate.putObject("AgencyRef").put("value", agencyId);
            rate.put("Active", true);
            rate.put("DisplayType", "ReadOnly");
            rate.put("SpecialTaxType", "NONE");
            rate.putObject("TaxReturnLineRef").put("value", accountIds.get(agency[2]));
            rateIds.add(company.add("TaxRate", rate, at).path("Id").asText());
        }
        ObjectNode taxable = QuickBooksJson.object();
        taxable.put("Name", "TAX");
        taxable.put("Description", "Taxable");
        taxable.put("Taxable", true);
        taxable.put("Active", true);
        company.put("TaxCode", "TAX", taxable, at);
        ObjectNode none = QuickBooksJson.object();
        none.put("Name", "NON");
        none.put("Description", "Non-taxable");
        none.put("Taxable", false);
        none.put("Active", true);
        company.put("TaxCode", "NON", none, at);
        ObjectNode combined = QuickBooksJson.object();
        combined.put("Name", "Portland Metro 7.75%");
        combined.put("Description", "State, county and city sales tax");
        combined.put("Taxable", true);
        combined.put("TaxGroup", true);
        combined.put("Active", true);
        ArrayNode rates = combined.putObject("SalesTaxRateList").putArray("TaxRateDetail");
        rateIds.forEach(id -> rates.addObject().put("TaxTypeApplicable", "TaxOnAmount")
                .putObject("TaxRateRef").put("value", id));
        company.add("TaxCode", combined, at);
    }

    private void items() {
        String[][] products = {{"Apparel", "Organic Cotton Tee", "24.00"}, {"Apparel", "Rain Shell Jacket", "129.00"},
                {"Apparel", "Merino Beanie", "32.00"}, {"Footwear", "Trail Runner", "139.00"},
                {"Footwear", "Wool Socks", "18.00"}, {"Accessories", "Canvas Tote", "28.00"},
                {"Accessories", "Insulated Bottle", "35.00"}, {"Home Goods", "Cedar Candle", "22.00"},
                {"Home Goods", "Enamel Mug", "16.00"}, {"Food & Beverage", "Drip Coffee", "3.50"},
                {"Food & Beverage", "Trail Mix", "6.75"}, {"Services", "Gift Wrapping", "5.00"},
                {"Services", "Alterations", "15.00"}};
        for (int i = 0; i < CATEGORIES.size(); i++) {
            item(CATEGORIES.get(i) + " Sales", "Service", "40" + (i + 1) + "0", null);
        }
        for (String[] p : products) {
            item(p[1], p[0].equals("Services") ? "Service" : "NonInventory",
                    "40" + (CATEGORIES.indexOf(p[0]) + 1) + "0", new BigDecimal(p[2]));
        }
        item("Gift Card", "Service", "2300", null);
        item("Tips", "Service", "2200", null);
        item("Discount", "Service", "4900", null);
    }

    private void item(String name, String type, String incomeAccountNumber, BigDecimal price) {
        ObjectNode item = QuickBooksJson.object();
        item.put("Name", name);
        item.put("FullyQualifiedName", name);
        item.put("Type", type);
        item.put("Active", true);
        item.put("Taxable", !name.equals("Gift Card") && !name.equals("Tips"));
        item.put("UnitPrice", price == null ? BigDecimal.ZERO.setScale(2) : price);
        item.put("Sku", "HP-" + String.format(Locale.ROOT, "%04d", 1000 + random.nextInt(9000)));
        item.put("TrackQtyOnHand", false);
        item.putObject("IncomeAccountRef").put("value", accountIds.get(incomeAccountNumber));
        company.add("Item", item, at);
    }

    private void customers(int count) {
        ObjectNode walkIn = QuickBooksJson.object();
        walkIn.put("DisplayName", "POS Walk-in Customer");
        walkIn.put("Active", true);
        walkIn.put("Balance", BigDecimal.ZERO.setScale(2));
        company.add("Customer", walkIn, at);
        for (int i = 1; i < count; i++) {
            String first = FIRST.get(random.nextInt(FIRST.size()));
            String last = LAST.get(random.nextInt(LAST.size()));
            ObjectNode c = QuickBooksJson.object();
            c.put("GivenName", first);
            c.put("FamilyName", last);
            c.put("DisplayName", first + " " + last + " (" + (1000 + i) + ")");
            c.putObject("PrimaryEmailAddr").put("Address",
                    (first + "." + last + (1000 + i)).toLowerCase(Locale.ROOT) + "@example.com");
            c.put("Active", true);
            c.put("Balance", BigDecimal.ZERO.setScale(2));
            company.add("Customer", c, at);
        }
    }
}
