package io.tillbridge.connector.clover;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.clover.sandbox.CloverMerchant;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookEvent;
import io.tillbridge.connector.spi.WebhookEvent.ChangedObject;
import io.tillbridge.connector.spi.WebhookRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's webhooks received by the connector on a loopback server, and the objects they name
 * read by id: the handshake, then messages whose records the targeted read gives as a read would.
 */
class CloverWebhooksIT {

    private final List<WebhookRequest> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void listen() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/webhooks/clover", exchange -> {
            try (exchange) {
                Map<String, List<String>> headers = new HashMap<>(exchange.getRequestHeaders());
                received.add(new WebhookRequest(url, headers, exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/clover";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void the_handshake_then_messages_whose_objects_a_targeted_read_gives_as_a_read_would() throws Exception {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(41, CloverMerchant.US_NEW_YORK, 80)
                .withOrdersPerHour(8), 50)) {
            CloverConnector connector = sandbox.connector();
            String authCode = sandbox.clover.webhookAuthCode();
            sandbox.clover.registerWebhook(url);
            assertThat(sandbox.clover.awaitWebhooks(Duration.ofSeconds(10))).isTrue();
            WebhookDelivery handshake = connector.receive(sandbox.config, authCode, received.remove(0));
            assertThat(handshake.handshake()).isNotBlank();
            assertThat(handshake.events()).isEmpty();
            assertThat(sandbox.clover.confirmWebhook(handshake.handshake())).isTrue();

            sandbox.advance(Duration.ofHours(3));
            assertThat(sandbox.clover.awaitWebhooks(Duration.ofSeconds(10))).isTrue();
            assertThat(received).isNotEmpty();
            Map<String, Map<String, Long>> latest = new HashMap<>();
            for (WebhookRequest request : received) {
                for (WebhookEvent event : connector.receive(sandbox.config, authCode, request).events()) {
                    for (ChangedObject change : event.changes()) {
                        latest.computeIfAbsent(change.stream(), s -> new HashMap<>()).merge(change.key(),
                                Long.parseLong(change.version()), Math::max);
                    }
                }
            }
            assertThat(latest).containsKeys(CloverStreams.ORDERS, PosStreams.ORDERS, CloverStreams.PAYMENTS,
                    PosStreams.PAYMENTS);
            for (String stream : List.of(PosStreams.ORDERS, CloverStreams.PAYMENTS, PosStreams.PAYMENTS)) {
                List<String> keys = new ArrayList<>(latest.get(stream).keySet());
                keys.add("NOSUCHOBJECT1");
                CollectingSink fetched = new CollectingSink();
                connector.fetch(sandbox.config, stream, keys, fetched);
                assertThat(fetched.lastCheckpoint()).as("a targeted read emits no checkpoint").isNull();
                Map<String, SourceRecord> read = new HashMap<>();
                sandbox.read(stream, null).committed().forEach(r -> read.put(r.key(), r));
                assertThat(fetched.uncommitted()).extracting(SourceRecord::key)
                        .containsExactlyInAnyOrderElementsOf(latest.get(stream).keySet());
                for (SourceRecord record : fetched.uncommitted()) {
                    assertThat(record.version()).isEqualTo(Long.toString(latest.get(stream).get(record.key())));
                    assertThat(record).isEqualTo(read.get(record.key()));
                }
            }
        }
    }

    @Test
    void a_message_from_the_sandbox_with_a_wrong_auth_code_is_refused() throws Exception {
        try (CloverReads sandbox = new CloverReads(CloverReads.options(42, CloverMerchant.US_NEW_YORK, 20)
                .withOrdersPerHour(8), 50)) {
            CloverConnector connector = sandbox.connector();
            sandbox.clover.registerWebhook(url);
            assertThat(sandbox.clover.awaitWebhooks(Duration.ofSeconds(10))).isTrue();
            String code = connector.receive(sandbox.config, "another-code", received.remove(0)).handshake();
            assertThat(sandbox.clover.confirmWebhook(code)).isTrue();
            sandbox.advance(Duration.ofHours(2));
            assertThat(sandbox.clover.awaitWebhooks(Duration.ofSeconds(10))).isTrue();
            assertThat(received).isNotEmpty().allSatisfy(request ->
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.receive(sandbox.config,
                            "another-code", request)).isInstanceOfSatisfying(
                            io.tillbridge.connector.spi.ConnectorException.class,
                            e -> assertThat(e.category()).isEqualTo(
                                    io.tillbridge.connector.spi.ConnectorException.Category.AUTH)));
        }
    }
}
