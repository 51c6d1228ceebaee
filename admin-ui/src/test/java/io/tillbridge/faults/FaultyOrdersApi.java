package io.tillbridge.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local orders API for the fault tests, shaped like the page-number APIs of the vendor notes
 * (Toast): {@code GET /orders/{dataset}?page=N} with a bearer token answers
 * {@code {"data":[...]}} with {@value #PAGE_SIZE} orders a page and an empty page after the last.
 * Each dataset can be scripted to answer slowly (a delay per page), to answer one page with 429
 * and {@code Retry-After}, or to cut one page's body in the middle. Every request is logged with the
 * monotonic time it arrived, so tests can check when a client came back.
 */
final class FaultyOrdersApi implements AutoCloseable {

    static final String TOKEN = "fault-suite-token-7c1e";
    static final int PAGE_SIZE = 10;

    /** One request: when it arrived ({@link System#nanoTime()}), for which dataset and page, and the answer. */
    record Request(long atNanos, String dataset, int page, int status, boolean truncated) {
    }

    private static final class Dataset {
        final int size;
        volatile Duration delayPerPage = Duration.ZERO;
        volatile int rateLimitedPage = -1;
        volatile int retryAfterSeconds;
        volatile int truncatedPage = -1;

        Dataset(int size) {
            this.size = size;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "faulty-orders-api");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FaultyOrdersApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/orders/", this::handle);
        server.start();
    }

    /** Holds {@code size} orders under {@code /orders/{name}}: ids {@code name-0001}..., distinct update times. */
    void dataset(String name, int size) {
        datasets.put(name, new Dataset(size));
    }

    /** Every page of the dataset is answered after {@code delay}. */
    void slow(String name, Duration delay) {
        datasets.get(name).delayPerPage = delay;
    }

    /** The first request for {@code page} is answered 429 with {@code Retry-After: seconds}. */
    void rateLimitOnce(String name, int page, int seconds) {
        Dataset dataset = datasets.get(name);
        dataset.retryAfterSeconds = seconds;
        dataset.rateLimitedPage = page;
    }

    /** The first answer for {@code page} stops in the middle of its JSON body. */
    void truncateOnce(String name, int page) {
        datasets.get(name).truncatedPage = page;
    }

    String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/orders/" + name;
    }

    /** The requests for one dataset, in the order they arrived. */
    List<Request> requests(String name) {
        return requests.stream().filter(r -> r.dataset().equals(name)).toList();
    }

    /** The keys of a dataset's orders, as the warehouse stores them. */
    static List<String> keys(String name, int size) {
        List<String> keys = new ArrayList<>(size);
        for (int i = 1; i <= size; i++) {
            keys.add(id(name, i));
        }
        return keys;
    }

    private static String id(String name, int i) {
        return "%s-%04d".formatted(name, i);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            String name = exchange.getRequestURI().getPath().substring("/orders/".length());
            String query = exchange.getRequestURI().getQuery();
            int page = query != null && query.matches(".*\\bpage=\\d+.*")
                    ? Integer.parseInt(query.replaceAll(".*\\bpage=(\\d+).*", "$1")) : 1;
            Dataset dataset = datasets.get(name);
            if (dataset == null) {
                log(arrived, name, page, 404, false);
                send(exchange, 404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                log(arrived, name, page, 401, false);
                send(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}");
                return;
            }
            sleep(dataset.delayPerPage);
            synchronized (dataset) {
                if (dataset.rateLimitedPage == page) {
                    dataset.rateLimitedPage = -1;
                    log(arrived, name, page, 429, false);
                    exchange.getResponseHeaders().set("Retry-After", Integer.toString(dataset.retryAfterSeconds));
                    send(exchange, 429, "{\"errors\":[{\"code\":\"RATE_LIMITED\"}]}");
                    return;
                }
            }
            String body = page(name, dataset.size, page);
            boolean truncate;
            synchronized (dataset) {
                truncate = dataset.truncatedPage == page;
                if (truncate) {
                    dataset.truncatedPage = -1;
                }
            }
            log(arrived, name, page, 200, truncate);
            if (truncate) {
                // Chunked, then ended half-way: valid HTTP whose JSON stops in the middle of an order.
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body.substring(0, body.length() / 2).getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            send(exchange, 200, body);
        }
    }

    private void log(long arrived, String name, int page, int status, boolean truncated) {
        requests.add(new Request(arrived, name, page, status, truncated));
    }

    private static String page(String name, int size, int page) {
        StringBuilder json = new StringBuilder("{\"data\":[");
        int from = (page - 1) * PAGE_SIZE + 1;
        for (int i = from; i <= Math.min(size, from + PAGE_SIZE - 1); i++) {
            if (i > from) {
                json.append(',');
            }
            json.append("{\"id\":\"").append(id(name, i)).append("\",\"total\":\"").append(i).append(".50\"")
                    .append(",\"updated_at\":\"").append(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i))
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
