package io.tillbridge.connector.shopify;

import com.sun.net.httpserver.HttpServer;
import io.tillbridge.connector.spi.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback endpoint that keeps every webhook it receives, raw, and answers 200. */
final class LoopbackReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<WebhookRequest> received = new CopyOnWriteArrayList<>();

    LoopbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
                received.add(new WebhookRequest(url().toString(), headers, in.readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/shopify");
    }

    List<WebhookRequest> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
