package io.tillbridge.ui.alerts;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.alerts.Alert;
import io.tillbridge.alerts.AlertChannel;
import io.tillbridge.alerts.AlertRule;
import io.tillbridge.alerts.AlertService;
import io.tillbridge.alerts.ChannelCreated;
import io.tillbridge.alerts.ChannelDraft;
import io.tillbridge.alerts.Delivery;
import io.tillbridge.alerts.RuleChange;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The tenant's alerts, open ones first, each with a link to the page it concerns and buttons to
 * acknowledge or snooze it; the alert rules of every integration with a small editor; the channels
 * with a test-send button and their delivery log.
 */
@Route(value = "alerts", layout = MainLayout.class)
@PageTitle("Alerts · Tillbridge")
public class AlertsView extends VerticalLayout implements BeforeEnterObserver {

    /** How long the snooze button holds re-notifications. */
    static final Duration SNOOZE = Duration.ofHours(4);

    private final TenantAccess access;
    private final AlertService alerts;
    final Paragraph summary = new Paragraph();
    final Grid<Alert> alertGrid = new Grid<>(Alert.class, false);
    final Grid<AlertRule> ruleGrid = new Grid<>(AlertRule.class, false);
    final Checkbox ruleEnabled = new Checkbox("Enabled");
    final IntegerField ruleThreshold = new IntegerField("Threshold");
    final IntegerField ruleRenotify = new IntegerField("Re-notify every (minutes)");
    final Button ruleSave = new Button("Save rule");
    final Grid<AlertChannel> channelGrid = new Grid<>(AlertChannel.class, false);
    final TextField channelName = new TextField("Name");
    final ComboBox<String> channelKind = new ComboBox<>("Kind", "email", "chat", "webhook");
    final TextField channelTarget = new TextField("Addresses (comma-separated) or URL");
    final Button channelAdd = new Button("Add channel");
    final Paragraph secret = new Paragraph();
    final Grid<Delivery> deliveryGrid = new Grid<>(Delivery.class, false);
    private AlertRule editing;

    AlertsView(TenantAccess access, AlertService alerts) {
        this.access = access;
        this.alerts = alerts;
        setPadding(false);
        summary.setId("alerts-summary");
        alertGrid.setId("alerts-grid");
        alertGrid.addColumn(Alert::status).setHeader("Status").setAutoWidth(true);
        alertGrid.addColumn(Alert::title).setHeader("Alert").setFlexGrow(1);
        alertGrid.addColumn(Alert::message).setHeader("What happened").setFlexGrow(2);
        alertGrid.addColumn(a -> a.openedAt().toString()).setHeader("Opened").setAutoWidth(true);
        alertGrid.addComponentColumn(a -> new Anchor(a.portalPath(), "Open")).setHeader("Concerns");
        alertGrid.addComponentColumn(this::actions).setHeader("Actions").setKey("actions").setAutoWidth(true);
        alertGrid.setAllRowsVisible(true);
        alertGrid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);

