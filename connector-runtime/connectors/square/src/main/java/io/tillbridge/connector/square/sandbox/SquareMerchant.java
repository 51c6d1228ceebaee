package io.tillbridge.connector.square.sandbox;

import java.util.List;

/**
 * The kinds of merchant the sandbox can play. A Square merchant trades in one currency; the three
 * profiles exercise a currency with two digits and additive sales tax (USD, three US time zones),
 * two digits with VAT included in prices (GBP) and zero digits with consumption tax included
 * (JPY).
 */
public enum SquareMerchant {

    /** A US café chain: New York, Los Angeles and Chicago, USD, additive sales tax per location. */
    US("US", "USD", "en-US", "Sales Tax", false, false, 300, 2500, List.of(
            new Site("New York", "America/New_York", "NY", "10013", "8.875"),
            new Site("Los Angeles", "America/Los_Angeles", "CA", "90012", "9.5"),
            new Site("Chicago", "America/Chicago", "IL", "60601", "10.25"))),

    /** A UK café chain: London, Manchester and Edinburgh, GBP, 20 % VAT included in prices. */
    GB("GB", "GBP", "en-GB", "VAT", true, true, 250, 2000, List.of(
            new Site("London", "Europe/London", "England", "EC1A 1BB", "20"),
            new Site("Manchester", "Europe/London", "England", "M1 1AE", "20"),
            new Site("Edinburgh", "Europe/London", "Scotland", "EH1 1YZ", "20"))),

    /** A Japanese café chain: Tokyo, Osaka and Sapporo, JPY (no minor unit), 10 % tax included. */
    JP("JP", "JPY", "ja-JP", "Consumption Tax", true, false, 300, 3000, List.of(
            new Site("Tokyo", "Asia/Tokyo", "Tokyo", "100-0005", "10"),
            new Site("Osaka", "Asia/Tokyo", "Osaka", "530-0001", "10"),
            new Site("Sapporo", "Asia/Tokyo", "Hokkaido", "060-0001", "10")));

    /** One location: its city, IANA time zone, region, postal code and tax percentage. */
    record Site(String city, String timeZone, String region, String postalCode, String taxPercentage) {
    }

    private final String country;
    private final String currency;
    private final String languageCode;
    private final String taxName;
    private final boolean inclusiveTax;
    private final boolean inclusiveTaxInGross;
    private final long minPrice;
    private final long maxPrice;
    private final List<Site> sites;

    SquareMerchant(String country, String currency, String languageCode, String taxName, boolean inclusiveTax,
            boolean inclusiveTaxInGross, long minPrice, long maxPrice, List<Site> sites) {
        this.country = country;
        this.currency = currency;
        this.languageCode = languageCode;
        this.taxName = taxName;
        this.inclusiveTax = inclusiveTax;
        this.inclusiveTaxInGross = inclusiveTaxInGross;
        this.minPrice = minPrice;
        this.maxPrice = maxPrice;
        this.sites = sites;
    }

    public String country() {
        return country;
    }

    public String currency() {
        return currency;
    }

    String languageCode() {
        return languageCode;
    }

    String taxName() {
        return taxName;
    }

    /** Whether prices include the tax ({@code INCLUSIVE}) rather than having it added ({@code ADDITIVE}). */
    boolean inclusiveTax() {
        return inclusiveTax;
    }

    /**
     * Whether an inclusive tax stays in {@code gross_sales_money}: it does in Europe and Australia,
     * and is deducted in the US, Canada and Japan (the spec's {@code OrderLineItem.gross_sales_money}).
     */
    boolean inclusiveTaxInGross() {
        return inclusiveTaxInGross;
    }

    /** Lowest and highest catalog price, in minor units. */
    long minPrice() {
        return minPrice;
    }

    long maxPrice() {
        return maxPrice;
    }

    List<Site> sites() {
        return sites;
    }
}
