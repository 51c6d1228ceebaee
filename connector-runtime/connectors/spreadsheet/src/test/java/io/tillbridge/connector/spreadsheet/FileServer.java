package io.tillbridge.connector.spreadsheet;

import com.sun.net.httpserver.HttpExchange;
import io.tillbridge.connector.sandbox.LoopbackServer;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A web server on loopback that serves one file, as a merchant's published CSV or XLSX link would:
 * {@code /orders.csv} (or any name ending like it) answers the file, {@code /moved} redirects to it,
 * {@code /huge.csv} announces 200 MiB, anything else is 404. Counts the requests it gets.
 */
final class FileServer implements AutoCloseable {

    private final LoopbackServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile byte[] content = new byte[0];

    FileServer() throws IOException {
        server = LoopbackServer.start("spreadsheet-file-server", 0, 2, this::handle);
    }

    void serve(byte[] bytes) {
        content = bytes.clone();
    }

    byte[] content() {
        return content.clone();
    }

    String url(String path) {
        return server.baseUri() + path;
    }

    int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (path.equals("/moved")) {
                exchange.getResponseHeaders().add("Location", "/orders.csv");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/huge.csv")) {
                exchange.sendResponseHeaders(200, 200L * 1024 * 1024);
            } else if (path.startsWith("/orders.")) {
                byte[] body = content;
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (IOException aborted) {
            // The client hung up (a sample read, a refused size): nothing more to send.
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
