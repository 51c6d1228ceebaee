package io.tillbridge.ui.home;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.tillbridge.health.IntegrationHealth;
import io.tillbridge.health.TenantHealth;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tenant's integrations by health, worst first: each with its status in words and an icon
 * (never colour alone), why it is not healthy, its figures, and a link to the integration.
 */
class HealthList extends Div {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> WORDS = Map.of("failing", "Failing", "degraded", "Degraded",
            "never_run", "Never run", "paused", "Paused", "healthy", "Healthy");

    final Paragraph summary = new Paragraph();
    final UnorderedList items = new UnorderedList();

    HealthList() {
        setId("home-health");
        summary.setId("home-health-summary");
        items.getStyle().set("list-style", "none").set("padding", "0").set("margin", "0");
        add(summary, items);
    }

    void show(TenantHealth health) {
        items.removeAll();
        if (health.integrations().isEmpty()) {
            summary.setText("No integrations yet: build one in the setup wizard, and its health shows here.");
            return;
        }
        List<String> parts = new ArrayList<>();
        health.counts().forEach((status, count) -> {
            if (count > 0) {
                parts.add(count + " " + WORDS.get(status).toLowerCase(Locale.ROOT));
            }
        });
        summary.setText(health.integrations().size() + (health.integrations().size() == 1 ? " integration: " : " integrations: ")
                + String.join(", ", parts) + ". Computed " + WHEN.format(health.computedAt()) + ".");
        for (IntegrationHealth h : health.integrations()) {
            items.add(item(h));
        }
    }

    private static ListItem item(IntegrationHealth h) {
        boolean good = h.status().equals("healthy");
        boolean bad = h.status().equals("failing");
        Icon icon = (good ? VaadinIcon.CHECK_CIRCLE : bad ? VaadinIcon.CLOSE_CIRCLE : VaadinIcon.EXCLAMATION_CIRCLE).create();
        icon.getElement().setAttribute("aria-hidden", "true");
        icon.setColor(good ? "var(--lumo-success-color)" : bad ? "var(--lumo-error-color)" : "var(--lumo-secondary-text-color)");
        Span state = new Span(WORDS.getOrDefault(h.status(), h.status()));
        state.getElement().getThemeList().add(good ? "badge success" : bad ? "badge error" : "badge contrast");
        Anchor name = new Anchor("integrations/" + h.integrationId(), h.name() + " (" + h.mode() + ")");
        name.getStyle().set("font-weight", "600");
        Div text = new Div(name);
        if (!h.reasons().isEmpty()) {
            text.add(new Paragraph(String.join(" ", h.reasons())));
        }
        text.add(new Paragraph(figures(h)));
        Div row = new Div(icon, state, text);
        row.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)").set("align-items", "flex-start")
                .set("padding", "var(--lumo-space-s) 0");
        ListItem item = new ListItem(row);
        item.setId("health-" + h.integrationId());
        return item;
    }

    /** The figures in words; what is not known yet is left out. */
    static String figures(IntegrationHealth h) {
        List<String> out = new ArrayList<>();
        out.add("Last success: " + when(h.lastSuccessAt()));
        out.add("last records written: " + when(h.lastWrittenAt()));
        if (h.errorRate24h() != null) {
            out.add(String.format(Locale.ROOT, "records failed in 24 h: %.2f%%", h.errorRate24h() * 100));
        }
        if (h.completionP95Seconds() != null) {
            out.add(String.format(Locale.ROOT, "run time p50 %.0f s, p95 %.0f s (7 days)", h.completionP50Seconds(),
                    h.completionP95Seconds()));
        }
        out.add(h.queuedRuns() + (h.queuedRuns() == 1 ? " run" : " runs") + " waiting");
        out.add(h.openErrors() + (h.openErrors() == 1 ? " open error" : " open errors"));
        return String.join("; ", out) + ".";
    }

    private static String when(Instant at) {
        return at == null ? "never" : WHEN.format(at);
    }
}
