package io.tillbridge.connector.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OAuth2 token endpoint with rotating refresh tokens (RFC 6749, section 6; as Xero and
 * QuickBooks behave): the client authenticates with HTTP Basic, each refresh token works once and
 * is replaced by a new one, and a used, unknown or missing one answers 400
 * {@code {"error":"invalid_grant"}}. Only the access token issued last is valid. It can be slow,
 * so that concurrent refreshes overlap.
 */
public final class FakeOAuthServer implements AutoCloseable {

    public static final String CLIENT_ID = "client-7";
    public static final String CLIENT_SECRET = "client-secret-7";
    public static final String FIRST_REFRESH_TOKEN = "refresh-0";

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(8);
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger invalidGrants = new AtomicInteger();
    private volatile String refreshToken = FIRST_REFRESH_TOKEN;
    private volatile String accessToken = "never-issued";
    private volatile long delayMillis;
    private int issued;

    public FakeOAuthServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/token", this::handle);
        server.start();
    }

    public URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
    }

    /** Each token request takes this long before it is answered. */
    public void delay(long millis) {
        delayMillis = millis;
    }

    /** The access token issued last: the only one the API accepts. */
    public boolean isCurrent(String token) {
        return token.equals(accessToken);
    }

    /** Token requests received. */
    public int calls() {
        return calls.get();
    }

    /** Token requests refused with invalid_grant. */
    public int invalidGrants() {
        return invalidGrants.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                    .getBytes(StandardCharsets.UTF_8));
            if (!basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (!"refresh_token".equals(form.get("grant_type"))) {
                send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
                return;
            }
            String answer;
            synchronized (this) {
                String presented = form.get("refresh_token");
                if (presented == null || !presented.equals(refreshToken) || !used.add(presented)) {
                    invalidGrants.incrementAndGet();
                    answer = null;
                } else {
                    issued++;
                    refreshToken = "refresh-" + issued;
                    accessToken = "access-" + issued;
                    answer = "{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":1800,"
                            + "\"refresh_token\":\"" + refreshToken + "\"}";
                }
            }
            if (answer == null) {
                send(exchange, 400, "{\"error\":\"invalid_grant\"}");
            } else {
                send(exchange, 200, answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String part : body.split("&")) {
            String[] pair = part.split("=", 2);
            out.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
