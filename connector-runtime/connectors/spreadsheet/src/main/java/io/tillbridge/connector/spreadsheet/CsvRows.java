package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of a CSV file, streamed: Commons CSV's parser over a decoding reader over the file's
 * bytes, so memory holds one record (bounded by {@link RecordLengthGuard}) however large the file.
 * Bytes the encoding cannot decode become U+FFFD, which {@link RowRecords} reports as a problem.
 */
final class CsvRows implements RowSource {

    private final SpreadsheetInput input;
    private final Charset charset;
    private final int bomLength;
    private final char delimiter;

    CsvRows(SpreadsheetInput input, Charset charset, int bomLength, char delimiter) {
        this.input = input;
        this.charset = charset;
        this.bomLength = bomLength;
        this.delimiter = delimiter;
    }

    Charset charset() {
        return charset;
    }

    char delimiter() {
        return delimiter;
    }

    @Override
    public String unit() {
        return "line";
    }

    @Override
    public void read(Visitor visitor) {
        try (InputStream in = input.open()) {
            in.skipNBytes(bomLength);
            Reader reader = new RecordLengthGuard(new InputStreamReader(in, charset), SpreadsheetLimits.MAX_RECORD_CHARS,
                    delimiter);
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CsvDialect.format(delimiter)).get()) {
                long nextLine = 1;
                for (CSVRecord record : parser) {
                    long line = nextLine;
                    nextLine = parser.getCurrentLineNumber() + 1;
                    List<String> cells = new ArrayList<>(record.size());
                    record.forEach(cells::add);
                    RawRow row = new RawRow(line, cells, 0);
                    if (!row.blank() && !visitor.row(row)) {
                        return;
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    private ConnectorException unreadable(IOException e) {
        if (e instanceof RecordLengthGuard.RecordTooLong tooLong) {
            return new ConnectorException(Category.CONFIG, input.name() + ": " + tooLong.getMessage());
        }
        if (e instanceof SpreadsheetInput.Unavailable gone) {
            return gone.failure();
        }
        return new ConnectorException(Category.CONFIG, input.name() + " cannot be read as CSV: " + e.getMessage(), e);
    }
}
