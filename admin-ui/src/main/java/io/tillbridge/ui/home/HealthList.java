package io.tillbridge.ui.home;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.tillbridge.connections.ConnectionHealth;
import io.tillbridge.health.IntegrationHealth;
import io.tillbridge.health.TenantHealth;
import io.tillbridge.ui.HealthWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tenant's integrations by health, worst first: each with its status in words and an icon
 * (never colour alone), why it is not healthy, its figures, and a link to the integration.
 */
class HealthList extends Div {

    final Paragraph summary = new Paragraph();
    final UnorderedList items = new UnorderedList();
    final Paragraph connectionSummary = new Paragraph();
    final UnorderedList connectionItems = new UnorderedList();

    HealthList() {
        setId("home-health");
        summary.setId("home-health-summary");
        connectionSummary.setId("home-connections-summary");
        items.getStyle().set("list-style", "none").set("padding", "0").set("margin", "0");
        connectionItems.getStyle().set("list-style", "none").set("padding", "0").set("margin", "0");
        add(summary, items, connectionSummary, connectionItems);
    }

    void show(TenantHealth health) {
        items.removeAll();
        showConnections(health.connections());
        if (health.integrations().isEmpty()) {
            summary.setText("No integrations yet: build one in the setup wizard, and its health shows here.");
            return;
        }
        List<String> parts = new ArrayList<>();
        health.counts().forEach((status, count) -> {
            if (count > 0) {
                parts.add(count + " " + HealthWords.status(status).toLowerCase(Locale.ROOT));
            }
        });
        summary.setText(health.integrations().size() + (health.integrations().size() == 1 ? " integration: " : " integrations: ")
                + String.join(", ", parts) + ". Computed " + HealthWords.when(health.computedAt()) + ".");
        for (IntegrationHealth h : health.integrations()) {
            items.add(item(h));
        }
    }

    /** The connections: counts per status, then each one that fails or loses its access soon. */
    private void showConnections(List<ConnectionHealth> connections) {
        connectionItems.removeAll();
        if (connections.isEmpty()) {
            connectionSummary.setText("");
            return;
        }
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        connections.forEach(c -> counts.merge(HealthWords.connectionStatus(c.status()).toLowerCase(Locale.ROOT), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((status, count) -> parts.add(count + " " + status));
        connectionSummary.setText("Connections: " + String.join(", ", parts) + ".");
        for (ConnectionHealth c : connections) {
            if (!c.reasons().isEmpty()) {
                Span state = new Span(c.accessExpiresSoon() && !"failing".equals(c.status()) ? "Access ends soon"
                        : HealthWords.connectionStatus(c.status()));
                state.getElement().getThemeList().add("failing".equals(c.status()) ? "badge error" : "badge contrast");
                Anchor name = new Anchor("connections/" + c.id(), c.name());
                name.getStyle().set("font-weight", "600");
                Div row = new Div(state, new Div(name, new Paragraph(String.join(" ", c.reasons()))));
                row.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)").set("align-items", "flex-start");
                ListItem item = new ListItem(row);
                item.setId("connection-health-" + c.id());
                connectionItems.add(item);
            }
        }
    }

    private static ListItem item(IntegrationHealth h) {
        boolean good = h.status().equals("healthy");
        boolean bad = h.status().equals("failing");
        Icon icon = (good ? VaadinIcon.CHECK_CIRCLE : bad ? VaadinIcon.CLOSE_CIRCLE : VaadinIcon.EXCLAMATION_CIRCLE).create();
        icon.getElement().setAttribute("aria-hidden", "true");
        icon.setColor(good ? "var(--lumo-success-color)" : bad ? "var(--lumo-error-color)" : "var(--lumo-secondary-text-color)");
        Span state = new Span(HealthWords.status(h.status()));
        state.getElement().getThemeList().add(good ? "badge success" : bad ? "badge error" : "badge contrast");
        Anchor name = new Anchor("integrations/" + h.integrationId(), h.name() + " (" + h.mode() + ")");
        name.getStyle().set("font-weight", "600");
        Div text = new Div(name);
        if (!h.reasons().isEmpty()) {
            text.add(new Paragraph(String.join(" ", h.reasons())));
        }
        text.add(new Paragraph(HealthWords.figures(h)));
        Div row = new Div(icon, state, text);
        row.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)").set("align-items", "flex-start")
                .set("padding", "var(--lumo-space-s) 0");
        ListItem item = new ListItem(row);
        item.setId("health-" + h.integrationId());
        return item;
    }

}
