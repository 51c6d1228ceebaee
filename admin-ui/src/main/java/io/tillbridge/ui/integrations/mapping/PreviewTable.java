package io.tillbridge.ui.integrations.mapping;

import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.dom.Element;
import io.tillbridge.mappings.MappingError;
import io.tillbridge.mappings.MappingPreviewResult;
import io.tillbridge.ui.FlatValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.nodes.Entities;

/**
 * The live preview: one row per output row of each sample record, one column per target field, and
 * the record's field errors in words. A plain table whose head and body are each one escaped HTML
 * property, sent again only when its text changed: light in the session (benchmark G10) and quick
 * to follow every keystroke of the builder (G11).
 */
class PreviewTable extends NativeTable {

    private final NativeTableHeader head = new NativeTableHeader();
    private final NativeTableBody body = new NativeTableBody();
    private List<String> columns = List.of();
    private List<List<String>> shown = List.of();

    PreviewTable() {
        setId("mapping-preview");
        add(head, body);
        getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)");
        // Cell padding for the cells of the HTML body, which carry no style of their own.
        // A long value wraps in its cell, and the errors column keeps room to be read.
        getElement().appendChild(new Element("style").setText("#mapping-preview th, #mapping-preview td"
                + " { text-align: start; vertical-align: top; padding: 0 var(--lumo-space-s);"
                + " max-width: 20em; overflow-wrap: anywhere; }"
                + " #mapping-preview td:last-child { min-width: 16em; max-width: 32em; }"));
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
        render(header, lines);
    }

    private static String words(MappingError e) {
        return e.path() + ": " + e.message() + (e.value() == null ? "" : " (value " + e.value() + ")");
    }

    private void render(List<String> header, List<List<String>> lines) {
        if (!header.equals(columns)) {
            head.getElement().setProperty("innerHTML", html(List.of(header), "th scope=\"col\"", "th"));
            columns = header;
        }
        if (!lines.equals(shown)) {
            body.getElement().setProperty("innerHTML", html(lines, "td", "td"));
        }
        shown = lines;
    }

    /**
     * Rows as HTML with every value escaped (sample values come from the tenant's systems): one
     * property for the whole body instead of a server-side element per cell, which would keep some
     * 120 elements per open builder in the session.
     */
    private static String html(List<List<String>> lines, String open, String close) {
        StringBuilder out = new StringBuilder();
        for (List<String> line : lines) {
            out.append("<tr>");
            for (String value : line) {
                out.append('<').append(open).append('>').append(Entities.escape(value)).append("</").append(close)
                        .append('>');
            }
            out.append("</tr>");
        }
        return out.toString();
    }

    /** The column headers: Record, one per target field, Errors. */
    List<String> columns() {
        return columns;
    }

    /** The rows as shown: record number, one value per target, errors. */
    List<List<String>> shownRows() {
        return shown;
    }
}
