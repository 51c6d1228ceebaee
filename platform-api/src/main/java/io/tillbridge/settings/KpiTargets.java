package io.tillbridge.settings;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import java.math.BigDecimal;

/**
 * The targets that the ROI dashboard measures an integration against, set before go-live. Each
 * is optional (null when not set); the limits match the columns of {@code tenant_settings}.
 *
 * @param manualMinutesPerRecord minutes of manual work one record took before the integration
 * @param hourlyStaffCost what an hour of that work costs, in the tenant's currency
 * @param targetErrorRate the share of records allowed to fail, 0 to 1
 * @param targetCompletionMinutes how long a run may take, in minutes
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "KPI targets; each is optional and null when not set")
public record KpiTargets(
        @Schema(example = "2.5", description = "Minutes of manual work per record before the integration")
        @Nullable @DecimalMin("0") @Digits(integer = 6, fraction = 2) BigDecimal manualMinutesPerRecord,
        @Schema(example = "28.50", description = "Cost of an hour of staff time, in the tenant's currency")
        @Nullable @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal hourlyStaffCost,
        @Schema(example = "0.01", description = "Share of records allowed to fail, from 0 to 1")
        @Nullable @DecimalMin("0") @DecimalMax("1") @Digits(integer = 1, fraction = 5) BigDecimal targetErrorRate,
        @Schema(example = "15", description = "Minutes a run may take at most")
        @Nullable @DecimalMin("0") @Digits(integer = 6, fraction = 2) BigDecimal targetCompletionMinutes) {

    /** No targets set. */
    public static final KpiTargets NONE = new KpiTargets(null, null, null, null);

    /** Whether any target is set. */
    public boolean anySet() {
        return manualMinutesPerRecord != null || hourlyStaffCost != null || targetErrorRate != null
                || targetCompletionMinutes != null;
    }
}
