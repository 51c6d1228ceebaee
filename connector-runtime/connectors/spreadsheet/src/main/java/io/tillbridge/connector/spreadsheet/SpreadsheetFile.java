package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One spreadsheet file opened for reading: its format, encoding and delimiter (CSV) or sheet (XLSX)
 * detected from its first bytes, and its {@link TableLayout} from its first rows. Reading it again
 * from the start ({@link #rows()}) gives the same rows in the same layout. An XLSX workbook that is
 * not on disk yet (an upload) is copied to a temporary file first, as POI's streaming reader opens
 * the zip in place; {@link #close()} deletes it.
 */
final class SpreadsheetFile implements AutoCloseable {

    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private final SpreadsheetInput input;
    private final RowSource rows;
    private final String encoding;
    private final List<RawRow> sample;
    private final TableLayout layout;
    private final Path copy;

    private SpreadsheetFile(SpreadsheetInput input, RowSource rows, String encoding, List<RawRow> sample,
            TableLayout layout, Path copy) {
        this.input = input;
        this.rows = rows;
        this.encoding = encoding;
        this.sample = sample;
        this.layout = layout;
        this.copy = copy;
    }

    /** Opens {@code input} as the config says, detecting what it leaves to auto. */
    static SpreadsheetFile open(SpreadsheetInput input, SpreadsheetSourceConfig config) {
        byte[] head;
        try {
            head = input.head(SpreadsheetLimits.SNIFF_BYTES);
        } catch (SpreadsheetInput.Unavailable e) {
            throw e.failure();
        } catch (IOException e) {
            throw new ConnectorException(Category.TRANSIENT, input.name() + " could not be read: " + e.getMessage(), e);
        }
        boolean xlsx = switch (config.format()) {
            case xlsx -> true;
            case csv -> false;
            case auto -> isXlsx(input.name(), head);
        };
        Path copy = null;
        try {
            RowSource rows;
            String encoding = null;
            if (xlsx) {
                Path path = input.path();
                if (path == null) {
                    copy = copyToDisk(input);
                    path = copy;
                }
                rows = new XlsxRows(path.toFile(), input.name(), config.sheet());
            } else {
                CsvRows csv = csv(input, head, config);
                encoding = csv.charset().name();
                rows = csv;
            }
            List<RawRow> sample = new ArrayList<>();
            rows.read(row -> {
                sample.add(row);
                return sample.size() <= SpreadsheetLimits.SAMPLE_ROWS;
            });
            TableLayout layout = TableLayout.detect(sample, config.headerSetting(), config.columnTypeMap(), input.name());
            SpreadsheetFile file = new SpreadsheetFile(input, rows, encoding, sample, layout, copy);
            copy = null;
            return file;
        } finally {
            delete(copy);
        }
    }

    String name() {
        return input.name();
    }

    TableLayout layout() {
        return layout;
    }

    /** The first rows (the header too, when there is one). */
    List<RawRow> sample() {
        return sample;
    }

    /** The rows from the start; the header too, when there is one. */
    RowSource rows() {
        return rows;
    }

    /** A converter of this file's data rows into records of {@code stream}. */
    RowRecords records(String stream, List<String> keyColumns) {
        return new RowRecords(stream, layout, keyColumns, input.name(), rows.unit(), encoding);
    }

    @Override
    public void close() {
        delete(copy);
    }

    private static boolean isXlsx(String name, byte[] head) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (startsWith(head, OLE2) || lower.endsWith(".xls")) {
            throw new ConnectorException(Category.CONFIG, name + " is an old Excel (.xls) workbook, which is not read;"
                    + " save it as .xlsx or CSV and upload that");
        }
        return startsWith(head, ZIP) || lower.endsWith(".xlsx") || lower.endsWith(".xlsm");
    }

    private static CsvRows csv(SpreadsheetInput input, byte[] head, SpreadsheetSourceConfig config) {
        boolean complete = head.length < SpreadsheetLimits.SNIFF_BYTES;
        Charset charset;
        int bom;
        if (config.charset().isPresent()) {
            charset = config.charset().get();
            bom = TextEncoding.bomLength(charset, head, head.length);
        } else {
            TextEncoding.Detected detected = TextEncoding.detect(head, head.length, complete);
            charset = detected.charset();
            bom = detected.bomLength();
        }
        if (!charset.name().startsWith("UTF-16") && binary(head)) {
            throw new ConnectorException(Category.CONFIG, input.name() + " is not a spreadsheet: it is neither CSV text"
                    + " nor an XLSX workbook");
        }
        char delimiter = config.delimiterChar().orElseGet(() -> CsvDialect.detectDelimiter(
                CsvDialect.wholeLines(TextEncoding.decode(head, bom, head.length - bom, charset), complete)));
        return new CsvRows(input, charset, bom, delimiter);
    }

    /** Text files hold no NUL bytes; images, PDFs and archives do within their first bytes. */
    private static boolean binary(byte[] head) {
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }

    private static Path copyToDisk(SpreadsheetInput input) {
        Path file;
        try {
            file = Files.createTempFile("tillbridge-spreadsheet-", ".xlsx");
        } catch (IOException e) {
            throw new ConnectorException(Category.SYSTEM, "no temporary file for " + input.name() + ": " + e.getMessage(), e);
        }
        boolean done = false;
        try (InputStream in = input.open(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > SpreadsheetLimits.MAX_DOWNLOAD_BYTES) {
                    throw new ConnectorException(Category.CONFIG, input.name() + " is larger than "
                            + SpreadsheetLimits.MAX_DOWNLOAD_BYTES / (1024 * 1024) + " MiB; save it as CSV or split it");
                }
                out.write(buffer, 0, n);
            }
            done = true;
            return file;
        } catch (SpreadsheetInput.Unavailable e) {
            throw e.failure();
        } catch (IOException e) {
            throw new ConnectorException(Category.SYSTEM, "could not copy " + input.name() + " to a temporary file: "
                    + e.getMessage(), e);
        } finally {
            if (!done) {
                delete(file);
            }
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file: the operating system's cleanup gets it.
            }
        }
    }
}
