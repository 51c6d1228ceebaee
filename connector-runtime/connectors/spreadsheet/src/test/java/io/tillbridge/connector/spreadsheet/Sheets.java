package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.InMemoryConnectionFiles;
import io.tillbridge.connector.spi.InProcessConnectorContext;
import io.tillbridge.connector.spi.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Test files and reads of the spreadsheet source. */
final class Sheets {

    private Sheets() {
    }

    /** An orders CSV with a header and rows {@code from..to}: order_id, amount (two decimals), sold_on. */
    static String orders(int from, int to) {
        StringBuilder csv = new StringBuilder("order_id,amount,sold_on\n");
        for (int i = from; i <= to; i++) {
            csv.append("ord-").append(i).append(',').append(i).append('.').append(String.format("%02d", i % 100))
                    .append(",2026-12-").append(String.format("%02d", 1 + i % 28)).append('\n');
        }
        return csv.toString();
    }

    /** A source over these files, with a checkpoint every {@code rowsPerCheckpoint} rows. */
    static SpreadsheetSourceConnector source(InMemoryConnectionFiles files, int rowsPerCheckpoint) {
        SpreadsheetSourceConnector source = new SpreadsheetSourceConnector(rowsPerCheckpoint);
        source.useContext(new InProcessConnectorContext().withFiles(files));
        return source;
    }

    static SpreadsheetSourceConnector source(InMemoryConnectionFiles files) {
        return source(files, SpreadsheetLimits.ROWS_PER_CHECKPOINT);
    }

    /** A full read of the config's stream from {@code checkpoint}. */
    static CollectingSink read(SpreadsheetSourceConnector source, SpreadsheetSourceConfig config, Checkpoint checkpoint) {
        return read(source, config, checkpoint, Integer.MAX_VALUE);
    }

    static CollectingSink read(SpreadsheetSourceConnector source, SpreadsheetSourceConfig config, Checkpoint checkpoint,
            int stopAfter) {
        CollectingSink sink = new CollectingSink(stopAfter);
        source.read(config, config.stream(), checkpoint, sink);
        return sink;
    }

    /** Uploads {@code bytes} and reads everything with {@code config}. */
    static List<SourceRecord> readUpload(String name, byte[] bytes, SpreadsheetSourceConfig config) {
        InMemoryConnectionFiles files = new InMemoryConnectionFiles();
        files.upload(name, bytes);
        return read(source(files), config, null).committed();
    }

    static Catalog discoverUpload(String name, byte[] bytes, SpreadsheetSourceConfig config) {
        InMemoryConnectionFiles files = new InMemoryConnectionFiles();
        files.upload(name, bytes);
        return source(files).discover(config);
    }

    /** The record's problems ({@link SourceRecord#PROBLEMS}); empty when it has none. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> problems(SourceRecord record) {
        Object problems = record.data().get(SourceRecord.PROBLEMS);
        return problems == null ? List.of() : (List<Map<String, Object>>) problems;
    }

    /** An XLSX workbook written by POI's full model (fine for writing small test files). */
    static byte[] xlsx(Consumer<XSSFWorkbook> content) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            content.accept(workbook);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A config for uploads with these settings, the rest as defaults (null for a default). */
    static SpreadsheetSourceConfig config(String keyColumns, String columnTypes, String delimiter, String encoding,
            SpreadsheetSourceConfig.Header header, String sheet) {
        return new SpreadsheetSourceConfig(null, null, header, keyColumns, columnTypes, delimiter, encoding, sheet, null);
    }

    static SpreadsheetSourceConfig defaults() {
        return SpreadsheetSourceConfig.uploads();
    }
}
