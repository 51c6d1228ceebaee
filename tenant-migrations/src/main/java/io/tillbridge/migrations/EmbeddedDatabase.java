package io.tillbridge.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts a server whose data lives in {@code dataDirectory} and is kept across restarts.
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
        // Data kept across restarts must survive a crash: durable commits, unlike the throw-away
        // servers of tests, where the library's defaults (no fsync) make them faster.
        return launch(EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPort(chosen), dataDirectory);
    }

    /** Starts a throw-away server in a temporary directory on a free port (tests). */
    public static EmbeddedDatabase startTemporary() {
        return launch(EmbeddedPostgres.builder().setCleanDataDirectory(true).setRegisterShutdownHook(true), null);
    }

    private static EmbeddedDatabase launch(EmbeddedPostgres.Builder builder, Path dataDirectory) {
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
            return new EmbeddedDatabase(pg, dataDirectory);
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
        return new JdbcTarget("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, SUPERUSER, "");
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