        ruleGrid.setId("alert-rules");
        ruleGrid.addColumn(AlertRule::title).setHeader("Rule").setAutoWidth(true);
        ruleGrid.addComponentColumn(r -> new Anchor("integrations/" + r.integrationId(), "Integration"))
                .setHeader("Integration");
        ruleGrid.addColumn(r -> r.enabled() ? "on" : "off").setHeader("Enabled");
        ruleGrid.addColumn(AlertRule::threshold).setHeader("Threshold");
        ruleGrid.addColumn(AlertRule::renotifyMinutes).setHeader("Re-notify (min)");
        ruleGrid.addColumn(r -> r.channelIds() == null ? "all" : r.channelIds().size() + " channels").setHeader("Channels");
        ruleGrid.setAllRowsVisible(true);
        ruleGrid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));
        ruleThreshold.setId("rule-threshold");
        ruleRenotify.setId("rule-renotify");
        ruleSave.setId("rule-save");
        ruleSave.addClickListener(e -> saveRule());
        edit(null);

        channelGrid.setId("alert-channels");
        channelGrid.addColumn(AlertChannel::name).setHeader("Channel");
        channelGrid.addColumn(AlertChannel::kind).setHeader("Kind");
        channelGrid.addColumn(c -> c.addresses() != null ? String.join(", ", c.addresses()) : c.url()).setHeader("To");
        channelGrid.addComponentColumn(this::channelActions).setHeader("Actions").setKey("actions").setAutoWidth(true);
        channelGrid.setAllRowsVisible(true);
        channelName.setId("channel-name");
        channelKind.setId("channel-kind");
        channelTarget.setId("channel-target");
        channelAdd.setId("channel-add");
        channelAdd.addClickListener(e -> addChannel());
        secret.setId("channel-secret");
        secret.setVisible(false);
        deliveryGrid.setId("channel-deliveries");
        deliveryGrid.addColumn(d -> d.createdAt().toString()).setHeader("Time");
        deliveryGrid.addColumn(Delivery::kind).setHeader("Kind");
        deliveryGrid.addColumn(Delivery::status).setHeader("Outcome");
        deliveryGrid.addColumn(d -> d.statusCode() == null ? "" : d.statusCode().toString()).setHeader("Status code");
        deliveryGrid.addColumn(d -> d.error() == null ? "" : d.error()).setHeader("Error");
        deliveryGrid.setAllRowsVisible(true);
        deliveryGrid.setVisible(false);

        add(new H2("Alerts"), summary, alertGrid, new H3("Rules"), ruleGrid,
                new HorizontalLayout(ruleEnabled, ruleThreshold, ruleRenotify, ruleSave), new H3("Channels"), channelGrid,
                new HorizontalLayout(channelName, channelKind, channelTarget, channelAdd), secret, deliveryGrid);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isPresent()) {
            refresh();
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    void refresh() {
        try {
            TenantScope scope = scope();
            List<Alert> shown = alerts.alerts(scope, null, null, 100);
            long open = shown.stream().filter(a -> a.status().equals("open")).count();
            summary.setText(open == 0 ? "No open alerts." : open == 1 ? "1 open alert." : open + " open alerts.");
            alertGrid.setItems(shown);
            ruleGrid.setItems(alerts.rules(scope, null));
            channelGrid.setItems(alerts.channels(scope));
        } catch (ProblemException e) {
            summary.setText(Notices.message(e));
        }
    }

    private HorizontalLayout actions(Alert alert) {
        HorizontalLayout buttons = new HorizontalLayout();
        if (alert.status().equals("open")) {
            Button ack = new Button(alert.acknowledgedAt() == null ? "Acknowledge" : "Acknowledged");
            ack.setEnabled(alert.acknowledgedAt() == null);
            ack.addClickListener(e -> act(() -> alerts.acknowledge(scope(), alert.id()), "Acknowledged: no more reminders."));
            Button snooze = new Button("Snooze 4 h");
            snooze.addClickListener(e -> act(() -> alerts.snooze(scope(), alert.id(), Instant.now().plus(SNOOZE)),
                    "Snoozed for 4 hours."));
            buttons.add(ack, snooze);
        }
        return buttons;
    }

    private HorizontalLayout channelActions(AlertChannel channel) {
        Button test = new Button("Send test");
        test.addClickListener(e -> {
            if (Notices.attempt(() -> {
                Delivery d = alerts.test(scope(), channel.id());
                if (d.status().equals("sent")) {
                    Notices.done("Test sent to " + channel.name() + ".");
                } else {
                    Notices.error("The test failed: " + d.error());
                }
            })) {
                showDeliveries(channel);
            }
        });
        Button log = new Button("Delivery log");
        log.addClickListener(e -> showDeliveries(channel));
        return new HorizontalLayout(test, log);
    }

    void showDeliveries(AlertChannel channel) {
        Notices.attempt(() -> {
            deliveryGrid.setItems(alerts.deliveries(scope(), channel.id(), 50));
            deliveryGrid.setVisible(true);
        });
    }

    private void act(Runnable action, String done) {
        if (Notices.attempt(action)) {
            Notices.done(done);
            refresh();
        }
    }

    private void edit(AlertRule rule) {
        editing = rule;
        ruleEnabled.setEnabled(rule != null);
        ruleThreshold.setEnabled(rule != null);
        ruleRenotify.setEnabled(rule != null);
        ruleSave.setEnabled(rule != null);
        if (rule != null) {
            ruleEnabled.setValue(rule.enabled());
            ruleThreshold.setValue(rule.threshold());
            ruleRenotify.setValue(rule.renotifyMinutes());
        }
    }

    void saveRule() {
        if (editing == null) {
            return;
        }
        if (ruleThreshold.getValue() == null || ruleRenotify.getValue() == null) {
            ruleThreshold.setInvalid(ruleThreshold.getValue() == null);
            ruleThreshold.setErrorMessage("Enter a whole number");
            ruleRenotify.setInvalid(ruleRenotify.getValue() == null);
            ruleRenotify.setErrorMessage("Enter minutes, 15 to 10080");
            return;
        }
        try {
            alerts.updateRule(scope(), editing.id(), editing.version(), new RuleChange(ruleEnabled.getValue(),
                    ruleThreshold.getValue(), null, null, null, null, ruleRenotify.getValue(), null, false));
            Notices.done("Rule saved.");
            edit(null);
            refresh();
        } catch (ProblemException e) {
            String message = Notices.message(e);
            if (message.startsWith("renotifyMinutes")) {
                ruleRenotify.setErrorMessage(message);
                ruleRenotify.setInvalid(true);
            } else {
                ruleThreshold.setErrorMessage(message);
                ruleThreshold.setInvalid(true);
            }
        }
    }

    void addChannel() {
        String kind = channelKind.getValue();
        String target = channelTarget.getValue() == null ? "" : channelTarget.getValue().strip();
        List<String> addresses = "email".equals(kind)
                ? Arrays.stream(target.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList() : null;
        try {
            ChannelCreated created = alerts.createChannel(scope(), new ChannelDraft(channelName.getValue(), kind, addresses,
                    "email".equals(kind) ? null : target));
            channelTarget.setInvalid(false);
            secret.setText(created.secret() == null ? "" : "Signing secret (shown only now, copy it): " + created.secret());
            secret.setVisible(created.secret() != null);
            Notices.done("Channel added.");
            refresh();
        } catch (ProblemException e) {
            channelTarget.setErrorMessage(Notices.message(e));
            channelTarget.setInvalid(true);
        }
    }
}
