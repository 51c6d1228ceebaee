package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.spi.ConfigProperty;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The config of the spreadsheet target: which files the rows go into and how their times are shown.
 * Unset components take their defaults in the constructor. The enum constants are the config's
 * values as stored and shown ({@code "split": "per_business_day"}), hence lower case.
 */
public record SpreadsheetTargetConfig(
        @ConfigProperty(title = "Format", order = 1, defaultValue = "csv",
                description = "The format the files are downloaded in") OutputFormat format,
        @ConfigProperty(title = "Files", order = 2, defaultValue = "per_run",
                description = "per_run: one file per run, named after the object and the run's time (UTC);"
                        + " per_business_day: one file per business day, named after the object and the day") Split split,
        @ConfigProperty(title = "Business day field", order = 3, defaultValue = "business_day",
                description = "per_business_day: the record field holding the business day (yyyy-MM-dd)")
        @Size(max = 100) String businessDayField,
        @ConfigProperty(title = "Time zone", order = 4, example = "Europe/Berlin",
                description = "IANA time zone that timestamps are shown in (yyyy-MM-dd HH:mm:ss); empty for UTC")
        @Size(max = 64) String timeZone,
        @ConfigProperty(title = "Time zone field", order = 5, example = "time_zone",
                description = "Optional record field holding a record's own time zone (a location's), used before"
                        + " the time zone above") @Size(max = 100) String timeZoneField) {

    /** The format of the downloaded files. */
    public enum OutputFormat { csv, xlsx }

    /** How rows are split into files. */
    public enum Split {
        /** One file per run (per connector instance). */
        per_run,
        /** One file per value of the business day field. */
        per_business_day
    }

    public SpreadsheetTargetConfig {
        format = format == null ? OutputFormat.csv : format;
        split = split == null ? Split.per_run : split;
        businessDayField = businessDayField == null || businessDayField.isBlank() ? "business_day" : businessDayField.strip();
        timeZone = timeZone == null ? "" : timeZone.strip();
        timeZoneField = timeZoneField == null ? "" : timeZoneField.strip();
    }

    /** CSV, one file per run, UTC. */
    public static SpreadsheetTargetConfig defaults() {
        return new SpreadsheetTargetConfig(null, null, null, null, null);
    }

    /** The parameter problems; empty when the config is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!timeZone.isEmpty()) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                problems.add("time zone '" + timeZone + "' is not an IANA time zone such as Europe/Berlin");
            }
        }
        return problems;
    }

    /** The time zone set, UTC when none. */
    ZoneId zone() {
        return timeZone.isEmpty() ? ZoneOffset.UTC : ZoneId.of(timeZone);
    }
}
