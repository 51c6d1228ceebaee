package io.tillbridge.connector.pos;

import io.tillbridge.connector.mapping.DateTimes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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
