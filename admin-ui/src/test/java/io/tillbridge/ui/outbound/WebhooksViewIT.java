package io.tillbridge.ui.outbound;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.sun.net.httpserver.HttpServer;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.outbound.WebhookDelivery;
import io.tillbridge.outbound.WebhookSender;
import io.tillbridge.outbound.WebhookSubscription;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.TestContexts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Webhooks page with Karibu: adding a subscription (a refused address explained at the URL
 * field), its secret shown once, a test event, the delivery log and a replay, against an endpoint on
 * loopback that the test drives the sender to.
 */
class WebhooksViewIT {

    private static ApplicationContext context;
    private static HttpServer endpoint;
    private static final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        context = TestContexts.withConnections(Map.of("tillbridge.webhooks.retry-schedule", "0s"));
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().startsWith("/down") ? 500 : 204, -1);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterAll
    static void close() {
        endpoint.stop(0);
        context.close();
    }

    @BeforeEach
    void an_owner_on_the_webhooks_page() {
        String owner = PortalFixture.signUp(context, "Webhook Deli");
        MockPortal.setUp(context);
        PortalFixture.signIn(context, owner);
        received.clear();
        UI.getCurrent().navigate("webhooks");
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void a_private_address_is_explained_at_the_url_field_and_nothing_is_saved() {
        WebhooksView view = add("https://10.0.0.1/hooks");
        assertThat(view.form.url.isInvalid()).isTrue();
        assertThat(view.form.url.getErrorMessage()).contains("cannot receive webhooks", "10.0.0.1");
        assertThat(GridKt._findAll(view.grid)).isEmpty();
    }

    @Test
    void no_event_type_chosen_is_explained_at_the_events() {
        WebhooksView view = _get(WebhooksView.class);
        _get(Button.class, spec -> spec.withId("webhook-add")).click();
        view.form.url.setValue(url("/hooks"));
        _get(Button.class, spec -> spec.withId("webhook-save")).click();
        assertThat(view.form.eventTypes.isInvalid()).isTrue();
        assertThat(GridKt._findAll(view.grid)).isEmpty();
    }

    @Test
    void a_new_webhook_shows_its_secret_once_and_a_test_event_appears_delivered_in_the_log() {
        WebhooksView view = add(url("/hooks"));
        List<WebhookSubscription> listed = GridKt._findAll(view.grid);
        assertThat(listed).extracting(WebhookSubscription::url).containsExactly(url("/hooks"));
        assertThat(view.secret.isVisible()).isTrue();
        assertThat(view.secret.getValue()).startsWith("whsec_");

        _get(Button.class, spec -> spec.withId("webhook-test")).click();
        context.getBean(WebhookSender.class).sendDue();
        UI.getCurrent().navigate("webhooks");
        UI.getCurrent().navigate("webhooks/" + listed.get(0).id());
        assertThat(view.secret.isVisible()).as("the secret is shown only once").isFalse();
        List<WebhookDelivery> log = GridKt._findAll(view.deliveries);
        assertThat(log).extracting(WebhookDelivery::eventType, WebhookDelivery::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("webhook.test", "delivered"));
        assertThat(received).containsExactly("/hooks " + log.get(0).eventId());
    }

    @Test
    void a_failed_delivery_is_replayed_from_the_log_with_the_same_event_id() {
        WebhooksView view = add(url("/down"));
        _get(Button.class, spec -> spec.withId("webhook-test")).click();
        context.getBean(WebhookSender.class).sendDue();
        UUIDs ids = new UUIDs(view);
        assertThat(ids.first().status()).isEqualTo("failed");
        assertThat(received).hasSize(2);

        WebhookDelivery failed = ids.first();
        Button replay = (Button) GridKt._getCellComponent(view.deliveries, 0, "replay");
        assertThat(replay.getId()).hasValue("webhook-replay-" + failed.id());
        replay.click();
        assertThat(GridKt._findAll(view.deliveries)).extracting(WebhookDelivery::status).containsExactly("pending");
        context.getBean(WebhookSender.class).sendDue();
        assertThat(received).hasSize(4);
        assertThat(Set.copyOf(received)).containsExactly("/down " + ids.first().eventId());
    }

    private WebhooksView add(String url) {
        WebhooksView view = _get(WebhooksView.class);
        _get(Button.class, spec -> spec.withId("webhook-add")).click();
        view.form.url.setValue(url);
        view.form.eventTypes.setValue(Set.of("run.failed", "day.closed"));
        _get(Button.class, spec -> spec.withId("webhook-save")).click();
        return view;
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + path;
    }

    /** The delivery log as the page shows it after a reload. */
    private record UUIDs(WebhooksView view) {
        WebhookDelivery first() {
            WebhookSubscription shown = GridKt._findAll(view.grid).get(0);
            UI.getCurrent().navigate("webhooks");
            UI.getCurrent().navigate("webhooks/" + shown.id());
            return GridKt._findAll(view.deliveries).get(0);
        }
    }
}
