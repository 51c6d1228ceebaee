package io.tillbridge.ui.files;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.files.ConnectionFile;
import io.tillbridge.files.FileService;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.HealthWords;
import io.tillbridge.ui.Notices;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The files uploaded to a connection whose connector reads them (a spreadsheet source): an upload
 * field that streams each file to the platform as it arrives (never into the portal's memory), with
 * a refusal (too large, no room left, not a file this connection takes) written under it; the
 * uploads, newest first, with their size, age and a note when a file repeats an earlier one; and
 * deletion. After an upload, {@code afterUpload} runs (the connection page shows the columns the
 * connector now detects).
 */
public class UploadsPanel extends VerticalLayout {

    /** Uploads listed at most. */
    static final int SHOWN = 50;

    private final FileService files;
    private final TenantScope scope;
    private final UUID connectionId;
    private final Runnable afterUpload;
    final Upload upload;
    final Paragraph uploadError = new Paragraph();
    final Paragraph uploaded = new Paragraph();
    final Grid<ConnectionFile> list = new Grid<>(ConnectionFile.class, false);
    final Paragraph more = new Paragraph();

    public UploadsPanel(FileService files, TenantScope scope, UUID connectionId, Runnable afterUpload) {
        this.files = files;
        this.scope = scope;
        this.connectionId = connectionId;
        this.afterUpload = afterUpload;
        setPadding(false);
        setId("connection-uploads");
        boolean mayUpload = scope.may(Permission.OPERATE);
        upload = new Upload((UploadHandler) this::receive);
        upload.setId("file-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, files.maxUploadBytes()));
        upload.setAcceptedFileTypes(".csv", ".xlsx", ".txt", "text/csv",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        upload.addFileRejectedListener(event -> refuse(event.getErrorMessage() != null
                && event.getErrorMessage().toLowerCase(java.util.Locale.ROOT).contains("too big")
                ? tooLarge() : "This file cannot be uploaded here: " + event.getErrorMessage()));
        upload.setVisible(mayUpload);
        uploadError.setId("file-upload-error");
        uploadError.getStyle().set("color", "var(--lumo-error-text-color)");
        uploadError.setVisible(false);
        uploaded.setId("file-uploaded");
        uploaded.setVisible(false);
        list.setId("connection-files");
        list.addColumn(ConnectionFile::name).setHeader("File").setAutoWidth(true).setKey("name");
        list.addColumn(f -> size(f.size())).setHeader("Size").setAutoWidth(true).setKey("size");
        list.addColumn(f -> HealthWords.when(f.uploadedAt())).setHeader("Uploaded").setAutoWidth(true).setKey("when");
        list.addColumn(f -> f.duplicateOf() == null ? "" : "Same as " + f.duplicateOf().name() + ": writes nothing new")
                .setHeader("Note").setKey("note");
        if (mayUpload) {
            list.addComponentColumn(this::deleteButton).setHeader("").setAutoWidth(true).setKey("delete");
        }
        list.setAllRowsVisible(true);
        list.setEmptyStateText("No file uploaded yet.");
        more.setVisible(false);
        add(new H3("Files"), new Paragraph("Upload CSV or XLSX files (at most " + size(files.maxUploadBytes())
                + "). Each new file is read by the next run, in upload order; rows that did not change are skipped."),
                upload, uploadError, uploaded, list, more);
        refresh();
    }

    /** Streams one uploaded file to the platform; runs on the upload's request thread. */
    private void receive(UploadEvent event) throws IOException {
        String refusal = null;
        ConnectionFile stored = null;
        try (InputStream bytes = event.getInputStream()) {
            stored = files.upload(scope, connectionId, event.getFileName(), event.getContentType(),
                    event.getFileSize() > 0 ? event.getFileSize() : -1, bytes);
        } catch (ProblemException e) {
            refusal = readable(e);
        }
        ConnectionFile done = stored;
        String refused = refusal;
        UI ui = event.getUI();
        ui.access(() -> uploaded(done, refused));
    }

    void uploaded(ConnectionFile file, String refusal) {
        upload.clearFileList();
        if (refusal != null) {
            refuse(refusal);
            return;
        }
        uploadError.setVisible(false);
        uploaded.setText(file.name() + " uploaded (" + size(file.size()) + ")."
                + (file.note() == null ? "" : " " + file.note()));
        uploaded.setVisible(true);
        refresh();
        afterUpload.run();
    }

    private void refuse(String message) {
        uploaded.setVisible(false);
        uploadError.setText(message);
        uploadError.setVisible(true);
    }

    private String tooLarge() {
        return "This file is larger than " + size(files.maxUploadBytes())
                + ", the most one upload may have. Split it into smaller files.";
    }

    private String readable(ProblemException e) {
        return switch (e.type()) {
            case PAYLOAD_TOO_LARGE -> tooLarge();
            case STORAGE_QUOTA_EXCEEDED -> "There is no room for this file: it would take your account's storage past"
                    + " its limit. Delete files that were read already, or ask for a higher limit.";
            case VALIDATION_FAILED -> e.errors() == null || e.errors().isEmpty() ? e.getMessage()
                    : e.errors().stream().map(Problem.FieldError::message).collect(Collectors.joining("; "));
            default -> Notices.message(e);
        };
    }

    private Button deleteButton(ConnectionFile file) {
        Button delete = new Button("Delete", event -> delete(file));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
        delete.setId("file-delete-" + file.id());
        return delete;
    }

    void delete(ConnectionFile file) {
        if (Notices.attempt(() -> files.delete(scope, connectionId, file.id()))) {
            Notices.done(file.name() + " deleted.");
            refresh();
        }
    }

    /** Shows the newest uploads again. */
    void refresh() {
        try {
            Page<ConnectionFile> page = files.list(scope, connectionId, Optional.empty(), SHOWN);
            list.setItems(page.items());
            more.setText("The " + SHOWN + " newest files are shown.");
            more.setVisible(page.nextCursor() != null);
        } catch (ProblemException e) {
            list.setItems(List.of());
            refuse(Notices.message(e));
        }
    }

    List<ConnectionFile> shown() {
        return list.getListDataView().getItems().toList();
    }

    /** Bytes as people read them. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
