package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.spi.ConfigProperty;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The config of the spreadsheet source: the files uploaded to the connection, or one file at a URL.
 * Unset components take their defaults in the constructor. The enum constants are the config's
 * values as stored and shown ({@code "format": "auto"}), hence lower case.
 */
public record SpreadsheetSourceConfig(
        @ConfigProperty(title = "File URL", order = 1, target = true, example = "https://example.com/exports/sales.csv",
                description = "Optional. An https (or http) address the file is fetched from at every read; leave"
                        + " empty to read the files uploaded to this connection, oldest first")
        @Size(max = 2000) String url,
        @ConfigProperty(title = "Format", order = 2, defaultValue = "auto",
                description = "auto tells CSV from XLSX by the file's name and first bytes") Format format,
        @ConfigProperty(title = "Header row", order = 3, defaultValue = "auto",
                description = "Whether the first row names the columns; auto decides from the rows below it")
        Header header,
        @ConfigProperty(title = "Key columns", order = 4, example = "order_id",
                description = "Comma-separated columns that identify a row, so a changed row updates its record;"
                        + " empty to identify rows by their content") @Size(max = 1000) String keyColumns,
        @ConfigProperty(title = "Column types", order = 5, example = "amount:decimal,sold_on:date",
                description = "Optional types that replace the detected ones: integer, decimal, boolean, date,"
                        + " date-time or text; date-dmy, date-mdy, date-time-dmy and date-time-mdy fix the order"
                        + " of dates like 06/12/2026") @Size(max = 4000) String columnTypes,
        @ConfigProperty(title = "Delimiter", order = 10, group = "CSV", defaultValue = "auto",
                description = "auto, or the one character between cells (, ; | or tab)") @Size(max = 10) String delimiter,
        @ConfigProperty(title = "Encoding", order = 11, group = "CSV", defaultValue = "auto",
                description = "auto (a byte order mark, else UTF-8 when the bytes are valid UTF-8, else windows-1252),"
                        + " or a charset name such as ISO-8859-1 or Shift_JIS") @Size(max = 40) String encoding,
        @ConfigProperty(title = "Sheet", order = 20, group = "XLSX",
                description = "The sheet to read; empty for the first") @Size(max = 100) String sheet,
        @ConfigProperty(title = "Stream name", order = 30, group = "Advanced", defaultValue = "rows",
                description = "The name the rows are known by in mappings") @Size(max = 64) String stream) {

    /** The file format. */
    public enum Format {
        /** CSV or XLSX, by the file's first bytes (a zip is XLSX) and name. */
        auto,
        csv,
        xlsx
    }

    /** Whether the first row is a header. */
    public enum Header {
        /** Decided from the first rows (see the connector's documentation). */
        auto,
        yes,
        no
    }

    public SpreadsheetSourceConfig {
        url = url == null ? "" : url.strip();
        format = format == null ? Format.auto : format;
        header = header == null ? Header.auto : header;
        keyColumns = keyColumns == null ? "" : keyColumns.strip();
        columnTypes = columnTypes == null ? "" : columnTypes.strip();
        delimiter = delimiter == null || delimiter.isEmpty() ? "auto" : delimiter;
        encoding = encoding == null || encoding.isBlank() ? "auto" : encoding.strip();
        sheet = sheet == null ? "" : sheet.strip();
        stream = stream == null || stream.isBlank() ? "rows" : stream.strip();
    }

    /** Uploads, everything else as defaults. */
    public static SpreadsheetSourceConfig uploads() {
        return new SpreadsheetSourceConfig(null, null, null, null, null, null, null, null, null);
    }

    /** One file at {@code url}, everything else as defaults. */
    public static SpreadsheetSourceConfig at(String url) {
        return new SpreadsheetSourceConfig(url, null, null, null, null, null, null, null, null);
    }

    /** Whether the file comes from the URL rather than from uploads. */
    public boolean fromUrl() {
        return !url.isEmpty();
    }

    /** The parameter problems, found without reading anything; empty when the config is usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (fromUrl()) {
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
                    problems.add("file URL must be an absolute https or http URL");
                } else if (uri.getUserInfo() != null) {
                    problems.add("file URL must not carry a user name or password");
                }
            } catch (URISyntaxException e) {
                problems.add("file URL is not a URL");
            }
        }
        if (delimiterChar().isEmpty() && !delimiter.equalsIgnoreCase("auto")) {
            problems.add("delimiter must be auto or one character other than a quote or a line break");
        }
        if (!encoding.equalsIgnoreCase("auto")) {
            try {
                if (!Charset.isSupported(encoding)) {
                    problems.add("encoding '" + encoding + "' is not a charset this platform knows");
                }
            } catch (IllegalCharsetNameException e) {
                problems.add("encoding '" + encoding + "' is not a charset name");
            }
        }
        for (String key : keyColumnList()) {
            if (key.isEmpty()) {
                problems.add("key columns must be column names separated by commas");
                break;
            }
        }
        try {
            columnTypeMap();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!stream.matches("[A-Za-z0-9_.-]{1,64}")) {
            problems.add("stream name may hold letters, digits, _ . and - only");
        }
        return problems;
    }

    /** The delimiter set, or empty for auto (and for an unusable one, which {@link #problems} names). */
    Optional<Character> delimiterChar() {
        String d = delimiter.equalsIgnoreCase("tab") || delimiter.equals("\\t") ? "\t" : delimiter;
        if (d.length() == 1 && d.charAt(0) != '"' && d.charAt(0) != '\n' && d.charAt(0) != '\r') {
            return Optional.of(d.charAt(0));
        }
        return Optional.empty();
    }

    /** The encoding set, or empty for auto. */
    Optional<Charset> charset() {
        return encoding.equalsIgnoreCase("auto") ? Optional.empty() : Optional.of(Charset.forName(encoding));
    }

    /** The header setting as true, false or null (detect). */
    Boolean headerSetting() {
        return header == Header.auto ? null : header == Header.yes;
    }

    /** The key columns' names, in order; empty when rows are keyed by content. */
    List<String> keyColumnList() {
        if (keyColumns.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String name : keyColumns.split(",", -1)) {
            names.add(name.strip());
        }
        return names;
    }

    /**
     * The column types set, by column name in the order given.
     *
     * @throws IllegalArgumentException naming a malformed entry
     */
    Map<String, ColumnType> columnTypeMap() {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        if (columnTypes.isEmpty()) {
            return types;
        }
        for (String entry : columnTypes.split(",")) {
            int colon = entry.lastIndexOf(':');
            String column = colon < 0 ? "" : entry.substring(0, colon).strip();
            String type = colon < 0 ? "" : entry.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            DateCells.Order order = DateCells.Order.EITHER;
            if (type.endsWith("-dmy") || type.endsWith("-mdy")) {
                order = type.endsWith("-dmy") ? DateCells.Order.DAY_FIRST : DateCells.Order.MONTH_FIRST;
                type = type.substring(0, type.length() - 4);
            }
            Optional<CellType> kind = CellType.named(type);
            if (column.isEmpty() || kind.isEmpty()
                    || order != DateCells.Order.EITHER && kind.get() != CellType.DATE && kind.get() != CellType.DATE_TIME) {
                throw new IllegalArgumentException("column types must be column:type pairs separated by commas, the types"
                        + " integer, decimal, boolean, date, date-time, text, date-dmy, date-mdy, date-time-dmy or"
                        + " date-time-mdy; '" + entry.strip() + "' is not one");
            }
            types.put(column, new ColumnType(kind.get(), order, false));
        }
        return types;
    }
}
