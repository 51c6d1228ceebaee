package io.tillbridge.ui.files;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.tillbridge.access.TenantScope;
import io.tillbridge.files.OutputFiles;
import io.tillbridge.files.OutputFormat;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.HealthWords;
import io.tillbridge.ui.Notices;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The files a connection produces (a spreadsheet target), by object: rows, last change, and links
 * that download each one as CSV or XLSX, rendered as they are sent.
 */
public class OutputsPanel extends VerticalLayout {

    /** One file of one object. */
    record Shown(String object, OutputFiles.OutputFile file) {
    }

    private final OutputFiles outputs;
    private final TenantScope scope;
    private final UUID connectionId;
    final VerticalLayout list = new VerticalLayout();
    final Paragraph empty = new Paragraph("No file yet: runs of integrations that write here create them.");
    final Paragraph problem = new Paragraph();
    private final List<Shown> shown = new ArrayList<>();

    public OutputsPanel(OutputFiles outputs, TenantScope scope, UUID connectionId) {
        this.outputs = outputs;
        this.scope = scope;
        this.connectionId = connectionId;
        setPadding(false);
        setId("connection-outputs");
        list.setPadding(false);
        list.setSpacing(false);
        list.setId("connection-output-files");
        problem.setVisible(false);
        add(new H3("Output files"), problem, empty, list);
        refresh();
    }

    void refresh() {
        list.removeAll();
        shown.clear();
        try {
            for (OutputFiles.Output output : outputs.list(scope, connectionId)) {
                output.files().forEach(f -> shown.add(new Shown(output.object(), f)));
            }
            shown.forEach(s -> list.add(row(s)));
            problem.setVisible(false);
        } catch (ProblemException e) {
            problem.setText(Notices.message(e));
            problem.setVisible(true);
        }
        empty.setVisible(shown.isEmpty() && !problem.isVisible());
    }

    private HorizontalLayout row(Shown s) {
        Span what = new Span(s.object() + " · " + s.file().name() + " · " + s.file().rows()
                + (s.file().rows() == 1 ? " row" : " rows") + ", changed " + HealthWords.when(s.file().lastChangedAt()));
        HorizontalLayout row = new HorizontalLayout(what, link(s, OutputFormat.CSV), link(s, OutputFormat.XLSX));
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    private Anchor link(Shown s, OutputFormat format) {
        DownloadHandler handler = event -> {
            OutputFiles.Download download = outputs.download(scope, connectionId, s.object(), s.file().name(),
                    Optional.of(format.extension()));
            event.setFileName(download.fileName());
            event.setContentType(download.format().mediaType());
            download.writing().to(event.getOutputStream());
        };
        Anchor anchor = new Anchor(handler, AttachmentType.DOWNLOAD, format.extension().toUpperCase(Locale.ROOT));
        anchor.setId("output-" + format.extension() + "-" + (s.object() + "-" + s.file().name())
                .replaceAll("[^A-Za-z0-9_-]", "_"));
        return anchor;
    }

    List<Shown> shown() {
        return List.copyOf(shown);
    }
}
