package io.tillbridge.locations.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.locations.LocationDraft;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.ZoneId;

/** A location to create, or the new settings of one (they replace the current ones). */
@Serdeable
@Schema(description = "A location's name, time zone and close-out hour")
public record SaveLocationRequest(
        @Schema(example = "Harbour Street") @NotBlank @Size(max = 200) String name,
        @Schema(example = "Europe/Dublin", description = "IANA time zone") @NotBlank @TimeZoneId String timeZone,
        @Schema(example = "4", description = "Local hour (0 to 23) at which the business day ends; default 4")
        @Nullable @Min(0) @Max(23) Integer closeOutHour,
        @Schema(example = "L8XR2Q4ZP", description = "The vendor's id of this location (the location_id of source"
                + " records); the data-stopped alert uses this location's time zone for it")
        @Nullable @Size(max = 200) String vendorLocationId) {

    LocationDraft toDraft() {
        return new LocationDraft(name, ZoneId.of(timeZone),
                closeOutHour == null ? LocationDraft.DEFAULT_CLOSE_OUT_HOUR : closeOutHour, vendorLocationId);
    }
}
