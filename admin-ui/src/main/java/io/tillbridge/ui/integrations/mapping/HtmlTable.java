package io.tillbridge.ui.integrations.mapping;

import com.vaadin.flow.component.html.NativeTable;
import com.vaadin.flow.component.html.NativeTableBody;
import com.vaadin.flow.component.html.NativeTableHeader;
import com.vaadin.flow.dom.Element;
import java.util.List;
import org.jsoup.nodes.Entities;

/**
 * A read-only table of text whose head and body are each one escaped HTML property, sent again
 * only when their text changed, instead of a server-side element per cell or a grid with its data
 * communicator: the builder's tables cost little in the session (benchmark G10) and follow every
 * change quickly (G11). Every value is escaped: sample values and field names come from the
 * tenant's systems. A row may end in one action button; {@link SuggestionTable} listens to them.
 */
class HtmlTable extends NativeTable {

    private static final String STYLE = ".tb-html-table th, .tb-html-table td { text-align: start;"
            + " vertical-align: top; padding: var(--lumo-space-xs) var(--lumo-space-s); max-width: 20em;"
            + " overflow-wrap: anywhere; } .tb-html-table tbody tr { border-top: 1px solid var(--lumo-contrast-10pct); }";

    private final NativeTableHeader head = new NativeTableHeader();
    private final NativeTableBody body = new NativeTableBody();
    private List<String> columns = List.of();
    private String bodyHtml = "";

    HtmlTable(String id, String extraStyle) {
        setId(id);
        addClassName("tb-html-table");
        add(head, body);
        getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)");
        getElement().appendChild(new Element("style").setText(STYLE + extraStyle));
    }

    /**
     * Shows {@code rows} under {@code header}; with no rows, one row saying {@code empty}. A row's
     * {@code actions} entry, when not null, ends it with a button of that label and its accessible
     * name.
     */
    void show(List<String> header, List<List<String>> rows, String empty, List<Action> actions) {
        if (!header.equals(columns)) {
            StringBuilder out = new StringBuilder("<tr>");
            header.forEach(h -> out.append("<th scope=\"col\">").append(Entities.escape(h)).append("</th>"));
            head.getElement().setProperty("innerHTML", out.append("</tr>").toString());
            columns = List.copyOf(header);
        }
        StringBuilder out = new StringBuilder();
        if (rows.isEmpty()) {
            out.append("<tr><td colspan=\"").append(Math.max(1, header.size())).append("\">")
                    .append(Entities.escape(empty)).append("</td></tr>");
        }
        for (int i = 0; i < rows.size(); i++) {
            out.append("<tr>");
            for (String value : rows.get(i)) {
                out.append("<td>").append(Entities.escape(value)).append("</td>");
            }
            Action action = actions == null || i >= actions.size() ? null : actions.get(i);
            if (action != null) {
                out.append("<td><vaadin-button theme=\"small\" data-row=\"").append(i).append("\" aria-label=\"")
                        .append(Entities.escape(action.name())).append("\">").append(Entities.escape(action.label()))
                        .append("</vaadin-button></td>");
            }
            out.append("</tr>");
        }
        String html = out.toString();
        if (!html.equals(bodyHtml)) {
            body.getElement().setProperty("innerHTML", html);
            bodyHtml = html;
        }
    }

    /**
     * A button at the end of a row.
     *
     * @param label its text
     * @param name its accessible name, which says what it acts on
     */
    record Action(String label, String name) {
    }

    /** The column headers as shown. */
    List<String> columns() {
        return columns;
    }

    /**
     * The rows as shown, read back from the HTML sent (the table keeps no copy of them): each row's
     * cell texts, without the buttons; nothing when the empty-state row is shown.
     */
    List<List<String>> shownRows() {
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parseBodyFragment("<table><tbody>" + bodyHtml + "</tbody></table>");
        return html.select("tbody > tr").stream()
                .filter(tr -> tr.select("td[colspan]").isEmpty())
                .map(tr -> tr.select("> td").stream().filter(td -> td.select("vaadin-button").isEmpty())
                        .map(td -> td.wholeText()).toList())
                .toList();
    }
}
