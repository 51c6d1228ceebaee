package io.tillbridge.faults;

import io.tillbridge.Tillbridge;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worker processes as an operator runs them: {@code java io.tillbridge.Tillbridge} with only the
 * worker role, pointed at an existing database, on the test classpath. Each one's output goes to
 * {@code target/fault-logs/worker-<pid>.log}. {@link #close()} ends every process it started,
 * paused ones included (continued first, then killed).
 */
final class WorkerProcesses implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Pattern READY = Pattern.compile("Run worker (worker-\\d+-[0-9a-f]+) polls every");
    private static final Path LOGS = Path.of("target", "fault-logs");

    private final JdbcTarget owner;
    private final JdbcTarget app;
    private final Map<String, String> settings;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    /** Ends the workers should this JVM exit without {@link #close()} (a test run that is stopped). */
    private final Thread orphanGuard = new Thread(this::destroyAll, "worker-processes-cleanup");

    /**
     * @param owner the owner role of the database (the launcher migrates as it; nothing is pending)
     * @param app the application role the workers connect as
     * @param settings extra system properties, e.g. {@code tillbridge.worker.lease}
     */
    WorkerProcesses(JdbcTarget owner, JdbcTarget app, Map<String, String> settings) {
        this.owner = owner;
        this.app = app;
        this.settings = Map.copyOf(settings);
        Runtime.getRuntime().addShutdownHook(orphanGuard);
    }

    /** One worker JVM. */
    final class Worker {
        private final Process process;
        private final List<String> output = Collections.synchronizedList(new ArrayList<>());
        private volatile String id;
        private volatile boolean paused;

        private Worker(Process process) {
            this.process = process;
        }

        long pid() {
            return process.pid();
        }

        /** The id the worker leases runs under ({@code worker-<pid>-<random>}), once it polls. */
        String id() {
            return id;
        }

        boolean alive() {
            return process.isAlive();
        }

        boolean paused() {
            return paused;
        }

        /** The output so far, one line each. */
        List<String> output() {
            synchronized (output) {
                return List.copyOf(output);
            }
        }

        /** SIGKILL: no shutdown hook runs, nothing is released; the lease has to run out. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        /** SIGSTOP: every thread stops at once, mid-call, as in a long GC pause or a frozen VM. */
        void pause() throws IOException, InterruptedException {
            signal("STOP");
            paused = true;
        }

        /** SIGCONT after {@link #pause()}. */
        void resume() throws IOException, InterruptedException {
            signal("CONT");
            paused = false;
        }

        private void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -s " + name + " " + process.pid() + " failed");
            }
        }

        @Override
        public String toString() {
            return (id == null ? "worker pid " + process.pid() : id) + (paused ? " (paused)" : "")
                    + (process.isAlive() ? "" : " (exited)");
        }
    }

    /** Starts {@code count} workers at once and waits until each one polls the queue. */
    List<Worker> start(int count) throws IOException, InterruptedException {
        List<Worker> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(launch());
        }
        for (Worker worker : started) {
            awaitReady(worker);
        }
        return started;
    }

    /** Starts workers until {@code count} live, unpaused ones poll the queue. */
    void ensureRunning(int count) throws IOException, InterruptedException {
        long running = workers.stream().filter(w -> w.alive() && !w.paused()).count();
        if (running < count) {
            start((int) (count - running));
        }
    }

    /** The worker that leases runs as {@code id}. */
    Worker byId(String id) {
        return workers.stream().filter(w -> id.equals(w.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no worker process " + id + " among " + workers));
    }

    List<Worker> all() {
        return List.copyOf(workers);
    }

    private Worker launch() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(Tillbridge.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("TILLBRIDGE_"));
        builder.environment().put("TILLBRIDGE_ROLES", "worker");
        // The fake vendor API and the warehouse's stand-in server listen on loopback.
        builder.environment().put("TILLBRIDGE_EGRESS_ALLOW", "127.0.0.0/8");
        builder.environment().put("TILLBRIDGE_DATABASE_URL", owner.url());
        builder.environment().put("TILLBRIDGE_DATABASE_USER", owner.user());
        builder.environment().put("TILLBRIDGE_DATABASE_PASSWORD", owner.password());
        builder.environment().put("TILLBRIDGE_DATABASE_APP_USER", app.user());
        builder.environment().put("TILLBRIDGE_DATABASE_APP_PASSWORD", app.password());
        builder.environment().put("TILLBRIDGE_DATABASE_POOL_SIZE", "4");
        builder.environment().put("TILLBRIDGE_HOST", "127.0.0.1");
        builder.environment().put("TILLBRIDGE_MANAGEMENT_PORT", "0");
        builder.environment().put("TILLBRIDGE_JWT_SECRET", PlatformApi.JWT_SECRET);
        builder.environment().put("TILLBRIDGE_SECRETS_KEK", PlatformApi.KEK);
        Process process = builder.start();
        Worker worker = new Worker(process);
        workers.add(worker);
        Files.createDirectories(LOGS);
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(LOGS.resolve("worker-" + process.pid() + ".log")), true);
        Thread pump = new Thread(() -> {
            try (log; BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    worker.output.add(line);
                    log.println(line);
                    Matcher ready = READY.matcher(line);
                    if (worker.id == null && ready.find()) {
                        worker.id = ready.group(1);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "worker-output-" + process.pid());
        pump.setDaemon(true);
        pump.start();
        return worker;
    }

    private static void awaitReady(Worker worker) {
        try {
            Await.until(START_TIMEOUT, "the worker to start", () -> {
                if (!worker.alive()) {
                    throw new AssertionError("worker exited with " + worker.process.exitValue() + ": " + worker.output());
                }
                return worker.id() != null;
            });
        } catch (IllegalStateException | AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + worker.output(), e);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(orphanGuard);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs, or has run, destroyAll itself
        }
        destroyAll();
    }

    private void destroyAll() {
        for (Worker worker : workers) {
            try {
                if (worker.paused() && worker.alive()) {
                    worker.resume();
                }
            } catch (IOException | RuntimeException e) {
                // killed below all the same
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.process.destroyForcibly();
        }
        for (Worker worker : workers) {
            try {
                worker.process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
