package io.tillbridge.kpis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The KPIs of one bucket (a day, week or month) or of the whole range. Runs count in the bucket in
 * which they finished; shadow runs do not count. See {@link KpiService} for the formulas.
 *
 * @param start the bucket's first day (UTC); null for the totals of the range
 * @param recordsRead records the runs read from the source
 * @param recordsSynced records the runs wrote to the target (records unchanged at the target and
 *        records that failed are not synced)
 * @param recordsFailed records the runs sent to the error inbox
 * @param runsSucceeded runs that succeeded
 * @param runsFailed runs that failed (cancelled runs are neither)
 * @param cpuMillis CPU time the runs took, in milliseconds
 * @param errorsCaught record errors resolved by a later run that wrote the record
 * @param hoursSaved records synced x manual minutes per record / 60; null without that target
 * @param moneySaved hours saved x hourly staff cost, in the tenant's currency; null without both targets
 * @param costPerThousandRecords CPU hours x cost per CPU-hour / records synced x 1,000, in the
 *        platform's cost currency; null without records synced
 * @param completionP50Seconds median duration (finished - started) of the successful runs; null without any
 * @param completionP95Seconds 95th percentile of the same
 * @param uptime scheduled intervals in which a run succeeded / scheduled intervals (see {@link KpiService}); null without any
 * @param intervalsScheduled the scheduled intervals that uptime is measured over
 * @param intervalsUp those in which a run succeeded
 * @param errorRate records failed / records read; null without records read
 * @param meetsTarget whether the KPIs with targets meet them
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "The KPIs of one bucket (day, week or month) or, with a null start, of the whole range")
public record KpiFigures(
        @Nullable LocalDate start,
        long recordsRead,
        long recordsSynced,
        long recordsFailed,
        long runsSucceeded,
        long runsFailed,
        long cpuMillis,
        long errorsCaught,
        @Nullable BigDecimal hoursSaved,
        @Nullable BigDecimal moneySaved,
        @Nullable BigDecimal costPerThousandRecords,
        @Nullable BigDecimal completionP50Seconds,
        @Nullable BigDecimal completionP95Seconds,
        @Nullable BigDecimal uptime,
        long intervalsScheduled,
        long intervalsUp,
        @Nullable BigDecimal errorRate,
        KpiVerdicts meetsTarget) {
}
