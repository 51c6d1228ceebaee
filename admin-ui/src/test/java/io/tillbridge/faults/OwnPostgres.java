package io.tillbridge.faults;

import io.tillbridge.migrations.DatabaseBootstrap;
import io.tillbridge.migrations.DatabaseRoles;
import io.tillbridge.migrations.EmbeddedDatabase;
import io.tillbridge.migrations.JdbcTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a fault test's own (the shared test server is never stopped), with the
 * platform's database provisioned and migrated on it, that the test stops and starts again on the
 * same port and data directory. A shutdown hook stops it should the JVM exit without
 * {@link #close()} (a test run that is stopped); {@link #close()} stops it and deletes its files.
 */
final class OwnPostgres implements AutoCloseable {

    private final Path directory;
    private final Path dataDirectory;
    private final int port;
    private final Thread guard;
    private final DatabaseBootstrap.Prepared database;
    private volatile EmbeddedDatabase server;

    private OwnPostgres(String name) throws IOException {
        directory = Files.createTempDirectory("tillbridge-" + name + "-");
        dataDirectory = directory.resolve("postgres");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = EmbeddedDatabase.start(dataDirectory, port);
        guard = new Thread(this::stop, name + "-postgres-cleanup");
        Runtime.getRuntime().addShutdownHook(guard);
        database = DatabaseBootstrap.provision(server.superuser("postgres"), "tillbridge",
                DatabaseRoles.defaults("owner-" + UUID.randomUUID(), "app-" + UUID.randomUUID()));
    }

    /** Starts a server and provisions the platform's database on it; {@code name} names its files and threads. */
    static OwnPostgres start(String name) throws IOException {
        return new OwnPostgres(name);
    }

    /** The platform's database owner role. */
    JdbcTarget owner() {
        return database.owner();
    }

    /** The platform's application role. */
    JdbcTarget app() {
        return database.app();
    }

    /** A superuser connected to the platform's database (for a warehouse schema beside it). */
    JdbcTarget superuser() {
        return server.superuser("tillbridge");
    }

    /** Stops the server (a database outage); {@link #restart()} brings it back. */
    void stop() {
        EmbeddedDatabase running = server;
        if (running != null) {
            server = null;
            running.close();
        }
    }

    /** Starts the server again on the same port and data directory. */
    void restart() {
        server = EmbeddedDatabase.start(dataDirectory, port);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(guard);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, or has run, stop() itself
        }
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
