package io.tillbridge.connector.clover;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Clover's amounts (integers in the currency's minor units: {@code 1250} is USD 12.50, JPY 1250) as
 * the canonical model's decimals with exactly the currency's digits.
 *
 * @param digits the currency's minor-unit digits (ISO 4217); 2 for a code the JDK does not know
 */
record CloverMoney(String currency, int digits) {

    static CloverMoney of(String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            digits = 2;
        }
        return new CloverMoney(currency, digits);
    }

    BigDecimal decimal(long minor) {
        return BigDecimal.valueOf(minor).movePointLeft(digits).setScale(digits);
    }
}
