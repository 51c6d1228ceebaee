package io.tillbridge.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A vendor API that a test scripts: an HTTP server on a free loopback port (never another address)
 * whose routes answer what the test says, the way the vendor would. A route is a path prefix (the
 * longest match wins) and a function from the request to a {@link Reply}; a reply can carry
 * headers, come after a delay, be cut in the middle of its body, or stall after its headers.
 * Answers can also be queued for the next requests of a route ({@link #next}), the next requests
 * of any route can be refused with 429 and {@code Retry-After} ({@link #rateLimitNext}), and a
 * bearer token can be required of every request ({@link #requireBearer}). Every request is
 * recorded with the monotonic time it arrived.
 */
public final class ScriptedApi implements AutoCloseable {

    /** Answers a request; {@code null} closes the connection without an answer. */
    @FunctionalInterface
    public interface Route {
        Reply answer(Request request) throws Exception;
    }

    /** One request as it arrived ({@link System#nanoTime()}), with its body read. */
    public record Request(long atNanos, String method, String path, String query, Map<String, List<String>> headers,
            String body) {

        /** Path and raw query, as sent. */
        public String target() {
            return query == null ? path : path + "?" + query;
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /** The bearer token of the {@code Authorization} header, if there is one. */
        public Optional<String> bearer() {
            return header("Authorization").filter(h -> h.startsWith("Bearer ")).map(h -> h.substring("Bearer ".length()));
        }

        /** The decoded query parameters (the last value of a repeated one). */
        public Map<String, String> parameters() {
            return decode(query);
        }

        /** The decoded parameters of a form body ({@code application/x-www-form-urlencoded}). */
        public Map<String, String> form() {
            return decode(body);
        }

        private static Map<String, String> decode(String encoded) {
            Map<String, String> values = new LinkedHashMap<>();
            if (encoded != null && !encoded.isEmpty()) {
                for (String part : encoded.split("&")) {
                    String[] pair = part.split("=", 2);
                    values.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                            pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
                }
            }
            return values;
        }
    }

    /** What a route answers. Immutable; each {@code with} method answers a changed copy. */
    public record Reply(int status, String body, Map<String, String> headers, Duration delay, boolean cut,
            Duration stall) {

        /** {@code status} with a JSON body. */
        public static Reply json(int status, String body) {
            return new Reply(status, body, Map.of("Content-Type", "application/json"), Duration.ZERO, false, Duration.ZERO);
        }

        /** 200 with a JSON body. */
        public static Reply ok(String body) {
            return json(200, body);
        }

        /** 429 with {@code Retry-After}, as a rate-limited vendor answers. */
        public static Reply tooManyRequests(String retryAfter) {
            return json(429, "{\"errors\":[{\"code\":\"RATE_LIMITED\"}]}").header("Retry-After", retryAfter);
        }

        public Reply header(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Reply(status, body, Map.copyOf(all), delay, cut, stall);
        }

        /** Answered only after {@code wait} (a slow vendor). */
        public Reply after(Duration wait) {
            return new Reply(status, body, headers, wait, cut, stall);
        }

        /** A complete HTTP answer whose body stops half-way: JSON cut in the middle. */
        public Reply truncated() {
            return new Reply(status, body, headers, delay, true, stall);
        }

        /** Sends the headers (announcing the whole body), then nothing for {@code hold}, then hangs up. */
        public Reply stalled(Duration hold) {
            return new Reply(status, body, headers, delay, cut, hold);
        }
    }

    private static final String UNAUTHORISED = "{\"errors\":[{\"category\":\"AUTHENTICATION_ERROR\",\"code\":\"UNAUTHORIZED\"}]}";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "scripted-api");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Deque<Reply>> queued = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> bearer;
    private int rateLimited;
    private String retryAfter = "1";

    private ScriptedApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A new API with no routes (every request answers 404 until a route is added). */
    public static ScriptedApi start() {
        try {
            return new ScriptedApi();
        } catch (IOException e) {
            throw new IllegalStateException("no loopback port for a scripted API", e);
        }
    }

    /** Answers requests whose path starts with {@code prefix} (the longest matching prefix wins). */
    public ScriptedApi route(String prefix, Route route) {
        routes.put(prefix, route);
        return this;
    }

    /** {@code route} for requests that carry this bearer token; 401 for every other request. */
    public static Route withBearer(String token, Route route) {
        return request -> request.bearer().filter(token::equals).isPresent() ? route.answer(request)
                : Reply.json(401, UNAUTHORISED);
    }

    /** Answers requests whose path starts with {@code prefix} with the same reply every time. */
    public ScriptedApi route(String prefix, Reply reply) {
        return route(prefix, request -> reply);
    }

    /** The next requests of the route {@code prefix} get these replies, in order, before the route answers again. */
    public ScriptedApi next(String prefix, Reply... replies) {
        Deque<Reply> queue = queued.computeIfAbsent(prefix, p -> new ArrayDeque<>());
        synchronized (queue) {
            queue.addAll(List.of(replies));
        }
        return this;
    }

    /** From now on, a request without this bearer token answers 401. */
    public ScriptedApi requireBearer(String token) {
        return requireBearer(token::equals);
    }

    /** From now on, a request whose bearer token {@code accepted} refuses answers 401. */
    public ScriptedApi requireBearer(Predicate<String> accepted) {
        bearer = accepted;
        return this;
    }

    /** The next {@code count} requests (that pass the bearer check) answer 429 with this {@code Retry-After}. */
    public synchronized ScriptedApi rateLimitNext(int count, String retryAfter) {
        this.rateLimited = count;
        this.retryAfter = retryAfter;
        return this;
    }

    public URI uri(String path) {
        return URI.create(url(path));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every request received, in the order they arrived. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests whose path starts with {@code prefix}, in the order they arrived. */
    public List<Request> requests(String prefix) {
        return requests.stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        try (exchange) {
            URI uri = exchange.getRequestURI();
            Request request = new Request(arrived, exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Reply reply = answer(request);
            if (reply != null) {
                send(exchange, reply);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Reply answer(Request request) throws IOException, InterruptedException {
        Predicate<String> accepted = bearer;
        if (accepted != null && !request.bearer().map(accepted::test).orElse(false)) {
            return Reply.json(401, UNAUTHORISED);
        }
        synchronized (this) {
            if (rateLimited > 0) {
                rateLimited--;
                return Reply.tooManyRequests(retryAfter);
            }
        }
        String prefix = routes.keySet().stream().filter(request.path()::startsWith)
                .max((a, b) -> Integer.compare(a.length(), b.length())).orElse(null);
        if (prefix == null) {
            return Reply.json(404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
        }
        Deque<Reply> queue = queued.get(prefix);
        if (queue != null) {
            synchronized (queue) {
                if (!queue.isEmpty()) {
                    return queue.poll();
                }
            }
        }
        try {
            return routes.get(prefix).answer(request);
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException, InterruptedException {
        if (!reply.delay().isZero()) {
            Thread.sleep(reply.delay().toMillis());
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        if (!reply.stall().isZero()) {
            exchange.sendResponseHeaders(reply.status(), body.length);
            exchange.getResponseBody().flush();
            Thread.sleep(reply.stall().toMillis());
            return;
        }
        if (reply.cut()) {
            body = java.util.Arrays.copyOf(body, body.length / 2);
        }
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
