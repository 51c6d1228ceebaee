package io.tillbridge.ui.integrations.mapping;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import io.tillbridge.connector.mapping.MappingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value map of one field: every value seen in the sample records or held by the field's open
 * errors (and every value already mapped), whether it is mapped, the target value to enter for it (a ledger account for a payment
 * method), and what happens to a value with no entry: hold the record, use a fallback, or pass it
 * through. Fires {@link ValueMapChanged}; never calls services.
 */
class ValueMapForm extends VerticalLayout {

    /** The value map changed. */
    static class ValueMapChanged extends ComponentEvent<ValueMapForm> {
        ValueMapChanged(ValueMapForm source) {
            super(source, false);
        }
    }

    /** One source value and its target value, blank while unmapped. */
    record Entry(String value, String target) {
        boolean mapped() {
            return !target.isBlank();
        }
    }

    static final Map<String, String> POLICIES = new LinkedHashMap<>(Map.of());

    static {
        POLICIES.put("hold", "Hold the record as an error");
        POLICIES.put("fallback", "Use the fallback value");
        POLICIES.put("pass_through", "Pass the value through unchanged");
    }

    final H3 title = new H3();
    final Paragraph summary = new Paragraph();
    final Grid<Entry> entries = new Grid<>(Entry.class, false);
    final Select<String> unmapped = new Select<>();
    final TextField fallback = new TextField("Fallback value");
    private final Map<String, Object> values = new LinkedHashMap<>();
    private List<Entry> rows = List.of();
    private boolean loading;

    ValueMapForm() {
        setPadding(false);
        setId("value-map");
        summary.setId("value-map-summary");
        entries.setId("value-map-entries");
        entries.addColumn(Entry::value).setHeader("Value seen").setAutoWidth(true).setKey("value");
        entries.addColumn(e -> values.containsKey(e.value()) ? "mapped" : "unmapped").setHeader("Status").setAutoWidth(true).setKey("status");
        entries.addComponentColumn(this::targetField).setHeader("Target value").setKey("target");
        entries.setAllRowsVisible(true);
        entries.setEmptyStateText("No values seen in the sample records for this field.");
        unmapped.setLabel("A value with no entry");
        unmapped.setItems(POLICIES.keySet());
        unmapped.setItemLabelGenerator(POLICIES::get);
        unmapped.addValueChangeListener(e -> {
            fallback.setVisible("fallback".equals(e.getValue()));
            changed();
        });
        fallback.setValueChangeMode(ValueChangeMode.EAGER);
        fallback.addValueChangeListener(e -> changed());
        HorizontalLayout policy = new HorizontalLayout(unmapped, fallback);
        policy.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(title, summary, entries, policy);
    }

    Registration addValueMapChangedListener(ComponentEventListener<ValueMapChanged> listener) {
        return addListener(ValueMapChanged.class, listener);
    }

    private TextField targetField(Entry entry) {
        TextField field = new TextField();
        field.setValue(entry.target());
        field.setAriaLabel("Target value for " + entry.value());
        field.setId("value-map-target-" + rows.indexOf(entry));
        field.setValueChangeMode(ValueChangeMode.EAGER);
        field.addValueChangeListener(e -> {
            if (e.getValue().isBlank()) {
                values.remove(entry.value());
            } else {
                values.put(entry.value(), e.getValue());
            }
            changed();
        });
        return field;
    }

    /** Shows value map {@code name} with the {@code seen} values of the samples. */
    void edit(String name, MappingSpec.ValueMap map, List<String> seen) {
        loading = true;
        try {
            title.setText("Values of " + name);
            values.clear();
            if (map != null) {
                map.entries().forEach((k, v) -> values.put(k, v));
            }
            Set<String> all = new LinkedHashSet<>(seen);
            all.addAll(values.keySet());
            List<Entry> list = new ArrayList<>();
            for (String v : all) {
                Object target = values.get(v);
                list.add(new Entry(v, target == null ? "" : String.valueOf(target)));
            }
            rows = list;
            entries.setItems(rows);
            unmapped.setValue(map == null || map.unmapped() == null ? "hold" : map.unmapped());
            fallback.setValue(map == null || map.fallback() == null ? "" : String.valueOf(map.fallback()));
            fallback.setVisible("fallback".equals(unmapped.getValue()));
            summarize();
        } finally {
            loading = false;
        }
    }

    /** The value map as entered. */
    MappingSpec.ValueMap valueMap() {
        String policy = unmapped.getValue() == null ? "hold" : unmapped.getValue();
        return new MappingSpec.ValueMap(new LinkedHashMap<>(values), policy.equals("hold") ? null : policy,
                policy.equals("fallback") ? fallback.getValue() : null);
    }

    /** The entries as shown, with their current target values. */
    List<Entry> shownEntries() {
        return rows.stream().map(e -> new Entry(e.value(), values.containsKey(e.value())
                ? String.valueOf(values.get(e.value())) : "")).toList();
    }

    private void summarize() {
        long unmappedCount = shownEntries().stream().filter(e -> !e.mapped()).count();
        summary.setText(rows.size() + (rows.size() == 1 ? " value" : " values") + " seen, " + unmappedCount + " unmapped"
                + (unmappedCount > 0 && "hold".equals(unmapped.getValue()) ? ": records with them are held as errors." : "."));
    }

    private void changed() {
        if (loading) {
            return;
        }
        summarize();
        fireEvent(new ValueMapChanged(this));
    }
}
