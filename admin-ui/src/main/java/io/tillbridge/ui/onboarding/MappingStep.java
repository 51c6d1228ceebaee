package io.tillbridge.ui.onboarding;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.tillbridge.access.TenantScope;
import io.tillbridge.mappings.MappingPreviewRequest;
import io.tillbridge.mappings.MappingPreviewResult;
import io.tillbridge.mappings.MappingPreviews;
import io.tillbridge.mappings.MappingVersion;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.Notices;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Step 6: the pinned mapping at a glance (target field and where its value comes from) and what it
 * makes of a sample order; the builder edits it.
 */
class MappingStep extends VerticalLayout {

    /** One row of the summary. */
    record FieldLine(String target, String from) {
    }

    final Paragraph version = new Paragraph();
    final Grid<FieldLine> fields = new Grid<>();
    final Grid<Map.Entry<String, Object>> sample = new Grid<>();
    final Paragraph sampleNote = new Paragraph();
    final Anchor builder = new Anchor();
    final Button confirm = new Button("The mapping looks right");

    MappingStep(Supplier<TenantScope> scope, MappingVersions mappings, MappingPreviews previews, UUID integrationId,
            Runnable confirmed) {
        setPadding(false);
        if (integrationId == null) {
            add(new Paragraph("Start an integration first (step 5)."));
            return;
        }
        version.setId("onboarding-mapping-version");
        fields.setId("onboarding-mapping-fields");
        fields.addColumn(FieldLine::target).setHeader("Warehouse field").setKey("target").setAutoWidth(true);
        fields.addColumn(FieldLine::from).setHeader("From the POS").setKey("from").setAutoWidth(true);
        fields.setAllRowsVisible(true);
        sample.setId("onboarding-mapping-sample");
        sample.addColumn(Map.Entry::getKey).setHeader("Field").setKey("field").setAutoWidth(true);
        sample.addColumn(e -> text(e.getValue())).setHeader("Sample value").setKey("value");
        sample.setAllRowsVisible(true);
        sampleNote.setId("onboarding-mapping-sample-note");
        builder.setId("onboarding-mapping-builder");
        builder.setText("Edit in the builder");
        builder.setHref("integrations/" + integrationId + "/mapping?return=get-started");
        confirm.setId("onboarding-mapping-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        confirm.addClickListener(event -> confirmed.run());

        TenantScope current = scope.get();
        List<MappingVersion> versions = mappings.list(current, integrationId);
        MappingVersion pinned = versions.stream().filter(MappingVersion::pinned).findFirst().orElse(null);
        if (pinned == null) {
            version.setText("No mapping version is pinned: runs copy every field as it is. Pin one in the builder.");
            confirm.setEnabled(false);
            add(version, builder, confirm);
            return;
        }
        List<FieldLine> lines = lines(pinned.spec());
        version.setText("Mapping version " + pinned.version() + ": " + lines.size() + " fields.");
        fields.setItems(lines);
        try {
            MappingPreviewResult preview = previews.preview(current, integrationId, MappingPreviewRequest.pinned());
            List<Map.Entry<String, Object>> first = preview.records().stream()
                    .flatMap(r -> r.outputs().stream()).findFirst()
                    .map(o -> List.copyOf(o.entrySet())).orElse(List.of());
            sample.setItems(first.stream().limit(20).toList());
            sampleNote.setText(first.isEmpty() ? "The sample order made no row." : "A sample order from the POS, as"
                    + " the warehouse would get it" + (first.size() > 20 ? " (first 20 fields)." : "."));
            sample.setVisible(!first.isEmpty());
        } catch (ProblemException e) {
            sample.setVisible(false);
            sampleNote.setText("No sample to show: " + Notices.message(e));
        }
        add(version, fields, new H3("Sample"), sampleNote, sample, builder, confirm);
    }

    @SuppressWarnings("unchecked")
    private static List<FieldLine> lines(Map<String, Object> spec) {
        Object rules = spec.get("fields");
        if (!(rules instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(r -> (Map<String, Object>) r)
                .map(r -> new FieldLine(String.valueOf(r.get("target")), from(r))).toList();
    }

    private static String from(Map<String, Object> rule) {
        if (rule.get("source") != null) {
            return String.valueOf(rule.get("source"));
        }
        if (rule.get("sources") != null) {
            return String.valueOf(rule.get("sources"));
        }
        if (rule.containsKey("constant")) {
            return "the constant " + text(rule.get("constant"));
        }
        return rule.get("expression") != null ? "an expression" : "—";
    }

    private static String text(Object value) {
        String text = value == null ? "—" : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
