package io.tillbridge.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server started by the platform itself, for a laptop or a test run where no database
 * is configured. Binaries come from a Maven artifact (PostgreSQL 15); when the process runs as
 * root they are started inside a user namespace, because PostgreSQL refuses to run as root.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The superuser that initdb creates in an embedded cluster. */
    public static final String SUPERUSER = "postgres";

    /** Client authentication of a kept server: a password for every role, loopback only. */
    static final String PASSWORD_ONLY_HBA = """
            # Written by Tillbridge: every connection needs its role's password (scram-sha-256).
            # The passwords are in the file database-passwords beside this directory.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    /** The roles' passwords; null for a throw-away test server, which trusts every local connection. */
    private final DatabasePasswords passwords;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, DatabasePasswords passwords) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.passwords = passwords;
    }

    /**
     * Starts a server whose data lives in {@code dataDirectory} and is kept across restarts. Every
     * role needs its password ({@code scram-sha-256}); the passwords are random, kept in
     * {@value DatabasePasswords#FILE_NAME} beside {@code dataDirectory} (mode 0600), created on first
     * start and read again later. A data directory from before passwords (trust authentication) gets
     * them on this start: the superuser's password is set and {@code pg_hba.conf} rewritten.
     *
     * @param port the port to listen on (127.0.0.1 only); 0 picks a free one
     */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory.getParent());
        } catch (IOException e) {
            throw new DatabaseSetupException("Cannot create the directory " + dataDirectory.getParent()
                    + " for the embedded database: " + e.getMessage()
                    + ". Set TILLBRIDGE_DATA_DIR to a writable directory.", e);
        }
        int chosen = port == 0 ? freePort() : port;
        ensurePortFree(chosen);
        Path passwordsFile = dataDirectory.resolveSibling(DatabasePasswords.FILE_NAME);
        boolean fresh = !Files.exists(dataDirectory.resolve("postgresql.conf"));
        boolean trusting = !fresh && trusts(dataDirectory);
        if (!fresh && !trusting && !Files.exists(passwordsFile)) {
            throw new DatabaseSetupException("The embedded database in " + dataDirectory + " requires passwords, but"
                    + " the file that keeps them (" + passwordsFile + ") is missing. Restore it from a backup, or"
                    + " move the database directory away to start with an empty database.");
        }
        DatabasePasswords passwords = DatabasePasswords.readOrCreate(passwordsFile);
        Path passwordFile = fresh ? initialPasswordFile(dataDirectory, passwords) : null;
        // Data kept across restarts must survive a crash: durable commits, unlike the throw-away
        // servers of tests, where the library's defaults (no fsync) make them faster.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("password_encryption", "scram-sha-256")
                // The library's own readiness check connects as the superuser: with its password.
                .setConnectConfig("password", passwords.superuser())
                .setPort(chosen);
        if (fresh) {
            // initdb sets the superuser's password from this file (passed on as --pwfile=...).
            builder.setLocaleConfig("pwfile", passwordFile.toString());
        }
        if (!trusting) {
            builder.setDataDirectoryCustomizer(directory -> writeHba(directory.toPath()));
        }
        EmbeddedDatabase database;
        try {
            database = launch(builder, dataDirectory, passwords);
        } finally {
            if (passwordFile != null) {
                deleteQuietly(passwordFile);
            }
        }
        if (trusting) {
            database.requirePasswords();
        }
        return database;
    }

    /** Whether the server's pg_hba.conf lets any connection in without a password (from before DD-020). */
    static boolean trusts(Path dataDirectory) {
        try {
            return Files.readAllLines(dataDirectory.resolve("pg_hba.conf")).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .anyMatch(line -> line.matches(".*\\strust(\\s.*)?$"));
        } catch (IOException e) {
            throw new DatabaseSetupException("Cannot read " + dataDirectory.resolve("pg_hba.conf") + ": "
                    + e.getMessage(), e);
        }
    }

    private static Path initialPasswordFile(Path dataDirectory, DatabasePasswords passwords) {
        try {
            Path file = dataDirectory.resolveSibling(DatabasePasswords.FILE_NAME + ".initdb");
            Files.deleteIfExists(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, passwords.superuser() + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new DatabaseSetupException("Cannot write the embedded database's initial password file: "
                    + e.getMessage(), e);
        }
    }

    private static void writeHba(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), PASSWORD_ONLY_HBA, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dataDirectory.resolve("pg_hba.conf"), e);
        }
    }

    /**
     * Moves a server that still trusted local connections to passwords: sets the superuser's
     * password, then rewrites pg_hba.conf and reloads it. The owner and application roles get
     * theirs in {@link #provision}.
     */
    private void requirePasswords() {
        try (Connection c = superuser("postgres").connect(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + DatabaseProvisioner.quoteLiteral(passwords.superuser()));
            writeHba(dataDirectory);
            s.execute("SELECT pg_reload_conf()");
            LOG.info("The embedded database now requires passwords (scram-sha-256); they are kept in {}",
                    dataDirectory.resolveSibling(DatabasePasswords.FILE_NAME));
        } catch (SQLException | UncheckedIOException e) {
            close();
            throw new DatabaseSetupException("Could not move the embedded database at " + dataDirectory
                    + " to password authentication: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }

    /** Starts a throw-away server in a temporary directory on a free port (tests). */
    public static EmbeddedDatabase startTemporary() {
        return launch(EmbeddedPostgres.builder().setCleanDataDirectory(true).setRegisterShutdownHook(true), null, null);
    }

    private static EmbeddedDatabase launch(EmbeddedPostgres.Builder builder, Path dataDirectory,
            DatabasePasswords passwords) {
        long started = System.nanoTime();
        try {
            EmbeddedPostgres pg = builder
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .start();
            LOG.info("Embedded PostgreSQL started on port {} in {} ms{}", pg.getPort(),
                    (System.nanoTime() - started) / 1_000_000,
                    dataDirectory == null ? "" : " (data in " + dataDirectory + ")");
            return new EmbeddedDatabase(pg, dataDirectory, passwords);
        } catch (IOException | RuntimeException e) {
            throw new DatabaseSetupException(cannotStartMessage(e), e);
        }
    }

    private static String cannotStartMessage(Exception e) {
        StringBuilder message = new StringBuilder("The embedded PostgreSQL could not start: ")
                .append(e.getMessage()).append('.');
        if ("root".equals(System.getProperty("user.name"))) {
            message.append(" PostgreSQL refuses to run as root; the embedded database then needs user"
                    + " namespaces (unshare -U), which this system does not allow.")
                    .append(" Run as a normal user, or");
        } else {
            message.append(" Check that the data directory is writable and not used by another server, or");
        }
        return message.append(" point the platform at your own PostgreSQL with TILLBRIDGE_DATABASE_URL"
                + " (and TILLBRIDGE_DATABASE_USER / TILLBRIDGE_DATABASE_PASSWORD).").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DatabaseSetupException("No free port for the embedded database: " + e.getMessage(), e);
        }
    }

    private static void ensurePortFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new DatabaseSetupException("Port " + port + " for the embedded database is taken (is another"
                    + " Tillbridge already running?). Stop it, or set TILLBRIDGE_EMBEDDED_DB_PORT to a free port.", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The superuser connection to a database of this server. */
    public JdbcTarget superuser(String database) {
        return new JdbcTarget("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, SUPERUSER,
                passwords == null ? "" : passwords.superuser());
    }

    /** The passwords of a kept server's roles (empty for a throw-away test server). */
    public java.util.Optional<DatabasePasswords> passwords() {
        return java.util.Optional.ofNullable(passwords);
    }

    /**
     * Creates (or updates) the platform's owner and application roles with the kept passwords, the
     * database, and migrates it: what the launcher does on every embedded start.
     */
    public DatabaseBootstrap.Prepared provision(String database, String appRole) {
        if (passwords == null) {
            throw new IllegalStateException("a throw-away server has no kept passwords");
        }
        DatabaseRoles roles = new DatabaseRoles(DatabaseRoles.DEFAULT_OWNER, passwords.owner(), appRole, passwords.app());
        DatabaseProvisioner provisioner = new DatabaseProvisioner(superuser("postgres"));
        // Roles from before DD-020 carry the old default passwords: they get the kept ones.
        provisioner.setPasswordIfRoleExists(roles.owner(), roles.ownerPassword());
        provisioner.setPasswordIfRoleExists(roles.app(), roles.appPassword());
        return DatabaseBootstrap.provision(superuser("postgres"), database, roles);
    }

    /** Stops the server (a fast shutdown: open transactions roll back, committed data stays). */
    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("Embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
