package io.tillbridge.bench;

import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Square sandboxes for the load benchmarks, in a JVM of their own, so that their CPU time and heap
 * are measured apart from the platform's: {@link #start(Spec)} launches this class's {@link #main}
 * with the benchmark's class path, waits until every sandbox listens on loopback, and answers each
 * sandbox's base URL and access token. The child stops when its standard input closes
 * ({@link #close()}), or when the benchmark's JVM ends.
 */
public final class SandboxFarm implements AutoCloseable {

    /**
     * What the farm serves.
     *
     * @param count sandboxes, each a merchant of its own (seed {@code seed + i})
     * @param generated orders each sandbox generates sale by sale over {@code history}
     * @param copies more orders each sandbox copies from those ({@link SquareSandbox#seedCopies}): fast
     * @param history how far back the orders go
     * @param seed the first sandbox's seed
     * @param latency waited by every request ({@code SandboxFaults.latency})
     * @param rateLimitShare the share of requests that answer 429 ({@code SandboxFaults.rateLimit})
     * @param retryAfter the {@code Retry-After} of a 429, or null for none
     * @param heap the child's {@code -Xmx}, e.g. {@code 2g}
     */
    public record Spec(int count, int generated, int copies, Duration history, long seed, Duration latency,
            double rateLimitShare, Duration retryAfter, String heap) {
    }

    /** One sandbox of the farm. */
    public record Sandbox(URI baseUri, String accessToken) {
    }

    private final Process process;
    private final List<Sandbox> sandboxes;
    private final Path log;

    private SandboxFarm(Process process, List<Sandbox> sandboxes, Path log) {
        this.process = process;
        this.sandboxes = sandboxes;
        this.log = log;
    }

    /** Starts the farm's JVM and waits (up to 15 minutes) until every sandbox is seeded and listens. */
    public static SandboxFarm start(Spec spec) throws IOException, InterruptedException {
        Path ready = Files.createTempFile("sandbox-farm", ".properties");
        Path log = Files.createTempFile("sandbox-farm", ".log");
        Files.delete(ready);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + spec.heap(), "-XX:+UseParallelGC",
                "-Dfarm.count=" + spec.count(), "-Dfarm.generated=" + spec.generated(),
                "-Dfarm.copies=" + spec.copies(), "-Dfarm.history-seconds=" + spec.history().toSeconds(),
                "-Dfarm.seed=" + spec.seed(), "-Dfarm.latency-ms=" + spec.latency().toMillis(),
                "-Dfarm.rate-limit-share=" + spec.rateLimitShare(),
                "-Dfarm.retry-after-seconds=" + (spec.retryAfter() == null ? -1 : spec.retryAfter().toSeconds()),
                "-Dfarm.ready=" + ready,
                "-cp", System.getProperty("java.class.path"), SandboxFarm.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (!Files.exists(ready)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the sandbox farm did not start:\n" + Files.readString(log));
            }
            Thread.sleep(200);
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(ready)) {
            p.load(in);
        }
        Files.deleteIfExists(ready);
        List<Sandbox> sandboxes = new ArrayList<>();
        for (int i = 0; i < spec.count(); i++) {
            sandboxes.add(new Sandbox(URI.create(p.getProperty(i + ".url")), p.getProperty(i + ".token")));
        }
        return new SandboxFarm(process, sandboxes, log);
    }

    /**
     * A heap for sandboxes holding {@code orders} orders in all: about 15 kB per order in JSON trees
     * (24 kB for a generated one, with its payments), doubled, so that the farm answers instead of
     * collecting garbage in a full heap.
     */
    public static long heapMegabytes(long orders) {
        return 512 + orders * 32 / 1024;
    }

    public List<Sandbox> sandboxes() {
        return sandboxes;
    }

    /** The CPU time the farm's JVM has used so far (user and system), or zero where it is not known. */
    public Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Stops the farm, which prints the 429 answers of each sandbox's rate-limited share as it ends ({@link #output()}). */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Gone already.
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** What the farm printed so far (after {@link #close()}: also its 429 answers, {@code <i>.rate-limited=<n>}). */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** The 429 answers of the rate-limited share, over every sandbox: known after {@link #close()}. */
    public long rateLimitedAnswers() {
        return output().lines().filter(l -> l.matches("\\d+\\.rate-limited=\\d+"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf('=') + 1))).sum();
    }

    /** The farm's JVM: starts the sandboxes, writes where they listen, and serves until its input closes. */
    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("farm.count", 1);
        int generated = Integer.getInteger("farm.generated", 200);
        int copies = Integer.getInteger("farm.copies", 0);
        Duration history = Duration.ofSeconds(Long.getLong("farm.history-seconds", Duration.ofDays(30).toSeconds()));
        long seed = Long.getLong("farm.seed", 1_000L);
        Duration latency = Duration.ofMillis(Long.getLong("farm.latency-ms", 0L));
        double share = Double.parseDouble(System.getProperty("farm.rate-limit-share", "0"));
        long retryAfter = Long.getLong("farm.retry-after-seconds", -1L);
        List<SquareSandbox> started = new ArrayList<>();
        StringBuilder ready = new StringBuilder();
        long began = System.nanoTime();
        for (int i = 0; i < count; i++) {
            SquareSandboxOptions options = SquareSandboxOptions.defaults().withSeed(seed + i)
                    .withOrders(generated, history).withOrdersPerHour(0);
            if (retryAfter >= 0) {
                options = options.withRetryAfter(Duration.ofSeconds(retryAfter));
            }
            SquareSandbox square = SquareSandbox.start(options);
            started.add(square);
            if (copies > 0) {
                square.seedCopies(copies, history);
            }
            square.faults().latency(latency).rateLimit(share, seed + i);
            ready.append(i).append(".url=").append(square.baseUri()).append('\n')
                    .append(i).append(".token=").append(square.issueToken()).append('\n');
        }
        System.out.printf("sandbox farm: %d sandboxes of %d orders each ready in %.1f s%n", count,
                generated + copies, (System.nanoTime() - began) / 1e9);
        Path file = Path.of(System.getProperty("farm.ready"));
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, ready, StandardCharsets.ISO_8859_1);
        Files.move(partial, file);
        try {
            while (System.in.read() >= 0) {
                // Serve until the benchmark closes our input.
            }
        } finally {
            for (int i = 0; i < started.size(); i++) {
                System.out.println(i + ".rate-limited=" + started.get(i).faults().rateLimitedAnswers());
                started.get(i).close();
            }
        }
    }
}
