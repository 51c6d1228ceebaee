package io.tillbridge.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The key-encryption key of a laptop installation (embedded database, no
 * {@code TILLBRIDGE_SECRETS_KEK}): created on first start in the data directory, readable by its
 * owner only, and kept beside the database files rather than inside the database (DD-008).
 */
public final class LocalKeyFile {

    /** The file, relative to the data directory. */
    public static final String NAME = "secrets-kek";

    private LocalKeyFile() {
    }

    /** The KEK in configuration form ({@code id:base64}), created with a new random key if absent. */
    public static String readOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(NAME);
        try {
            Files.createDirectories(dataDirectory);
            if (!Files.exists(file)) {
                String kek = KeyEncryptionKeys.generate("local-1");
                try {
                    if (dataDirectory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    } else {
                        Files.createFile(file);
                    }
                    Files.writeString(file, kek + "\n", StandardCharsets.US_ASCII);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                }
            }
            String kek = Files.readString(file, StandardCharsets.US_ASCII).strip();
            KeyEncryptionKeys.of(kek);
            return kek;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secrets key file " + file, e);
        }
    }

    /** Whether a KEK is configured by a system property or the environment. */
    public static boolean configured() {
        return !blank(System.getProperty(KeyEncryptionKeys.ACTIVE_PROPERTY)) || !blank(System.getenv("TILLBRIDGE_SECRETS_KEK"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
