package io.tillbridge.settings.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.settings.KpiTargets;
import io.tillbridge.settings.SettingsChange;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Currency;

/**
 * The new business settings of a tenant. They replace the current ones as a whole: a KPI target
 * left out (or {@code kpiTargets} left out) is cleared.
 */
@Serdeable
@Schema(description = "New business settings; they replace the current ones, so send every value you want to keep")
public record UpdateSettingsRequest(
        @Schema(example = "Harbour Coffee Ltd") @NotBlank @Size(max = 200) String businessName,
        @Schema(example = "EUR", description = "ISO 4217 code") @NotBlank @CurrencyCode String currency,
        @Schema(description = "Leave a target out (or null) to clear it") @Nullable @Valid KpiTargets kpiTargets) {

    SettingsChange toChange() {
        return new SettingsChange(businessName, Currency.getInstance(currency), kpiTargets);
    }
}
