package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A file to read, which can be opened from its start more than once (once to detect its layout,
 * once to read it): an upload of the connection, or a download in a temporary file.
 *
 * @param name what messages call it (the uploaded file's name, the URL's last segment)
 * @param size its length in bytes
 * @param opener opens its bytes
 * @param path where the bytes are on this machine's disk, or null (an upload in the platform's storage)
 */
record SpreadsheetInput(String name, long size, Opener opener, java.nio.file.Path path) {

    /** Opens the bytes from the start; the caller closes the stream. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    /**
     * The bytes could not be had from where they are kept (storage unavailable): worth retrying,
     * unlike a file that cannot be parsed.
     */
    static final class Unavailable extends IOException {
        private static final long serialVersionUID = 1L;
        private final String name;

        Unavailable(String name, IOException cause) {
            super(cause.getMessage(), cause);
            this.name = name;
        }

        ConnectorException failure() {
            return new ConnectorException(Category.TRANSIENT, name + " could not be read from storage: "
                    + getCause().getClass().getSimpleName(), getCause());
        }
    }

    SpreadsheetInput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(opener, "opener");
    }

    /**
     * Opens the bytes; failures of the storage (at open and while reading) are {@link Unavailable},
     * so that they are told apart from a file that does not parse.
     */
    InputStream open() throws IOException {
        InputStream in;
        try {
            in = opener.open();
        } catch (IOException e) {
            throw new Unavailable(name, e);
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw new Unavailable(name, e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw new Unavailable(name, e);
                }
            }
        };
    }

    /** Up to {@code max} bytes of the start; fewer when the file is shorter. */
    byte[] head(int max) throws IOException {
        try (InputStream in = open()) {
            return in.readNBytes(max);
        }
    }
}
