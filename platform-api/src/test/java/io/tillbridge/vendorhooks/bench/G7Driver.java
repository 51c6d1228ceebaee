package io.tillbridge.vendorhooks.bench;

import io.tillbridge.vendorhooks.SquareEvents;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * G7's load driver (BENCHMARKS.md), a process of its own: {@code g7.concurrency} threads, each with
 * one keep-alive HTTP/1.1 connection, post validly signed, distinct Square {@code order.updated}
 * events to the route named by {@code -Dg7.target} ({@code route} or {@code baseline}) for
 * {@code g7.warmup-seconds}, then for {@code g7.seconds}, and print events/s and latency
 * percentiles of the measured part. With {@code -Dg7.acked=<file>} it writes the id of every event
 * answered 2xx to that file (the SIGKILL check); it stops early after 200 failed requests in a row.
 */
public final class G7Driver {

    private G7Driver() {
    }

    public static void main(String[] args) throws Exception {
        Properties ready = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("g7.ready", "g7-ready.properties")))) {
            ready.load(in);
        }
        String target = System.getProperty("g7.target", "route");
        URI uri = URI.create(ready.getProperty(target));
        String signUrl = ready.getProperty("sign");
        String key = ready.getProperty("key");
        int threads = Integer.getInteger("g7.concurrency", 16);
        long warmupNanos = Duration.ofSeconds(Long.getLong("g7.warmup-seconds", 5)).toNanos();
        long measureNanos = Duration.ofSeconds(Long.getLong("g7.seconds", 20)).toNanos();
        String prefix = System.getProperty("g7.prefix", "g7-" + target + "-" + System.currentTimeMillis());
        String ackedPath = System.getProperty("g7.acked");
        BufferedWriter acked = ackedPath == null ? null : Files.newBufferedWriter(Path.of(ackedPath));
        AtomicLong sequence = new AtomicLong();
        AtomicLong failedInARow = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmupNanos;
        long end = measureFrom + measureNanos;
        List<long[]> latencies = new ArrayList<>();
        long[] counts = new long[threads * 3];
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            long[][] mine = {new long[1 << 16]};
            Thread worker = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(2)).build();
                int n = 0;
                while (System.nanoTime() < end && failedInARow.get() < 200) {
                    String eventId = prefix + "-" + sequence.incrementAndGet();
                    byte[] body = event(eventId).getBytes(StandardCharsets.UTF_8);
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/json")
                            .header("x-square-hmacsha256-signature", SquareEvents.sign(key, signUrl, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = 0;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long took = System.nanoTime() - sent;
                    boolean ok = status >= 200 && status < 300;
                    failedInARow.set(ok ? 0 : failedInARow.get() + 1);
                    if (ok && acked != null) {
                        write(acked, eventId);
                    }
                    if (sent >= measureFrom) {
                        counts[index * 3 + (ok ? 0 : 1)]++;
                        if (ok) {
                            if (n == mine[0].length) {
                                mine[0] = Arrays.copyOf(mine[0], n * 2);
                            }
                            mine[0][n++] = took;
                        }
                    }
                }
                counts[index * 3 + 2] = n;
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], n));
                }
            }, "g7-driver-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (acked != null) {
            synchronized (acked) {
                acked.close();
            }
        }
        long ok = 0;
        long failed = 0;
        for (int t = 0; t < threads; t++) {
            ok += counts[t * 3];
            failed += counts[t * 3 + 1];
        }
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        double seconds = Math.min(System.nanoTime() - measureFrom, measureNanos) / 1e9;
        System.out.printf("G7 %s: %d threads, %.1f s measured, %d answered 2xx, %d failed, %.0f events/s,"
                + " latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", target, threads, seconds, ok, failed,
                ok / seconds, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), pct(all, 1.0));
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p * sorted.length) - 1))] / 1e6;
    }

    private static void write(BufferedWriter out, String line) {
        synchronized (out) {
            try {
                out.write(line);
                out.newLine();
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A Square {@code order.updated} event, about 400 bytes, for an order of its own. */
    static String event(String eventId) {
        return "{\"merchant_id\":\"MLG7BENCH\",\"type\":\"order.updated\",\"event_id\":\"" + eventId
                + "\",\"created_at\":\"2026-12-07T04:00:00Z\",\"data\":{\"type\":\"order_updated\",\"id\":\"ord-"
                + eventId + "\",\"object\":{\"order_updated\":{\"order_id\":\"ord-" + eventId + "\",\"version\":2,"
                + "\"location_id\":\"LG7\",\"state\":\"COMPLETED\",\"created_at\":\"2026-12-07T03:59:00Z\","
                + "\"updated_at\":\"2026-12-07T04:00:00Z\"}}}}";
    }
}
