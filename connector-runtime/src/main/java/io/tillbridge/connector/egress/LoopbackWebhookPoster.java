package io.tillbridge.connector.egress;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * POSTs webhook deliveries of the vendor sandboxes, on one background thread, to loopback addresses
 * only ({@link LoopbackUrls}: a URL naming any other host is refused before a socket opens and
 * counts as unreachable). A delivery not answered 2xx is tried again up to its number of attempts,
 * after the retry delay, doubling each time. Every attempt is reported with the receiver's status
 * (0 when it could not be reached) before the next one is scheduled, so that once
 * {@link #awaitIdle} returns true every attempt has been reported.
 */
public final class LoopbackWebhookPoster implements AutoCloseable {

    /** Told of every attempt, on the poster's thread. */
    @FunctionalInterface
    public interface Attempts {

        /**
         * @param attempt 1 for the first attempt
         * @param status the receiver's HTTP status, 0 when it could not be reached
         */
        void attempted(int attempt, int status);
    }

    private final HttpClient client;
    private final Duration requestTimeout;
    private final ScheduledExecutorService sender;
    private int inFlight;

    /**
     * @param threadName the name of the sending thread
     * @param version the HTTP version to speak; null for the JDK client's default
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long one attempt may take in all
     */
    public LoopbackWebhookPoster(String threadName, HttpClient.Version version, Duration connectTimeout,
            Duration requestTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (version != null) {
            builder.version(version);
        }
        this.client = builder.build();
        this.requestTimeout = requestTimeout;
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Schedules the delivery of {@code body} ({@code Content-Type: application/json}) with these
     * further headers, at once.
     *
     * @param attempts how many attempts at most (1: no retry)
     * @param retryDelay the wait before the second attempt; each later one waits twice the one before
     */
    public void post(String url, Map<String, String> headers, byte[] body, int attempts, Duration retryDelay,
            Attempts report) {
        schedule(new Delivery(url, Map.copyOf(headers), body.clone(), attempts, retryDelay, report), 1, Duration.ZERO);
    }

    /** Waits until every scheduled attempt (and its retries) is done; false if {@code timeout} passed first. */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Stops sending; attempts not yet made are dropped. */
    @Override
    public void close() {
        sender.shutdownNow();
    }

    private record Delivery(String url, Map<String, String> headers, byte[] body, int attempts, Duration retryDelay,
            Attempts report) {
    }

    private synchronized void schedule(Delivery delivery, int attempt, Duration delay) {
        inFlight++;
        sender.schedule(() -> send(delivery, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(Delivery delivery, int attempt) {
        int status = 0;
        if (LoopbackUrls.isLoopback(delivery.url())) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url())).timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
            delivery.headers().forEach(request::header);
            try {
                status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        delivery.report().attempted(attempt, status);
        if ((status < 200 || status > 299) && attempt < delivery.attempts()) {
            schedule(delivery, attempt + 1, delivery.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 20)));
        }
        synchronized (this) {
            inFlight--;
            notifyAll();
        }
    }
}
