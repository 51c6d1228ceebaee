package io.tillbridge.kpis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.settings.KpiTargets;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The KPIs of a tenant (or one of its integrations) over a range of days: the totals, one entry per
 * bucket (empty buckets included, so that a chart has no gaps), the tenant's targets, and the record
 * KPIs of its busiest vendor locations.
 *
 * @param to the range's last day, included
 * @param currency the tenant's currency, of money saved
 * @param cpuHourCost the platform's cost of one CPU-hour
 * @param costCurrency the currency of the CPU-hour cost and of the cost per 1,000 records
 * @param locationsTruncated true when the tenant had more than {@value KpiService#MAX_LOCATIONS}
 *        locations with records: only the busiest are listed
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "KPIs over a range of days: totals, a series per day, week or month, the targets, per location")
public record KpiReport(
        LocalDate from,
        LocalDate to,
        @Schema(allowableValues = {"day", "week", "month"}) String period,
        @Nullable UUID integrationId,
        String currency,
        BigDecimal cpuHourCost,
        String costCurrency,
        KpiTargets targets,
        KpiFigures totals,
        List<KpiFigures> series,
        List<LocationKpis> locations,
        boolean locationsTruncated) {
}
