package io.tillbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher as a person runs it: a separate JVM with no database configured, so it starts an
 * embedded PostgreSQL; stopped with a signal as Ctrl-C would; started again on the same data.
 */
class LauncherProcessIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private Path dataDir;
    private int databasePort;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void fresh_data_directory() throws IOException {
        dataDir = Files.createTempDirectory("tillbridge-launcher-");
        databasePort = freePort();
    }

    @AfterEach
    void cleanup() throws IOException {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void starts_with_an_embedded_database_stops_cleanly_on_a_signal_and_keeps_its_data() throws Exception {
        Launched first = launch(Map.of());
        assertThat(get(first.api().resolve("/health/readiness"))).contains("\"status\":\"UP\"");
        assertThat(first.output()).anyMatch(l -> l.startsWith("  Portal:    http://127.0.0.1:"));
        assertThat(first.output()).anyMatch(l -> l.startsWith("  API docs:  http://127.0.0.1:"));
        // The demo is on by default with the embedded database (DD-041): made on the first start.
        assertThat(first.output()).anyMatch(l -> l.startsWith("  Demo:      sign in as demo@tillbridge.local with the password "));
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO tenants (id, slug, name) VALUES (gen_random_uuid(), 'kept', 'Kept across restarts')");
        }

        stop(first);
        assertThat(portOpen(databasePort)).as("embedded database stopped").isFalse();
        assertThat(first.output()).anyMatch(l -> l.contains("Embedded PostgreSQL stopped"));

        Launched second = launch(Map.of());
        try (Connection c = superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM tenants WHERE slug = 'kept'")) {
            assertThat(rs.next()).as("data kept across restarts").isTrue();
            assertThat(rs.getString(1)).isEqualTo("Kept across restarts");
        }
        try (Connection c = superuser(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM tenants WHERE name = 'Demo Coffee Co.'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the demo tenant, made once").isEqualTo(1);
        }
        assertThat(second.output()).anyMatch(l -> l.startsWith("  Demo:      sign in as demo@tillbridge.local"));
        stop(second);
    }

    @Test
    void a_taken_database_port_is_explained_and_the_process_exits() throws Exception {
        try (ServerSocket taken = new ServerSocket(databasePort, 1, InetAddress.getLoopbackAddress())) {
            Process process = start(Map.of());
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(output).contains("Tillbridge could not start").contains("TILLBRIDGE_EMBEDDED_DB_PORT");
        }
    }

    @Test
    void an_unknown_role_is_explained_and_the_process_exits() throws Exception {
        Process process = start(Map.of("TILLBRIDGE_ROLES", "api,reports"));
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("Unknown role 'reports'");
    }

    private record Launched(Process process, URI api, List<String> output, Thread pump) {
    }

    private Launched launch(Map<String, String> env) throws Exception {
        Process process = start(env);
        List<String> output = new CopyOnWriteArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread pump = new Thread(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    output.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "launcher-output");
        pump.setDaemon(true);
        pump.start();
        try {
            Await.until(START_TIMEOUT, "the launcher to start", () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("launcher exited with " + process.exitValue() + ": " + output);
                }
                return output.stream().anyMatch(l -> l.startsWith("Press Ctrl-C to stop."));
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + output, e);
        }
        String api = output.stream().filter(l -> l.startsWith("  API:       ")).findFirst().orElseThrow()
                .substring("  API:       ".length()).replace("/api/v1", "");
        return new Launched(process, URI.create(api), output, pump);
    }

    private Process start(Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Xmx512m", Tillbridge.class.getName());
        builder.redirectErrorStream(true);
        builder.environment().remove("TILLBRIDGE_DATABASE_URL");
        builder.environment().put("TILLBRIDGE_DATA_DIR", dataDir.toString());
        builder.environment().put("TILLBRIDGE_EMBEDDED_DB_PORT", Integer.toString(databasePort));
        builder.environment().put("TILLBRIDGE_HOST", "127.0.0.1");
        builder.environment().put("TILLBRIDGE_API_PORT", "0");
        builder.environment().put("TILLBRIDGE_PORTAL_PORT", "0");
        builder.environment().put("TILLBRIDGE_MANAGEMENT_PORT", "0");
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    /**
     * SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks and exits. Sent through the
     * process handle, because {@link Process#destroy()} also closes our end of its output.
     */
    private static void stop(Launched launched) throws InterruptedException {
        launched.process().toHandle().destroy();
        assertThat(launched.process().waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
        launched.pump().join(10_000);
    }

    private Connection superuser() throws SQLException {
        // The embedded database requires the superuser's password, kept in the data directory (DD-020).
        String password = io.tillbridge.migrations.DatabasePasswords
                .readOrCreate(dataDir.resolve(io.tillbridge.migrations.DatabasePasswords.FILE_NAME)).superuser();
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + databasePort + "/tillbridge", "postgres", password);
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static boolean portOpen(int port) {
        try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
