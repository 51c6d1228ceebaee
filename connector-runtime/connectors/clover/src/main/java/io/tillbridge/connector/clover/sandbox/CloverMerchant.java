package io.tillbridge.connector.clover.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * One merchant of the sandbox. Clover has one location per merchant, so several merchants (each its
 * own {@code mId}) stand for a business with several stores.
 *
 * @param name the business name
 * @param country ISO 3166 alpha-2
 * @param currency ISO 4217; amounts are integers in its minor units (JPY has none)
 * @param timeZone IANA time zone
 * @param languageTag the locale of generated names
 * @param city the city of the address
 * @param vat whether prices include tax ({@code isVat: true} on orders, tax is included, not added)
 * @param taxRates the merchant's tax rates; the first is the default rate of items
 */
public record CloverMerchant(String name, String country, String currency, String timeZone, String languageTag,
                             String city, boolean vat, List<TaxRate> taxRates) {

    /**
     * A tax rate as Clover writes it: {@code rate} is the percentage times 100 000 (8.875 % is 887 500).
     */
    public record TaxRate(String name, long rate) {
    }

    public static final CloverMerchant US_NEW_YORK = new CloverMerchant("Hudson Street Deli", "US", "USD",
            "America/New_York", "en-US", "New York", false, List.of(new TaxRate("NY Sales Tax", 887_500)));
    public static final CloverMerchant US_LOS_ANGELES = new CloverMerchant("Sunset Coffee Bar", "US", "USD",
            "America/Los_Angeles", "en-US", "Los Angeles", false, List.of(new TaxRate("LA Sales Tax", 950_000)));
    public static final CloverMerchant US_CHICAGO = new CloverMerchant("Lakeview Hardware", "US", "USD",
            "America/Chicago", "en-US", "Chicago", false,
            List.of(new TaxRate("Chicago Sales Tax", 1_025_000), new TaxRate("Soft Drink Tax", 300_000)));
    /** Prices include 20 % VAT. */
    public static final CloverMerchant GB_LONDON = new CloverMerchant("Camden Bakehouse", "GB", "GBP",
            "Europe/London", "en-GB", "London", true, List.of(new TaxRate("VAT", 2_000_000)));
    /** A currency without minor units; prices include 10 % consumption tax. */
    public static final CloverMerchant JP_TOKYO = new CloverMerchant("Shibuya Noodle House", "JP", "JPY",
            "Asia/Tokyo", "en-US", "Tokyo", true, List.of(new TaxRate("Consumption Tax", 1_000_000)));

    public CloverMerchant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(timeZone, "timeZone");
        taxRates = List.copyOf(taxRates);
        if (taxRates.isEmpty()) {
            throw new IllegalArgumentException("a merchant needs at least one tax rate");
        }
    }

    /** 0 for JPY, 2 for USD and GBP. */
    int digits() {
        return java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    }
}
