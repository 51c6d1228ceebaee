package io.tillbridge.connector.spreadsheet;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Fails the read of a CSV file once one record (quoted line breaks included) runs longer than a
 * bound, before the parser has buffered it: a quote that is never closed would otherwise make the
 * parser hold the rest of the file as one cell. It follows the quoting as the parser reads it (RFC
 * 4180 with Commons CSV's leniency): a quote opens a quoted cell only at the start of a cell, so an
 * inch mark inside an unquoted cell ({@code Pizza 12"}) is text; inside a quoted cell {@code ""} is a
 * quote and a lone {@code "} closes it.
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

    private enum State { CELL_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final int max;
    private final char delimiter;
    private State state = State.CELL_START;
    private int length;
    private long line = 1;
    private long recordStart = 1;

    RecordLengthGuard(Reader in, int max, char delimiter) {
        super(in);
        this.max = max;
        this.delimiter = delimiter;
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
        if (c == '\n') {
            line++;
        }
        boolean lineBreak = c == '\n' || c == '\r';
        switch (state) {
            case QUOTED -> state = c == '"' ? State.QUOTE_IN_QUOTED : State.QUOTED;
            case QUOTE_IN_QUOTED -> state = c == '"' ? State.QUOTED
                    : c == delimiter || lineBreak ? State.CELL_START : State.UNQUOTED;
            case CELL_START -> state = c == '"' ? State.QUOTED
                    : c == delimiter || lineBreak ? State.CELL_START : State.UNQUOTED;
            case UNQUOTED -> state = c == delimiter || lineBreak ? State.CELL_START : State.UNQUOTED;
        }
        if (lineBreak && state == State.CELL_START) {
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
