package io.tillbridge.locations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A merchant's store or site. Its time zone and close-out hour decide which business day a sale
 * belongs to: a sale before the close-out hour counts for the previous day.
 */
@Serdeable
@Schema(description = "A store or site of the merchant")
public record Location(
        @Schema(example = "5d1c2a8e-9a57-4d6b-8e0b-6f4c1c9b2a10") UUID id,
        @Schema(example = "Harbour Street") String name,
        @Schema(example = "Europe/Dublin", description = "IANA time zone") String timeZone,
        @Schema(example = "4", description = "Hour (0 to 23, local time) at which the business day ends") int closeOutHour,
        @Nullable @Schema(example = "L8XR2Q4ZP", description = "The vendor's id of this location (the location_id of"
                + " source records), whose activity the data-stopped alert judges in this location's time zone")
        String vendorLocationId,
        @Schema(example = "1", description = "Sent as the ETag") int version,
        Instant createdAt,
        Instant updatedAt) {

    /** What an audit entry records of a location. */
    public Map<String, Object> auditState() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("name", name);
        state.put("timeZone", timeZone);
        state.put("closeOutHour", closeOutHour);
        state.put("vendorLocationId", vendorLocationId);
        state.put("version", version);
        return state;
    }
}
