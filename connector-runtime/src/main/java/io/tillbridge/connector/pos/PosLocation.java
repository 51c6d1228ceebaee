package io.tillbridge.connector.pos;

import io.tillbridge.connector.mapping.DateTimes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A canonical location ({@code pos.locations}): where orders happen, with what makes their business
 * day: the time zone and the close-out hour (the vendor's where it has one, else midnight).
 */
public record PosLocation(String id, String vendor, String name, ZoneId timeZone, LocalTime closeOut,
        String currency, String country, boolean active) {

    /** The business day {@code at} belongs to here: before the close-out hour is the day before. */
    public LocalDate businessDay(Instant at) {
        return DateTimes.businessDay(at.atZone(timeZone), timeZone, closeOut);
    }

    /**
     * When business day {@code day} ends here: the close-out of the next calendar day in the
     * location's time zone, so a day is as long as the clock says (23 or 25 hours across a DST
     * change). A close-out that falls in a DST gap moves forward by the gap, as the clock does; one
     * in an overlap is the earlier of the two instants.
     */
    public Instant businessDayEnd(LocalDate day) {
        return ZonedDateTime.of(day.plusDays(1).atTime(closeOut), timeZone).toInstant();
    }

    public Map<String, Object> toData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("vendor", vendor);
        data.put("name", name);
        data.put("time_zone", timeZone.getId());
        data.put("close_out", closeOut.toString());
        data.put("currency", currency);
        data.put("country", country);
        data.put("active", active);
        return data;
    }
}
