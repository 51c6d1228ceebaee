package io.tillbridge.connector.square;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * Square's {@code Money} ({@code amount} in the currency's smallest unit, vendor-apis.md section 1)
 * as the canonical model's decimals: exactly the currency's digits (USD 12.30, JPY 1230, BHD 1.234).
 *
 * @param digits the currency's minor-unit digits (ISO 4217); 2 for a code the JDK does not know
 */
record SquareMoney(String currency, int digits) {

    static SquareMoney of(String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            digits = 2;
        }
        return new SquareMoney(currency, digits);
    }

    /** The {@code amount} of a {@code Money} object; 0 when absent. */
    long minor(JsonNode money) {
        return money.path("amount").asLong(0);
    }

    BigDecimal decimal(long minor) {
        return BigDecimal.valueOf(minor).movePointLeft(digits).setScale(digits);
    }

    BigDecimal zero() {
        return decimal(0);
    }
}
