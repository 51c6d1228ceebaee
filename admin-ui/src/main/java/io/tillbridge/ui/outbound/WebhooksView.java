package io.tillbridge.ui.outbound;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.outbound.SubscriptionDraft;
import io.tillbridge.outbound.SubscriptionSecret;
import io.tillbridge.outbound.WebhookDelivery;
import io.tillbridge.outbound.WebhookSubscription;
import io.tillbridge.outbound.WebhookSubscriptions;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's outbound webhooks: the subscriptions, and for the one the URL names
 * ({@code webhooks/<id>}, or {@code webhooks/new}) its form, its secret once after create or rotate,
 * a test event, and its delivery log with replays.
 */
@Route(value = "webhooks/:subscriptionId?", layout = MainLayout.class)
@PageTitle("Webhooks · Tillbridge")
class WebhooksView extends VerticalLayout implements BeforeEnterObserver {

    static final String NEW = "new";

    private final TenantAccess access;
    private final WebhookSubscriptions subscriptions;
    final Grid<WebhookSubscription> grid = new Grid<>(WebhookSubscription.class, false);
    final SubscriptionForm form = new SubscriptionForm();
    final TextField secret = new TextField("Signing secret");
    final Paragraph disabledReason = new Paragraph();
    final Grid<WebhookDelivery> deliveries = new Grid<>(WebhookDelivery.class, false);
    final Button rotate = new Button("Rotate secret");
    final Button test = new Button("Send test event");
    final Button replayFailed = new Button("Replay failed deliveries");
    private final VerticalLayout detail = new VerticalLayout();
    private final Paragraph refusal = new Paragraph();
    private WebhookSubscription editing;
    /** A secret just issued, shown once on the page of its subscription. */
    private SubscriptionSecret issued;

    WebhooksView(TenantAccess access, WebhookSubscriptions subscriptions) {
        this.access = access;
        this.subscriptions = subscriptions;
        setPadding(false);
        setSizeFull();

        grid.setId("webhooks");
        grid.addColumn(WebhookSubscription::url).setHeader("URL").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(s -> String.join(", ", s.eventTypes())).setHeader("Events").setAutoWidth(true);
        grid.addColumn(s -> s.enabled() ? "Enabled" : "Disabled").setHeader("State").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No webhooks yet. Add an endpoint to receive run results, record errors, alerts and"
                + " closed business days as signed HTTP requests.");
        grid.asSingleSelect().addValueChangeListener(event -> {
            if (event.isFromClient()) {
                UI.getCurrent().navigate("webhooks/" + (event.getValue() == null ? "" : event.getValue().id()));
            }
        });

        form.setWidth("24rem");
        form.addSaveListener(event -> save(event.draft()));
        form.addDeleteListener(event -> delete());
        form.addCloseListener(event -> UI.getCurrent().navigate("webhooks"));

        secret.setId("webhook-secret");
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setHelperText("Shown only now: store it where your endpoint verifies signatures.");
        disabledReason.setId("webhook-disabled-reason");
        rotate.setId("webhook-rotate");
        test.setId("webhook-test");
        replayFailed.setId("webhook-replay-failed");
        rotate.addClickListener(event -> rotate());
        test.addClickListener(event -> sendTest());
        replayFailed.addClickListener(event -> replayFailed());

        deliveries.setId("webhook-deliveries");
        deliveries.addColumn(WebhookDelivery::eventType).setHeader("Event").setAutoWidth(true);
        deliveries.addColumn(WebhookDelivery::status).setHeader("Status").setAutoWidth(true);
        deliveries.addColumn(WebhookDelivery::attempts).setHeader("Attempts").setAutoWidth(true);
        deliveries.addColumn(WebhooksView::lastAnswer).setHeader("Last answer").setFlexGrow(1);
        deliveries.addColumn(WebhookDelivery::createdAt).setHeader("Created").setAutoWidth(true);
        deliveries.addComponentColumn(d -> {
            Button replay = new Button("Replay", event -> replay(d));
            replay.setId("webhook-replay-" + d.id());
            replay.addThemeVariants(ButtonVariant.LUMO_SMALL);
            replay.setVisible(!"pending".equals(d.status()));
            return replay;
        }).setHeader("").setKey("replay").setAutoWidth(true);
        deliveries.setAllRowsVisible(true);
        deliveries.setEmptyStateText("Nothing sent yet.");
        detail.setPadding(false);
        detail.add(secret, disabledReason, new HorizontalLayout(rotate, test, replayFailed), new H3("Deliveries"),
                deliveries);

