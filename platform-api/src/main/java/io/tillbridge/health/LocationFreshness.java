package io.tillbridge.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * How fresh an integration's source data is at one vendor location: the creation time of the newest
 * source record taken in from it, and its age.
 *
 * @param location the vendor's location id ({@code location_id} of the records); empty for records without one
 * @param newestRecordAt when the newest record was created at the source
 * @param arrivedAt when a run last took in a record new to the location
 * @param ageSeconds how old the newest record is, in seconds
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "The newest source record of one vendor location and its age")
public record LocationFreshness(
        @Schema(example = "L7Q9XK2") String location,
        Instant newestRecordAt,
        Instant arrivedAt,
        @Schema(example = "540") long ageSeconds) {
}
