package io.tillbridge.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import io.tillbridge.integrations.Integration;
import java.util.function.Function;

/** The filter fields the list pages share: "which integration" and "any of these values". */
public final class FilterFields {

    private FilterFields() {
    }

    /** A choice of one of the tenant's integrations by name, or all when empty. */
    public static void integration(ComboBox<Integration> field, String id) {
        field.setId(id);
        field.setItemLabelGenerator(Integration::name);
        field.setClearButtonVisible(true);
        field.setPlaceholder("All");
    }

    /** A choice of one value, in words, or any when empty. */
    @SafeVarargs
    public static <T> void anyOf(Select<T> field, String id, String label, Function<T, String> words, T... values) {
        field.setId(id);
        field.setLabel(label);
        field.setItems(values);
        field.setEmptySelectionAllowed(true);
        field.setEmptySelectionCaption("Any");
        field.setItemLabelGenerator(v -> v == null ? "Any" : words.apply(v));
    }
}
