package io.tillbridge.files;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload's bytes on their way to the database: read from the request as they arrive, 64 KiB at
 * a time, into a temporary file of this process (readable by its user only), with their length and
 * SHA-256 counted on the way. Past the cap the read stops and the file is deleted. Spooling first
 * keeps a slow client from holding a database connection, and lets one short transaction store the
 * whole file or nothing (DD-038). Closing deletes the file.
 */
final class UploadSpool implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Path path;
    private final long size;
    private final String sha256;

    private UploadSpool(Path path, long size, String sha256) {
        this.path = path;
        this.size = size;
        this.sha256 = sha256;
    }

    /**
     * Reads {@code body} to its end into a new temporary file.
     *
     * @throws ProblemException 413 payload-too-large once more than {@code maxBytes} arrived (nothing
     *     is kept), 400 validation-failed for an empty body
     */
    static UploadSpool of(InputStream body, long maxBytes) {
        Path path = null;
        boolean kept = false;
        try {
            path = Files.createTempFile("tillbridge-upload-", ".part");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size = 0;
            byte[] buffer = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(path)) {
                for (int n = read(body, buffer); n >= 0; n = read(body, buffer)) {
                    size += n;
                    if (size > maxBytes) {
                        throw tooLarge(maxBytes);
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (size == 0) {
                throw new ProblemException(ProblemType.VALIDATION_FAILED, "file: the upload is empty; nothing was stored",
                        java.util.List.of(new io.tillbridge.problems.Problem.FieldError("file", "the upload is empty")));
            }
            kept = true;
            return new UploadSpool(path, size, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            // Writing the temporary file failed (no space left): the platform's trouble, not the upload's.
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the platform could not keep the upload"
                    + " while receiving it; nothing was stored. Retry later.", java.time.Duration.ofSeconds(30));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (!kept && path != null) {
                delete(path);
            }
        }
    }

    /** One read of the request body; a body that breaks off is the client's problem (400). */
    private static int read(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (io.micronaut.http.exceptions.ContentLengthExceededException e) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the upload is larger than the server takes"
                    + " in one request; nothing was stored. Split it into smaller files.");
        } catch (IOException | UncheckedIOException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the upload broke off before its end ("
                    + e.getClass().getSimpleName() + "); nothing was stored. Upload the file again.");
        }
    }

    static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "the file is larger than " + maxBytes
                + " bytes, the most one upload may have (tillbridge.files.max-upload-bytes); nothing was stored."
                + " Split it into smaller files.");
    }

    long size() {
        return size;
    }

    String sha256() {
        return sha256;
    }

    /** The spooled bytes from the start. */
    InputStream open() throws IOException {
        return Files.newInputStream(path);
    }

    @Override
    public void close() {
        delete(path);
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            path.toFile().deleteOnExit();
        }
    }
}
