package io.tillbridge.settings;

import java.util.Currency;
import java.util.Objects;

/**
 * New business settings for a tenant, replacing the current ones as a whole.
 *
 * @param businessName the merchant's business name, also the tenant's display name
 * @param currency the currency amounts are kept in
 * @param kpiTargets the KPI targets; {@link KpiTargets#NONE} clears them
 */
public record SettingsChange(String businessName, Currency currency, KpiTargets kpiTargets) {

    public SettingsChange {
        Objects.requireNonNull(businessName, "businessName");
        Objects.requireNonNull(currency, "currency");
        businessName = businessName.strip();
        if (businessName.isEmpty() || businessName.length() > 200) {
            throw new IllegalArgumentException("businessName must be 1 to 200 characters");
        }
        kpiTargets = kpiTargets == null ? KpiTargets.NONE : kpiTargets;
    }
}
