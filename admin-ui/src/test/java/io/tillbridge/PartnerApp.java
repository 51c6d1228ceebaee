package io.tillbridge;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A partner's application for browser tests: it calls the platform's API with its key, and serves
 * its registered redirect URL on loopback, recording the query of every visit (the merchant's
 * browser arriving back with {@code connection_id} and {@code state}).
 */
final class PartnerApp implements AutoCloseable {

    static final String LANDED = "Back at the partner";

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Map<String, String>> arrivals = new CopyOnWriteArrayList<>();

    private PartnerApp(HttpServer server) {
        this.server = server;
    }

    static PartnerApp start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        PartnerApp app = new PartnerApp(server);
        server.createContext("/back", exchange -> {
            app.arrivals.add(query(exchange.getRequestURI().getRawQuery()));
            byte[] body = ("<!doctype html><title>Partner</title><h1 id=\"landed\">" + LANDED + "</h1><p>"
                    + exchange.getRequestURI().getRawQuery().replace("<", "&lt;") + "</p>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return app;
    }

    /** The redirect URL this app registers: http on loopback, as allowed for development. */
    String redirectUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/back";
    }

    /** The queries the partner's redirect URL was visited with, in order. */
    List<Map<String, String>> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Calls the platform's API with a bearer credential; answers status and body. */
    HttpResponse<String> call(URI api, String method, String path, String credential, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path))
                .header("Authorization", "Bearer " + credential)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                values.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
