package io.tillbridge.ui.onboarding;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.InstalledConnector;
import io.tillbridge.onboarding.OnboardingService;
import io.tillbridge.ui.Notices;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Step 4: the catalog of POS connectors, the sandbox offered first (no credentials needed), then
 * the vendor's own sign-in; the vendor sends the merchant back to this wizard.
 */
class ConnectStep extends VerticalLayout {

    private final Supplier<TenantScope> scope;
    private final ConnectionService connections;
    private final OnboardingService onboarding;
    private final Runnable done;
    final FlexLayout catalog = new FlexLayout();
    final Paragraph connected = new Paragraph();

    ConnectStep(Supplier<TenantScope> scope, OnboardingService onboarding, ConnectionService connections,
            UUID posConnection, Runnable done) {
        this.scope = scope;
        this.connections = connections;
        this.onboarding = onboarding;
        this.done = done;
        setPadding(false);
        connected.setId("onboarding-pos");
        catalog.setId("onboarding-pos-catalog");
        catalog.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        catalog.getStyle().set("gap", "var(--lumo-space-m)");
        for (InstalledConnector connector : onboarding.posConnectors()) {
            catalog.add(card(connector));
        }
        if (posConnection != null) {
            ConnectionDetail pos = connections.get(scope.get(), posConnection);
            connected.setText("Connected: " + pos.name() + (pos.sandbox() ? " (sandbox)" : "") + ".");
            Button proceed = new Button("Continue with " + pos.name(), event -> done.run());
            proceed.setId("onboarding-pos-continue");
            proceed.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(connected, proceed, new H3("Or connect another POS"), catalog);
        } else {
            add(new Paragraph("Choose your POS. Try its sandbox first: it needs no credentials and generates"
                    + " realistic orders. Connect your own account when you are ready."), catalog);
        }
    }

    private Div card(InstalledConnector connector) {
        H3 title = new H3(connector.name());
        title.getStyle().set("margin", "0");
        HorizontalLayout actions = new HorizontalLayout();
        actions.setWrap(true);
        if (connector.sandbox()) {
            Button sandbox = new Button("Try the sandbox", event -> sandbox(connector));
            sandbox.setId("onboarding-sandbox-" + connector.id());
            sandbox.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            actions.add(sandbox);
        }
        if (connector.oauth() != null && connector.oauth().connect()) {
            Button grant = new Button("Connect with " + connector.name(), event -> startOAuth(connector));
            grant.setId("onboarding-oauth-" + connector.id());
            actions.add(grant);
        }
        Anchor manual = new Anchor("connect/" + connector.id(), "Enter credentials instead");
        Div card = new Div(title, new Paragraph(connector.description()), actions, manual);
        card.getStyle().set("width", "18rem").set("max-width", "100%").set("padding", "var(--lumo-space-m)")
                .set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)");
        return card;
    }

    void sandbox(InstalledConnector connector) {
        if (Notices.attempt(() -> {
            ConnectionDetail created = connections.create(scope.get(), new ConnectionDraft(connector.id(),
                    connector.name() + " sandbox", Map.of(), true));
            Notices.done("Connected to the " + created.name() + ".");
        })) {
            done.run();
        }
    }

    /** Sends the browser to the vendor's consent page; the vendor returns it to this wizard. */
    void startOAuth(InstalledConnector connector) {
        Notices.attempt(() -> UI.getCurrent().getPage().setLocation(onboarding.startOAuth(scope.get(),
                new ConnectionDraft(connector.id(), connector.name(), Map.of(), false)).authorizationUrl()));
    }
}
