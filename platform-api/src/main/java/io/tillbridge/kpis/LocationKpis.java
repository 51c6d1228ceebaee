package io.tillbridge.kpis;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The record KPIs of one vendor location, from the source activity: the records new to the
 * location created in the range (by their creation time), and the hours and money they saved.
 *
 * @param location the vendor's location id; empty for records without one
 * @param series one entry per bucket of the range, empty buckets included
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "The records of one vendor location and what they saved, in total and per bucket")
public record LocationKpis(String location, long records, @Nullable BigDecimal hoursSaved,
        @Nullable BigDecimal moneySaved, List<Bucket> series) {

    /** One bucket of a location's series. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "LocationKpiBucket", description = "The records of one location in one bucket")
    public record Bucket(LocalDate start, long records, @Nullable BigDecimal hoursSaved,
            @Nullable BigDecimal moneySaved) {
    }
}
