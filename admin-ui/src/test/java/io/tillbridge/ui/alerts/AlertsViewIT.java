package io.tillbridge.ui.alerts;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.alerts.Alert;
import io.tillbridge.alerts.AlertChannel;
import io.tillbridge.alerts.AlertEvaluator;
import io.tillbridge.alerts.Delivery;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import com.vaadin.flow.component.html.Anchor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Alerts page in the portal: open alerts with their actions, the rules editor and the channels. */
class AlertsViewIT {

    private static ApplicationContext context;
    private PortalSession session;

    @BeforeAll
    static void start() {
        context = TestContexts.withConnections(java.util.Map.of());
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void signIn() {
        String owner = PortalFixture.signUp(context, "Alert View Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void an_open_alert_shows_first_with_its_link_and_can_be_acknowledged() {
        UUID integration = backlog(5);
        context.getBean(AlertEvaluator.class).evaluate(tenant(), Instant.now());

        UI.getCurrent().navigate("alerts");
        AlertsView view = _get(AlertsView.class);

        assertThat(view.summary.getText()).isEqualTo("1 open alert.");
        Alert shown = GridKt._get(view.alertGrid, 0);
        assertThat(shown.title()).isEqualTo("Orders: runs queuing up");
        assertThat(shown.portalPath()).isEqualTo("integrations/" + integration);
        Component actions = GridKt._getCellComponent(view.alertGrid, 0, "actions");
        _click(_get(actions, Button.class, spec -> spec.withText("Acknowledge")));

        assertThat(GridKt._get(view.alertGrid, 0).acknowledgedAt()).isNotNull();
        UI.getCurrent().navigate("home");
        assertThat(_get(Anchor.class, spec -> spec.withId("home-open-alerts")).getText()).isEqualTo("1 open alert: see Alerts");
    }

    @Test
    void a_rule_is_edited_and_a_bad_threshold_is_shown_at_the_field() {
        backlog(0);
        UI.getCurrent().navigate("alerts");
        AlertsView view = _get(AlertsView.class);
        assertThat(GridKt._size(view.ruleGrid)).as("one rule of each kind").isEqualTo(7);
        assertThat(GridKt._get(view.ruleGrid, 6).kind()).isEqualTo("unreconciled");

        view.ruleGrid.select(GridKt._get(view.ruleGrid, 5));
        view.ruleThreshold.setValue(0);
        _click(view.ruleSave);
        assertThat(view.ruleThreshold.isInvalid()).isTrue();
        assertThat(view.ruleThreshold.getErrorMessage()).isEqualTo("threshold must be 1 to 100000.");

        view.ruleThreshold.setValue(8);
        _click(view.ruleSave);
        assertThat(GridKt._get(view.ruleGrid, 5).threshold()).isEqualTo(8);
        assertThat(GridKt._get(view.ruleGrid, 5).version()).isEqualTo(2);
    }

    @Test
    void a_channel_is_added_a_refused_address_is_shown_at_the_field_and_a_failed_test_shows_in_its_log() {
        UI.getCurrent().navigate("alerts");
        AlertsView view = _get(AlertsView.class);
        view.channelName.setValue("Inside");
        view.channelKind.setValue("webhook");
        view.channelTarget.setValue("http://10.1.2.3/hook");
        _click(view.channelAdd);
        assertThat(view.channelTarget.isInvalid()).isTrue();
        assertThat(view.channelTarget.getErrorMessage()).startsWith("The platform does not send to this address");
        assertThat(GridKt._size(view.channelGrid)).isZero();

        // Port 9 on loopback: allowed by the test egress policy, nothing listens.
        view.channelTarget.setValue("http://127.0.0.1:9/hook");
        _click(view.channelAdd);
        assertThat(view.secret.getText()).as(view.channelTarget.getErrorMessage()).startsWith("Signing secret (shown only now, copy it): whsec_");
        List<AlertChannel> channels = GridKt._findAll(view.channelGrid);
        assertThat(channels).extracting(AlertChannel::name).containsExactly("Inside");

        _click(_get(GridKt._getCellComponent(view.channelGrid, 0, "actions"), Button.class,
                spec -> spec.withText("Send test")));
        assertThat(view.deliveryGrid.isVisible()).isTrue();
        Delivery logged = GridKt._get(view.deliveryGrid, 0);
        assertThat(logged.kind()).isEqualTo("test");
        assertThat(logged.status()).isEqualTo("pending");
        assertThat(logged.attempts()).isEqualTo(1);
        assertThat(logged.error()).isNotBlank();
    }

    private TenantId tenant() {
        return session.currentTenant().orElseThrow();
    }

    /** An integration with {@code queued} queued runs. */
    private UUID backlog(int queued) {
        UUID id = UUID.randomUUID();
        context.getBean(TenantTransactions.class).write(tenant(), c -> {
            Sql.update(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id, source_stream,"
                    + " target_connection_id, target_object) VALUES (?, ?, 'Orders', ?, 'orders', ?, 'orders')",
                    tenant().value(), id, UUID.randomUUID(), UUID.randomUUID());
            for (int i = 0; i < queued; i++) {
                Sql.update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status) VALUES (?, ?, ?,"
                        + " 'manual', 'queued')", tenant().value(), UUID.randomUUID(), id);
            }
            return null;
        });
        return id;
    }
}
