package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * Shopify's money (decimal strings such as {@code "29.99"}, vendor-apis.md section 2) as the canonical
 * model's decimals: exactly the currency's digits (USD 12.30, JPY 1230, BHD 1.234). Shopify's own
 * strings already have those digits; a value with more digits than the currency has is refused
 * rather than rounded.
 *
 * @param digits the currency's minor-unit digits (ISO 4217); 2 for a code the JDK does not know
 */
record ShopifyMoney(String currency, int digits) {

    static ShopifyMoney of(String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            digits = 2;
        }
        return new ShopifyMoney(currency, digits);
    }

    /** A money string (or number) as a decimal with the currency's digits; zero when absent. */
    BigDecimal amount(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode() || value.asText().isEmpty()) {
            return zero();
        }
        try {
            return exact(new BigDecimal(value.asText()));
        } catch (NumberFormatException e) {
            throw new ConnectorException(Category.SYSTEM, "Shopify sent an amount that is not a number: "
                    + clip(value.asText()));
        }
    }

    BigDecimal exact(BigDecimal amount) {
        try {
            return amount.setScale(digits, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new ConnectorException(Category.SYSTEM, "Shopify sent " + amount.toPlainString()
                    + " with more digits than " + currency + " has");
        }
    }

    /** Rounds a computed amount (a tax-exclusive share) to the currency's digits. */
    BigDecimal round(BigDecimal amount) {
        return amount.setScale(digits, RoundingMode.HALF_EVEN);
    }

    BigDecimal zero() {
        return BigDecimal.ZERO.setScale(digits);
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
