package io.tillbridge.ui.kpis;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.dom.Element;

/**
 * A chart drawn by Chart.js (loaded from its webjar by {@link DashboardView}) on a canvas of its own.
 * The server hands the chart's whole configuration (type, labels, datasets, options) to the browser
 * as JSON, kept in the {@code data-chart} attribute so that what the browser draws can be read back.
 */
class KpiChart extends Div {

    static final String ATTRIBUTE = "data-chart";

    private final Element canvas = new Element("canvas");

    KpiChart(String id, String description) {
        setId(id);
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", description);
        getElement().appendChild(canvas);
        getStyle().set("position", "relative").set("height", "260px").set("width", "100%");
    }

    /** Draws the chart of {@code json} (a Chart.js configuration), replacing the one drawn before. */
    void show(String json) {
        getElement().setAttribute(ATTRIBUTE, json);
        getElement().executeJs("const canvas = this.querySelector('canvas');"
                + " if (this.$chart) { this.$chart.destroy(); }"
                + " if (window.Chart) { this.$chart = new window.Chart(canvas, JSON.parse($0)); }", json);
    }

    /** The configuration last handed to the browser. */
    String json() {
        return getElement().getAttribute(ATTRIBUTE);
    }
}
