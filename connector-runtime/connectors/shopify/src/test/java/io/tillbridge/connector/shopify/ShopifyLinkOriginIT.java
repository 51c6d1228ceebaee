package io.tillbridge.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.spi.ConnectorException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A next-page link that leaves the shop's origin is not followed: the access token stays with the shop. */
class ShopifyLinkOriginIT {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                requests.add(exchange.getRequestURI().getPath());
                byte[] body = ("{\"orders\": [{\"id\": 1, \"updated_at\": \"2026-12-01T10:00:00-05:00\"}]}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.getResponseHeaders().set("Link", "<http://127.0.0.2:" + server.getAddress().getPort()
                        + "/tillbridge-demo.myshopify.com/admin/api/2025-07/orders.json?page_info=x>; rel=\"next\"");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void a_next_link_to_another_host_fails_the_read_before_any_request_goes_there() {
        ShopifyConfig config = ShopifyConfig.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                + "/tillbridge-demo.myshopify.com"), "tillbridge-demo", "shpat_secret");
        CollectingSink sink = new CollectingSink();
        try (ShopifyConnector connector = ShopifyReads.standalone()) {
            assertThatThrownBy(() -> connector.read(config, ShopifyStreams.ORDERS, null, sink))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.category()).isEqualTo(ConnectorException.Category.SYSTEM);
                        assertThat(e.getMessage()).contains("away from the shop");
                    });
        }
        assertThat(requests).hasSize(1);
        assertThat(sink.received()).isEqualTo(1);
    }
}
