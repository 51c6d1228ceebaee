package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.rest.ConnectorCheck;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.connector.spi.ConnectionFiles.OutputRow;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.ContextAware;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.StreamDescriptor;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes records as rows of spreadsheet files that the platform keeps and renders as CSV or XLSX on
 * download ({@link ConnectionFiles#putRows}): one file per run, or one per business day. A row's key
 * is the record's idempotency key, so writing a record again replaces its row instead of adding one;
 * a row that holds exactly these cells already (in any file of the object) is not written again.
 * Cells are made for people: local date-times, plain decimals, JSON text for nested values
 * ({@link OutputCells}). See DD-037.
 */
public final class SpreadsheetTargetConnector implements TargetConnector<SpreadsheetTargetConfig>, ContextAware {

    public static final ConnectorSpec<SpreadsheetTargetConfig> SPEC = new ConnectorSpec<>("spreadsheet-target",
            "Spreadsheet file output (CSV, XLSX)", "1.0.0", Set.of(ConnectorSpec.Role.TARGET), SpreadsheetTargetConfig.class,
            "Writes records into CSV or XLSX files to download: one file per run or per business day, times in the"
                    + " location's time zone, amounts as exact decimals, a record written again replacing its row.",
            List.of(), null);

    /** The objects discovery offers; any other name made of letters, digits, space, _ . - is written too. */
    static final List<String> OBJECTS = List.of("orders", "payments", "refunds", "items", "locations", "rows");

    /** An object's name becomes part of file names: a short, safe one. */
    private static final java.util.regex.Pattern OBJECT_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}");

    /** Characters of one cell: the most an XLSX cell holds (Excel's specifications and limits: 32,767). */
    static final int MAX_CELL_CHARS = 32_767;

    private static final DateTimeFormatter RUN_STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private ConnectorContext context = ConnectorContext.standalone();
    private Instant started;

    /** For {@link java.util.ServiceLoader}. */
    public SpreadsheetTargetConnector() {
        this(Clock.systemUTC());
    }

    /** With the clock that names per-run files. */
    public SpreadsheetTargetConnector(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void useContext(ConnectorContext context) {
        this.context = context;
    }

    @Override
    public ConnectorSpec<SpreadsheetTargetConfig> spec() {
        return SPEC;
    }

    @Override
    public CheckResult check(SpreadsheetTargetConfig config) {
        // The files are the platform's: reachable when the context lends them.
        return ConnectorCheck.run(config::problems, () -> context.files().rows(OBJECTS.get(0), List.of()));
    }

    @Override
    public Catalog discover(SpreadsheetTargetConfig config) {
        ConnectorCheck.requireUsable(config.problems());
        List<FieldDescriptor> fields = new ArrayList<>();
        if (config.split() == SpreadsheetTargetConfig.Split.per_business_day) {
            fields.add(new FieldDescriptor(config.businessDayField(), FieldDescriptor.FieldType.STRING, false,
                    List.of(LocalDate.now(clock).toString())));
        }
        if (!config.timeZoneField().isEmpty()) {
            fields.add(new FieldDescriptor(config.timeZoneField(), FieldDescriptor.FieldType.STRING, true,
                    List.of(config.zone().getId())));
        }
        List<StreamDescriptor> objects = new ArrayList<>();
        for (String object : OBJECTS) {
            objects.add(new StreamDescriptor(object, fields, "", "", true));
        }
        return new Catalog(objects);
    }

    @Override
    public List<WriteResult> write(SpreadsheetTargetConfig config, String object, List<WriteRecord> batch) {
        ConnectorCheck.requireUsable(config.problems());
        requireObjectName(object);
        ConnectionFiles files = context.files();
        Map<String, OutputRow> rows = new LinkedHashMap<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        for (WriteRecord record : batch) {
            String reason = problem(config, record);
            if (reason != null) {
                rejected.put(record.idempotencyKey(), reason);
            } else {
                rows.put(record.idempotencyKey(), new OutputRow(fileName(config, object, record), record.idempotencyKey(),
                        OutputCells.cells(record.data(), zone(config, record))));
            }
        }
        Map<String, Map<String, Object>> stored = rows.isEmpty() ? Map.of() : files.rows(object, rows.keySet());
        List<OutputRow> changed = new ArrayList<>();
        rows.values().forEach(row -> {
            if (!row.values().equals(stored.get(row.key()))) {
                changed.add(row);
            }
        });
        Map<String, Boolean> written = changed.isEmpty() ? Map.of() : files.putRows(object, changed);
        List<WriteResult> results = new ArrayList<>(batch.size());
        for (WriteRecord record : batch) {
            String key = record.idempotencyKey();
            if (rejected.containsKey(key)) {
                results.add(WriteResult.rejected(key, rejected.get(key)));
            } else {
                OutputRow row = rows.get(key);
                results.add(Boolean.TRUE.equals(written.get(key)) ? WriteResult.written(key, row.file())
                        : WriteResult.unchanged(key, row.file()));
            }
        }
        return results;
    }

    @Override
    public Map<String, Map<String, Object>> current(SpreadsheetTargetConfig config, String object,
            List<WriteRecord> records) {
        ConnectorCheck.requireUsable(config.problems());
        requireObjectName(object);
        List<String> keys = records.stream().map(WriteRecord::idempotencyKey).toList();
        Map<String, Map<String, Object>> stored = keys.isEmpty() ? Map.of() : context.files().rows(object, keys);
        Map<String, Map<String, Object>> current = new LinkedHashMap<>();
        for (WriteRecord record : records) {
            Map<String, Object> row = stored.get(record.idempotencyKey());
            if (row == null) {
                continue;
            }
            // Stored cells are converted (local times, JSON text): a cell equal to this record's converted
            // field is answered as the record's own value, so that shadow mode sees no change there.
            Map<String, Object> converted = OutputCells.cells(record.data(), zone(config, record));
            Map<String, Object> answer = new LinkedHashMap<>(row);
            record.data().forEach((field, value) -> {
                if (row.containsKey(field) && Objects.equals(row.get(field), converted.get(field))) {
                    answer.put(field, value);
                }
            });
            current.put(record.idempotencyKey(), answer);
        }
        return current;
    }

    /** Why the record cannot be written, or null. */
    private static String problem(SpreadsheetTargetConfig config, WriteRecord record) {
        Map<String, Object> data = record.data();
        if (data.size() > SpreadsheetLimits.MAX_COLUMNS) {
            return "the record has " + data.size() + " fields; a file holds at most " + SpreadsheetLimits.MAX_COLUMNS
                    + " columns";
        }
        if (config.split() == SpreadsheetTargetConfig.Split.per_business_day) {
            Object day = data.get(config.businessDayField());
            if (day == null || day.toString().isBlank()) {
                return "the record has no " + config.businessDayField() + ", which names its file (one file per business day);"
                        + " map a business day to it";
            }
            try {
                LocalDate.parse(day.toString().strip());
            } catch (DateTimeParseException e) {
                return config.businessDayField() + " '" + cut(day.toString()) + "' is not a date (yyyy-MM-dd)";
            }
        }
        if (!config.timeZoneField().isEmpty() && data.get(config.timeZoneField()) instanceof String zone
                && !zone.isBlank()) {
            try {
                ZoneId.of(zone.strip());
            } catch (DateTimeException e) {
                return config.timeZoneField() + " '" + cut(zone) + "' is not an IANA time zone such as Europe/Berlin";
            }
        }
        for (Map.Entry<String, Object> field : data.entrySet()) {
            Object cell = OutputCells.cell(field.getValue(), ZoneOffset.UTC);
            if (cell instanceof String text && text.length() > MAX_CELL_CHARS) {
                return "field " + field.getKey() + " holds " + text.length() + " characters; a spreadsheet cell holds at most "
                        + MAX_CELL_CHARS;
            }
        }
        return null;
    }

    private static ZoneId zone(SpreadsheetTargetConfig config, WriteRecord record) {
        if (!config.timeZoneField().isEmpty() && record.data().get(config.timeZoneField()) instanceof String zone
                && !zone.isBlank()) {
            return ZoneId.of(zone.strip());
        }
        return config.zone();
    }

    private String fileName(SpreadsheetTargetConfig config, String object, WriteRecord record) {
        if (config.split() == SpreadsheetTargetConfig.Split.per_business_day) {
            return object + " " + LocalDate.parse(record.data().get(config.businessDayField()).toString().strip());
        }
        if (started == null) {
            started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        }
        return object + " " + RUN_STAMP.format(started);
    }

    private static void requireObjectName(String object) {
        if (object == null || !OBJECT_NAME.matcher(object).matches()) {
            throw new ConnectorException(Category.CONFIG, "an output object's name is 1 to 64 letters, digits, spaces,"
                    + " _ . or -, starting with a letter or digit; '" + (object == null ? "" : cut(object)) + "' is not");
        }
    }

    private static String cut(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
