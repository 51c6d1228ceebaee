package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.connector.spi.InProcessConnectorContext;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceRecord;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads one generated CSV upload of about {@code args[0]} MB through the spreadsheet source and
 * prints {@code rows=<n> problems=<n>}; run in a JVM with a small heap by {@link SpreadsheetStreamingIT}.
 * The file is generated on the fly by an InputStream, so it is never in memory either. {@code args[1]}
 * is the key columns ({@code -} for none).
 */
public final class StreamingRead {

    /** Rows of about a hundred bytes: an id, an amount, a date, a text, a boolean. */
    static final class GeneratedCsv extends InputStream {
        private final long rows;
        private long row = -1;
        private byte[] line = "order_id,amount,sold_on,note,paid\n".getBytes(StandardCharsets.US_ASCII);
        private int at;

        GeneratedCsv(long rows) {
            this.rows = rows;
        }

        @Override
        public int read() {
            if (at == line.length && !next()) {
                return -1;
            }
            return line[at++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at == line.length && !next()) {
                return -1;
            }
            int n = Math.min(len, line.length - at);
            System.arraycopy(line, at, b, off, n);
            at += n;
            return n;
        }

        private boolean next() {
            if (++row >= rows) {
                return false;
            }
            line = ("ord-" + row + "," + (row % 10_000) + "." + String.format("%02d", row % 100) + ",2026-12-"
                    + String.format("%02d", 1 + row % 28) + ",a note about order number " + row + " of the day at the till,"
                    + (row % 2 == 0) + "\n").getBytes(StandardCharsets.US_ASCII);
            at = 0;
            return true;
        }
    }

    public static void main(String[] args) {
        long megabytes = Long.parseLong(args[0]);
        String keys = args[1].equals("-") ? null : args[1];
        long rows = megabytes * 1024 * 1024 / 100;
        ConnectionFiles.UploadedFile upload = new ConnectionFiles.UploadedFile(1, "generated", "generated.csv",
                megabytes * 1024 * 1024, "0", Instant.now());
        ConnectionFiles files = new ConnectionFiles() {
            @Override
            public List<UploadedFile> uploadedAfter(long afterSequence, int limit) {
                return afterSequence < 1 ? List.of(upload) : List.of();
            }

            @Override
            public InputStream open(UploadedFile file) {
                return new GeneratedCsv(rows);
            }

            @Override
            public Map<String, Boolean> putRows(String object, List<OutputRow> outputRows) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Map<String, Object>> rows(String object, Collection<String> keys) {
                throw new UnsupportedOperationException();
            }
        };
        SpreadsheetSourceConnector source = new SpreadsheetSourceConnector();
        source.useContext(new InProcessConnectorContext().withFiles(files));
        long[] counts = new long[3];
        source.read(new SpreadsheetSourceConfig(null, null, null, keys, null, null, null, null, null), "rows", null,
                new RecordSink() {
                    @Override
                    public void record(SourceRecord record) {
                        counts[0]++;
                        counts[1] += record.data().containsKey(SourceRecord.PROBLEMS) ? 1 : 0;
                    }

                    @Override
                    public void checkpoint(Checkpoint checkpoint) {
                        counts[2]++;
                    }
                });
        System.out.println("rows=" + counts[0] + " problems=" + counts[1] + " checkpoints=" + counts[2]
                + " expected=" + rows);
    }

    private StreamingRead() {
    }
}
