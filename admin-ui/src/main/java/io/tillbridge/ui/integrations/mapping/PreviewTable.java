package io.tillbridge.ui.integrations.mapping;

import io.tillbridge.mappings.MappingError;
import io.tillbridge.mappings.MappingPreviewResult;
import io.tillbridge.ui.FlatValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The live preview: one row per output row of each sample record, one column per target field, and
 * the record's field errors in words.
 */
class PreviewTable extends HtmlTable {

    PreviewTable() {
        // The errors column keeps room to be read.
        super("mapping-preview", " #mapping-preview td:last-child { min-width: 16em; max-width: 32em; }");
    }

    /** Shows {@code result} with one column per target in {@code targets}. */
    void show(MappingPreviewResult result, List<String> targets) {
        List<List<String>> lines = new ArrayList<>();
        for (MappingPreviewResult.RecordResult record : result.records()) {
            String errors = record.errors().stream().map(PreviewTable::words).collect(Collectors.joining("; "));
            List<Map<String, Object>> outputs = record.outputs().isEmpty() ? List.of(Map.of()) : record.outputs();
            for (Map<String, Object> output : outputs) {
                Map<String, Object> flat = FlatValues.of(output);
                List<String> line = new ArrayList<>();
                line.add(String.valueOf(record.index() + 1));
                for (String target : targets) {
                    Object value = flat.containsKey(target) ? flat.get(target) : output.get(target);
                    line.add(value == null ? "" : String.valueOf(value));
                }
                line.add(errors.isEmpty() ? "ok" : errors);
                lines.add(line);
            }
        }
        List<String> header = new ArrayList<>();
        header.add("Record");
        header.addAll(targets);
        header.add("Errors");
        show(header, lines, "No output rows.", null);
    }

    /** This table in a box that scrolls sideways when its columns are wider than the page. */
    com.vaadin.flow.component.html.Div inScrollingBox() {
        com.vaadin.flow.component.html.Div box = new com.vaadin.flow.component.html.Div(this);
        box.getStyle().set("overflow-x", "auto").set("max-width", "100%");
        box.setWidthFull();
        return box;
    }

    private static String words(MappingError e) {
        return e.path() + ": " + e.message() + (e.value() == null ? "" : " (value " + e.value() + ")");
    }
}
