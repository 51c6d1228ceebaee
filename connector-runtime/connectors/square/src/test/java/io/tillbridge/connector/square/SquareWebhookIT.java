package io.tillbridge.connector.square;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.WebhookDelivery;
import io.tillbridge.connector.spi.WebhookEvent;
import io.tillbridge.connector.spi.WebhookEvent.ChangedObject;
import io.tillbridge.connector.spi.WebhookRequest;
import io.tillbridge.connector.spi.WebhookSubscriptions.Subscription;
import io.tillbridge.connector.square.sandbox.SquareMerchant;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Square's webhook roles against the sandbox: subscription, signed deliveries, targeted reads. */
class SquareWebhookIT {

    private SandboxReads sandbox;
    private HttpServer receiver;
    private final List<WebhookRequest> received = new CopyOnWriteArrayList<>();
    private URI url;

    @BeforeEach
    void start() throws IOException {
        sandbox = new SandboxReads(SandboxReads.options(21, SquareMerchant.US, 60), 50);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/square", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                received.add(new WebhookRequest(url.toString(), headers, body));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/square");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        sandbox.square.close();
    }

    private Subscription subscribe() {
        try (SquareConnector connector = sandbox.connector()) {
            return connector.subscribe(sandbox.config, url);
        }
    }

    private List<WebhookRequest> deliveriesAfter(Duration advance) throws InterruptedException {
        sandbox.square.advance(advance);
        assertThat(sandbox.square.awaitWebhooks(Duration.ofSeconds(20))).isTrue();
        assertThat(received).isNotEmpty();
        return List.copyOf(received);
    }

    private WebhookDelivery receive(String key, WebhookRequest request) {
        try (SquareConnector connector = sandbox.connector()) {
            return connector.receive(sandbox.config, key, request);
        }
    }

    @Test
    void a_delivery_signed_by_square_verifies_and_names_each_order_to_fetch_in_both_order_streams()
            throws InterruptedException {
        Subscription subscription = subscribe();
        List<WebhookRequest> deliveries = deliveriesAfter(Duration.ofHours(2));

        List<WebhookEvent> events = new ArrayList<>();
        deliveries.forEach(d -> events.addAll(receive(subscription.signingSecret(), d).events()));

        assertThat(events).hasSize(deliveries.size());
        assertThat(events).extracting(WebhookEvent::eventId).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
        WebhookEvent order = events.stream().filter(e -> e.type().startsWith("order.")).findFirst().orElseThrow();
        assertThat(order.changes()).extracting(ChangedObject::stream)
                .containsExactly(SquareStreams.ORDERS, PosStreams.ORDERS);
        assertThat(order.changes()).allSatisfy(c -> {
            assertThat(c.record()).isNull();
            assertThat(c.version()).matches("\\d+");
        });
    }

    @Test
    void a_re_serialised_body_with_the_same_json_fails_as_auth() throws InterruptedException, IOException {
        Subscription subscription = subscribe();
        WebhookRequest original = deliveriesAfter(Duration.ofHours(1)).get(0);
        JsonNode json = SquareApi.JSON.readTree(original.body());
        byte[] pretty = SquareApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
        assertThat(SquareApi.JSON.readTree(pretty)).isEqualTo(json);

        WebhookRequest reserialised = new WebhookRequest(original.url(), original.headers(), pretty);

        assertThatThrownBy(() -> receive(subscription.signingSecret(), reserialised))
                .isInstanceOfSatisfying(ConnectorException.class,
                        e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH));
    }

    @Test
    void a_missing_signature_a_wrong_key_or_another_url_fail_as_auth() throws InterruptedException {
        Subscription subscription = subscribe();
        WebhookRequest original = deliveriesAfter(Duration.ofHours(1)).get(0);
        WebhookRequest unsigned = new WebhookRequest(original.url(), Map.of(), original.body());
        WebhookRequest elsewhere = new WebhookRequest(original.url() + "x", original.headers(), original.body());

        for (Runnable attempt : List.<Runnable>of(() -> receive(subscription.signingSecret(), unsigned),
                () -> receive(subscription.signingSecret() + "x", original),
                () -> receive(subscription.signingSecret(), elsewhere))) {
            assertThatThrownBy(attempt::run).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.AUTH));
        }
        assertThat(receive(subscription.signingSecret(), original).events()).hasSize(1);
    }

    @Test
    void payment_and_refund_events_carry_their_record_as_a_read_emits_it() throws InterruptedException {
        Subscription subscription = subscribe();
        List<WebhookRequest> deliveries = deliveriesAfter(Duration.ofHours(8));
        List<ChangedObject> carried = new ArrayList<>();
        deliveries.forEach(d -> receive(subscription.signingSecret(), d).events()
                .forEach(e -> e.changes().stream().filter(c -> c.record() != null).forEach(carried::add)));
        assertThat(carried).extracting(ChangedObject::stream).contains(SquareStreams.PAYMENTS);

        ChangedObject last = carried.stream().filter(c -> c.stream().equals(SquareStreams.PAYMENTS))
                .reduce((a, b) -> b).orElseThrow();
        SourceRecord read = sandbox.read(SquareStreams.PAYMENTS, null).committed().stream()
                .filter(r -> r.key().equals(last.key())).reduce((a, b) -> b).orElseThrow();
        if (read.version().equals(last.version())) {
            assertThat(last.record().data()).isEqualTo(read.data());
        }
        assertThat(read.version().compareTo(last.version())).isGreaterThanOrEqualTo(0);
    }

    @Test
    void a_targeted_fetch_emits_the_named_orders_as_a_read_does_and_skips_unknown_keys() {
        List<SourceRecord> all = sandbox.read(SquareStreams.ORDERS, null).committed();
        List<String> keys = List.of(all.get(0).key(), all.get(all.size() - 1).key(), "no-such-order");
        for (String stream : List.of(SquareStreams.ORDERS, PosStreams.ORDERS)) {
            List<SourceRecord> read = sandbox.read(stream, null).committed().stream()
                    .filter(r -> keys.contains(r.key())).toList();
            CollectingSink sink = new CollectingSink();
            try (SquareConnector connector = sandbox.connector()) {
                connector.fetch(sandbox.config, stream, keys, sink);
            }
            assertThat(sink.uncommitted()).containsExactlyInAnyOrderElementsOf(read).hasSize(2);
        }
    }

    @Test
    void a_fetch_of_a_stream_square_cannot_read_by_key_is_refused_as_config() {
        try (SquareConnector connector = sandbox.connector()) {
            assertThatThrownBy(() -> connector.fetch(sandbox.config, SquareStreams.CATALOG, List.of("x"),
                    new CollectingSink())).isInstanceOfSatisfying(ConnectorException.class,
                    e -> assertThat(e.category()).isEqualTo(ConnectorException.Category.CONFIG));
        }
    }

    @Test
    void subscribing_again_to_the_same_url_keeps_the_subscription_and_only_the_new_key_verifies()
            throws InterruptedException {
        Subscription first = subscribe();
        Subscription second = subscribe();
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.signingSecret()).isNotEqualTo(first.signingSecret());

        WebhookRequest delivery = deliveriesAfter(Duration.ofHours(1)).get(0);

        assertThat(receive(second.signingSecret(), delivery).events()).hasSize(1);
        assertThatThrownBy(() -> receive(first.signingSecret(), delivery)).isInstanceOf(ConnectorException.class);
    }
}
