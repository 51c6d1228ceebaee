package io.tillbridge.connector.spreadsheet;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Fails the read of a CSV file once one record (quoted line breaks included) runs longer than a
 * bound, before the parser has buffered it: a quote that is never closed would otherwise make the
 * parser hold the rest of the file as one cell. It follows the quoting itself ({@code "} toggles,
 * so {@code ""} inside a quoted cell cancels out), which is exact for the RFC 4180 quoting read here.
 */
final class RecordLengthGuard extends FilterReader {

    /** Thrown when a record is too long; names the line it started on. */
    static final class RecordTooLong extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;

        RecordTooLong(long line, int max) {
            super("the record that starts on line " + line + " is longer than " + max / 1024
                    + " KiB characters (a quote that is never closed?)");
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    private final int max;
    private boolean quoted;
    private int length;
    private long line = 1;
    private long recordStart = 1;

    RecordLengthGuard(Reader in, int max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            see((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    private void see(char c) throws RecordTooLong {
        if (c == '"') {
            quoted = !quoted;
        }
        if (c == '\n') {
            line++;
        }
        if (!quoted && (c == '\n' || c == '\r')) {
            length = 0;
            recordStart = line;
            return;
        }
        if (++length > max) {
            throw new RecordTooLong(recordStart, max);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }
}