        Button add = new Button("Add webhook", event -> UI.getCurrent().navigate("webhooks/" + NEW));
        add.setId("webhook-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refusal.setVisible(false);
        HorizontalLayout masterDetail = new HorizontalLayout(grid, form);
        masterDetail.setWidthFull();
        masterDetail.setFlexGrow(1, grid);
        add(new H2("Webhooks"), refusal, add, masterDetail, detail);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        Optional<String> selected = event.getRouteParameters().get("subscriptionId");
        try {
            TenantScope scope = scope();
            grid.setItems(subscriptions.list(scope));
            refusal.setVisible(false);
            if (selected.isEmpty()) {
                show(null, false);
            } else if (selected.get().equals(NEW)) {
                show(null, true);
            } else {
                show(subscriptions.get(scope, parse(selected.get())), true);
            }
        } catch (ProblemException e) {
            refusal.setText(Notices.message(e));
            refusal.setVisible(true);
            show(null, false);
        }
    }

    private void show(WebhookSubscription subscription, boolean visible) {
        editing = subscription;
        form.edit(subscription);
        form.setVisible(visible);
        detail.setVisible(subscription != null);
        if (subscription == null) {
            grid.asSingleSelect().clear();
            issued = null;
            return;
        }
        grid.select(subscription);
        boolean justIssued = issued != null && issued.subscription().id().equals(subscription.id());
        secret.setValue(justIssued ? issued.secret() : "");
        secret.setVisible(justIssued);
        issued = null;
        disabledReason.setText(subscription.disabledReason() == null ? "" : subscription.disabledReason());
        disabledReason.setVisible(subscription.disabledReason() != null);
        refreshDeliveries();
    }

    private void refreshDeliveries() {
        deliveries.setItems(subscriptions.deliveries(scope(), editing.id(), Optional.empty(), Optional.empty(),
                Page.DEFAULT_LIMIT).items());
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    private void save(SubscriptionDraft draft) {
        try {
            if (editing == null) {
                issued = subscriptions.create(scope(), draft);
                Notices.done("Webhook saved. Copy its signing secret now: it is not shown again.");
                UI.getCurrent().navigate("webhooks/" + issued.subscription().id());
            } else {
                WebhookSubscription saved = subscriptions.update(scope(), editing.id(), editing.version(), draft);
                Notices.done("Webhook saved.");
                show(saved, true);
                grid.setItems(subscriptions.list(scope()));
                grid.select(saved);
            }
        } catch (ProblemException e) {
            if (e.type() == ProblemType.VALIDATION_FAILED && !e.errors().isEmpty()) {
                for (Problem.FieldError error : e.errors()) {
                    form.refuse(error.field(), error.message());
                }
            } else {
                Notices.refused(e);
            }
        }
    }

    private void delete() {
        if (editing == null) {
            return;
        }
        Notices.attempt(() -> {
            subscriptions.delete(scope(), editing.id(), editing.version());
            Notices.done("Webhook deleted.");
            UI.getCurrent().navigate("webhooks");
        });
    }

    private void rotate() {
        Notices.attempt(() -> {
            SubscriptionSecret rotated = subscriptions.rotate(scope(), editing.id());
            secret.setValue(rotated.secret());
            secret.setVisible(true);
            editing = rotated.subscription();
            Notices.done("New secret issued. The old one keeps signing until " + rotated.previousSecretExpiresAt() + ".");
        });
    }

    private void sendTest() {
        Notices.attempt(() -> {
            subscriptions.sendTest(scope(), editing.id());
            refreshDeliveries();
            Notices.done("Test event queued; the delivery log shows how it went.");
        });
    }

    private void replay(WebhookDelivery delivery) {
        Notices.attempt(() -> {
            subscriptions.replay(scope(), editing.id(), delivery.id());
            refreshDeliveries();
            Notices.done("Delivery queued again with the same event id.");
        });
    }

    private void replayFailed() {
        Notices.attempt(() -> {
            int replayed = subscriptions.replayFailed(scope(), editing.id());
            refreshDeliveries();
            Notices.done(replayed + (replayed == 1 ? " delivery" : " deliveries") + " queued again.");
        });
    }

    private static String lastAnswer(WebhookDelivery d) {
        if (d.lastError() != null) {
            return d.lastError();
        }
        return d.attemptLog().isEmpty() ? "" : d.attemptLog().get(0).statusCode() == null ? ""
                : "HTTP " + d.attemptLog().get(0).statusCode();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such webhook.");
        }
    }
}
