package io.tillbridge.connector.mapping;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Date-time parsing, re-zoning and business days. */
public final class DateTimes {

    private DateTimes() {
    }

    /**
     * The business day a moment belongs to: its local date in {@code zone}, minus one day when its
     * local time is before {@code closeOut}. Local time, not a fixed offset, so that it stays right
     * across daylight-saving changes.
     */
    public static LocalDate businessDay(ZonedDateTime moment, ZoneId zone, LocalTime closeOut) {
        LocalDateTime local = moment.withZoneSameInstant(zone).toLocalDateTime();
        return local.toLocalTime().isBefore(closeOut) ? local.toLocalDate().minusDays(1) : local.toLocalDate();
    }

    /** A zone by its id; throws {@link ValueException} for an unknown one. */
    static ZoneId zone(Object id, String what) {
        if (!(id instanceof String) || ((String) id).isBlank()) {
            throw new ValueException(what + " is missing or not a time zone id",
                    "Give an IANA time zone such as America/New_York.", id);
        }
        try {
            return ZoneId.of(((String) id).trim());
        } catch (DateTimeException e) {
            throw new ValueException("'" + id + "' is not a time zone", "Give an IANA time zone such as America/New_York.", id);
        }
    }

    /**
     * Parses an ISO 8601 date-time with offset ({@code 2026-11-27T01:30:00Z},
     * {@code ...+01:00}) or, with {@code assumeZone}, a local one.
     */
    static ZonedDateTime parseDateTime(Object value, ZoneId assumeZone) {
        if (!(value instanceof String)) {
            throw new ValueException(ValueType.kind(value) + " is not a date-time",
                    "Map an ISO 8601 date-time such as 2026-11-27T01:30:00Z.", value);
        }
        String text = ((String) value).trim();
        try {
            return ZonedDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME);
        } catch (DateTimeParseException withoutZone) {
            if (assumeZone != null) {
                try {
                    return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(assumeZone);
                } catch (DateTimeParseException ignored) {
                    // falls through to the error below
                }
            }
            throw new ValueException("'" + Values.display(value) + "' is not an ISO 8601 date-time with offset",
                    assumeZone == null
                            ? "Use a value like 2026-11-27T01:30:00Z, or set assumeZone for local times."
                            : "Use a value like 2026-11-27T01:30:00.", value);
        }
    }

    static OffsetDateTime toOffset(ZonedDateTime moment) {
        return moment.toOffsetDateTime();
    }

    static LocalDate parseDate(Object value) {
        if (value instanceof String) {
            String text = ((String) value).trim();
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                try {
                    return ZonedDateTime.parse(text, DateTimeFormatter.ISO_DATE_TIME).toLocalDate();
                } catch (DateTimeParseException e2) {
                    try {
                        return LocalDateTime.parse(text).toLocalDate();
                    } catch (DateTimeParseException e3) {
                        // falls through
                    }
                }
            }
        }
        throw new ValueException(ValueType.kind(value) + " is not a date",
                "Map an ISO 8601 date such as 2026-11-27.", value);
    }
}
