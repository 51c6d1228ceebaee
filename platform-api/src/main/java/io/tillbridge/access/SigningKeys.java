package io.tillbridge.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that access tokens are signed with, when none is configured: an installation that
 * runs in embedded or dev mode keeps it in a file in its data directory, readable by its owner
 * only, created on first start (DD-020). It is never kept in the database, where the application
 * role (and so any SQL injection) could read it; production requires TILLBRIDGE_JWT_SECRET.
 */
public final class SigningKeys {

    /** The file, relative to the data directory. */
    public static final String FILE_NAME = "jwt-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningKeys() {
    }

    /** The secret kept in {@code dataDirectory}, created with 48 random bytes if absent. */
    public static String localSecret(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDirectory);
            if (!Files.exists(file)) {
                byte[] secret = new byte[48];
                RANDOM.nextBytes(secret);
                try {
                    if (dataDirectory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                    }
                    Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.length() < 32) {
                throw new IllegalArgumentException("The token signing key in " + file + " is shorter than 32"
                        + " characters: delete the file to create a new one (everyone signs in again).");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token signing key file " + file, e);
        }
    }
}
