package io.tillbridge.migrations;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * The passwords of the embedded database's three roles (the superuser, the owner, the application
 * role): random, created on first start in a file beside the database files that only its owner
 * may read (0600), and read again on every later start.
 */
public record DatabasePasswords(String superuser, String owner, String app) {

    /** The file, relative to the data directory (the parent of the database files). */
    public static final String FILE_NAME = "database-passwords";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    public DatabasePasswords {
        if (blank(superuser) || blank(owner) || blank(app)) {
            throw new DatabaseSetupException("The embedded database's passwords file lacks a password:"
                    + " delete it only together with the database directory beside it.");
        }
    }

    /** Reads the passwords kept in {@code file}, creating the file with new random ones if absent. */
    public static DatabasePasswords readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                create(file);
            } else if (posix(file) && !OWNER_ONLY.equals(Files.getPosixFilePermissions(file))) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
            return new DatabasePasswords(p.getProperty("superuser"), p.getProperty("owner"), p.getProperty("app"));
        } catch (IOException e) {
            throw new DatabaseSetupException("Cannot read or create the embedded database's passwords file " + file
                    + ": " + e.getMessage() + ". Set TILLBRIDGE_DATA_DIR to a writable directory.", e);
        }
    }

    private static void create(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("superuser", random());
        p.setProperty("owner", random());
        p.setProperty("app", random());
        try {
            if (posix(file.getParent())) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "Passwords of the embedded PostgreSQL's roles. Keep this file with the database directory.");
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "DatabasePasswords[****]";
    }
}
