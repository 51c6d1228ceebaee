package io.tillbridge.locations;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The configurable part of a location, for creating one or replacing one's settings.
 *
 * @param name the location's name, 1 to 200 characters
 * @param timeZone the location's time zone
 * @param closeOutHour the local hour, 0 to 23, at which its business day ends
 * @param vendorLocationId the vendor's id of the location (1 to 200 characters), or null
 */
public record LocationDraft(String name, ZoneId timeZone, int closeOutHour, String vendorLocationId) {

    /** The close-out hour when none is given: 4 a.m., after late trading and before opening. */
    public static final int DEFAULT_CLOSE_OUT_HOUR = 4;

    public LocationDraft {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeZone, "timeZone");
        name = name.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("name must be 1 to 200 characters");
        }
        if (closeOutHour < 0 || closeOutHour > 23) {
            throw new IllegalArgumentException("closeOutHour must be 0 to 23");
        }
        vendorLocationId = vendorLocationId == null || vendorLocationId.isBlank() ? null : vendorLocationId.strip();
        if (vendorLocationId != null && vendorLocationId.length() > 200) {
            throw new IllegalArgumentException("vendorLocationId must be at most 200 characters");
        }
    }

    /** A location that stands for no vendor location. */
    public LocationDraft(String name, ZoneId timeZone, int closeOutHour) {
        this(name, timeZone, closeOutHour, null);
    }
}
