package io.tillbridge.kpis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Whether each KPI that has a target meets it; null when the tenant set no target or there is
 * nothing to measure (no records read, no successful run).
 *
 * @param errorRate the error rate is at most the target error rate
 * @param completionP50 the median completion time is at most the target completion minutes
 * @param completionP95 the 95th percentile completion time is at most the target completion minutes
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Whether each KPI with a target meets it; null without a target or without figures")
public record KpiVerdicts(@Nullable Boolean errorRate, @Nullable Boolean completionP50,
        @Nullable Boolean completionP95) {
}
