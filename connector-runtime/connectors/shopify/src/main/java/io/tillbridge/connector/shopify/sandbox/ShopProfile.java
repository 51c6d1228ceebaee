package io.tillbridge.connector.shopify.sandbox;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One shop the sandbox serves: its {@code myshopify.com} handle, currency, time zone and how it taxes.
 *
 * @param handle the shop's handle: the shop is {@code handle.myshopify.com}
 * @param name the shop's display name
 * @param currency ISO 4217 code of the shop's currency
 * @param currencyDigits the currency's minor digits (USD 2, JPY 0)
 * @param ianaTimezone the shop's one time zone (Shopify keeps one per shop, not per location)
 * @param taxesIncluded whether prices include tax (Shopify's {@code taxes_included})
 * @param taxName the name of the shop's tax line
 * @param taxRate the tax rate as a fraction ({@code 0.08875})
 * @param countryCode ISO 3166 country of the shop and its locations
 * @param languageTag the language of the generated names and addresses
 * @param locations how many locations the shop has
 */
public record ShopProfile(
        String handle,
        String name,
        String currency,
        int currencyDigits,
        String ianaTimezone,
        boolean taxesIncluded,
        String taxName,
        BigDecimal taxRate,
        String countryCode,
        String languageTag,
        int locations) {

    /** A US shop in New York: USD, taxes added on top, three locations. */
    public static final ShopProfile US = new ShopProfile("tillbridge-demo", "Tillbridge Demo Outfitters", "USD", 2,
            "America/New_York", false, "NY State Tax", new BigDecimal("0.08875"), "US", "en-US", 3);

    /** A shop in Tokyo: JPY (no minor digits), consumption tax included in prices, two locations. */
    public static final ShopProfile JAPAN = new ShopProfile("tillbridge-tokyo", "Tillbridge Tokyo", "JPY", 0,
            "Asia/Tokyo", true, "JCT", new BigDecimal("0.10"), "JP", "ja-JP", 2);

    /** A shop in London: GBP, VAT included in prices, two locations. */
    public static final ShopProfile UK = new ShopProfile("tillbridge-london", "Tillbridge London", "GBP", 2,
            "Europe/London", true, "VAT", new BigDecimal("0.20"), "GB", "en-GB", 2);

    public ShopProfile {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(ianaTimezone, "ianaTimezone");
        Objects.requireNonNull(taxRate, "taxRate");
        if (!handle.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("A shop handle is lower-case letters, digits and dashes: " + handle);
        }
        if (currencyDigits < 0 || currencyDigits > 3 || locations < 1) {
            throw new IllegalArgumentException("currencyDigits must be 0..3 and locations at least 1");
        }
    }

    /** {@code handle.myshopify.com}. */
    public String domain() {
        return handle + ".myshopify.com";
    }

    public ShopProfile withHandle(String newHandle) {
        return new ShopProfile(newHandle, name, currency, currencyDigits, ianaTimezone, taxesIncluded, taxName,
                taxRate, countryCode, languageTag, locations);
    }
}
