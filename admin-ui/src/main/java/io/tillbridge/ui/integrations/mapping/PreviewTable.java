package io.tillbridge.ui.integrations.mapping;

import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableCell;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.component.html.NativeTableHeaderCell;
import com.vaadin.flow.component.html.NativeTableRow;
import io.tillbridge.mappings.MappingError;
import io.tillbridge.mappings.MappingPreviewResult;
import io.tillbridge.ui.FlatValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The live preview: one row per output row of each sample record, one column per target field, and
 * the record's field errors in words. A plain table, updated in place: only the cells whose text
 * changed go to the browser, so the preview follows every keystroke of the builder quickly.
 */
class PreviewTable extends NativeTable {

    private final NativeTableHeader head = new NativeTableHeader();
    private final NativeTableBody body = new NativeTableBody();
    private final List<NativeTableRow> rows = new ArrayList<>();
    private List<String> columns = List.of();
    private List<List<String>> shown = List.of();

    PreviewTable() {
        setId("mapping-preview");
        add(head, body);
        getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)");
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
            head.removeAll();
            NativeTableRow row = new NativeTableRow();
            header.forEach(h -> {
                NativeTableHeaderCell cell = new NativeTableHeaderCell(h);
                cell.getElement().setAttribute("scope", "col");
                cell.getStyle().set("text-align", "start").set("padding", "0 var(--lumo-space-s)");
                row.add(cell);
            });
            head.add(row);
            body.removeAll();
            rows.clear();
            shown = List.of();
            columns = header;
        }
        while (rows.size() > lines.size()) {
            body.remove(rows.remove(rows.size() - 1));
        }
        List<List<String>> before = shown;
        for (int i = 0; i < lines.size(); i++) {
            List<String> line = lines.get(i);
            if (i >= rows.size()) {
                NativeTableRow row = new NativeTableRow();
                for (int c = 0; c < line.size(); c++) {
                    NativeTableCell cell = new NativeTableCell();
                    cell.getStyle().set("padding", "0 var(--lumo-space-s)");
                    row.add(cell);
                }
                rows.add(row);
                body.add(row);
            }
            NativeTableRow row = rows.get(i);
            List<String> was = i < before.size() ? before.get(i) : List.of();
            for (int c = 0; c < line.size(); c++) {
                if (c >= was.size() || !was.get(c).equals(line.get(c))) {
                    ((NativeTableCell) row.getChildren().skip(c).findFirst().orElseThrow()).setText(line.get(c));
                }
            }
        }
        shown = lines;
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
