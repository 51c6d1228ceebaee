package io.tillbridge.ui.integrations.mapping;

import io.tillbridge.mappings.FieldPair;
import java.util.List;
import java.util.function.Consumer;

/**
 * Suggested field pairs with their confidence, each with an Accept button. The buttons are part of
 * the table's HTML; one listener on the table takes their clicks by row number, checked against the
 * pairs shown, so that a session keeps no component per suggestion.
 */
class SuggestionTable extends HtmlTable {

    /** The client-side filter: the click was on one of the table's buttons. */
    static final String BUTTON_CLICKED = "event.target.dataset.row !== undefined";

    private List<FieldPair> pairs = List.of();

    SuggestionTable(Consumer<FieldPair> accept) {
        super("mapping-suggestions", "");
        getElement().addEventListener("click", event -> {
            int row;
            try {
                row = Integer.parseInt(event.getEventData().getString("event.target.dataset.row"));
            } catch (RuntimeException e) {
                return; // not one of the buttons this table rendered
            }
            if (row >= 0 && row < pairs.size()) {
                accept.accept(pairs.get(row));
            }
        }).addEventData("event.target.dataset.row").setFilter(BUTTON_CLICKED);
    }

    /** Shows {@code shown}, or {@code empty} when there is none. */
    void show(List<FieldPair> shown, String empty) {
        pairs = List.copyOf(shown);
        show(List.of("Source field", "Target field", "Confidence", ""),
                pairs.stream().map(p -> List.of(p.source(), p.target(),
                        Math.round(p.confidence() * 100) + "% (" + p.reason() + ")")).toList(),
                empty, pairs.stream().map(p -> new Action("Accept", "Accept " + p.source() + " to " + p.target())).toList());
    }

    /** The pairs shown, in order. */
    List<FieldPair> pairs() {
        return pairs;
    }
}
