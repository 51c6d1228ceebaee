package io.tillbridge.ui.connections;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.CheckOutcome;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionChecks;
import io.tillbridge.connections.ConnectionHealth;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.ui.HealthWords;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.connections.DiscoveredCatalog;
import io.tillbridge.files.FileConnectors;
import io.tillbridge.files.FileService;
import io.tillbridge.files.OutputFiles;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.files.OutputsPanel;
import io.tillbridge.ui.files.UploadsPanel;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * One connection: its settings (secrets shown only as stored, kept unless a new value is typed),
 * "test connection" with the outcome as a readable fix, the streams and fields the system offers
 * with sample values, and deletion after a confirmation. A connection whose connector reads uploaded
 * files shows them with an upload field (the streams are discovered again after each upload, so
 * the columns and types detected in the new file show at once); one whose connector writes files
 * shows them with their downloads (DD-038).
 */
@Route(value = "connections/:connectionId", layout = MainLayout.class)
@PageTitle("Connection · Tillbridge")
class ConnectionView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final ConnectionService connections;
    private final ConnectionChecks checks;
    private final ConnectorCatalog catalog;
    private final FileService files;
    private final OutputFiles outputs;
    private final FileConnectors fileConnectors;
    final H2 title = new H2();
    final TextField name = new TextField("Connection name");
    final Button save = new Button("Save changes");
    final Button test = new Button("Test connection");
    final Button discover = new Button("Show streams and fields");
    final Button delete = new Button("Delete connection");
    final Paragraph checkResult = new Paragraph();
    final Paragraph health = new Paragraph();
    final Grid<DiscoveredCatalog.Stream> streams = new Grid<>(DiscoveredCatalog.Stream.class, false);
    final Paragraph refusal = new Paragraph();
    SchemaForm form;
    UploadsPanel uploads;
    OutputsPanel outputFiles;
    private ConnectionDetail shown;

    ConnectionView(TenantAccess access, ConnectionService connections, ConnectorCatalog catalog,
            ConnectionChecks checks, FileService files, OutputFiles outputs, FileConnectors fileConnectors) {
        this.files = files;
        this.outputs = outputs;
        this.fileConnectors = fileConnectors;
        this.access = access;
        this.checks = checks;
        this.connections = connections;
        this.catalog = catalog;
        setPadding(false);
        name.setId("connection-name");
        name.setMaxLength(200);
        name.setWidth("24rem");
        name.setMaxWidth("100%");
        save.setId("connection-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(event -> save());
        test.setId("connection-test");
        test.addClickListener(event -> test());
        discover.setId("connection-discover");
        discover.addClickListener(event -> discover());
        delete.setId("connection-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClickListener(event -> confirmDelete());
        checkResult.setId("connection-check-result");
        checkResult.setVisible(false);
        health.setId("connection-health");
        streams.setId("connection-streams");
        streams.addColumn(DiscoveredCatalog.Stream::name).setHeader("Stream").setAutoWidth(true).setKey("name");
        streams.addColumn(s -> s.fields().size() + " fields").setHeader("Fields").setAutoWidth(true).setKey("fields");
        streams.addColumn(s -> s.keyField() == null ? "" : s.keyField()).setHeader("Key").setAutoWidth(true);
        streams.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(ConnectionView::fields));
        streams.setAllRowsVisible(true);
        streams.setVisible(false);
        streams.setEmptyStateText("The system offers no streams with these settings.");
        refusal.setId("connection-refusal");
        refusal.setVisible(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        removeAll();
        Anchor back = new Anchor("connections", "Connections");
        try {
            UUID id = UUID.fromString(event.getRouteParameters().get("connectionId").orElse(""));
            show(connections.get(scope(), id));
        } catch (IllegalArgumentException e) {
            add(back, new H2("Connection"), new Paragraph("There is no such connection."));
        } catch (ProblemException e) {
            add(back, new H2("Connection"), new Paragraph(Notices.message(e)));
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    private void show(ConnectionDetail connection) {
        shown = connection;
        String connectorName = catalog.find(connection.connectorId()).map(e -> e.connector().name())
                .orElse(connection.connectorId());
        title.setText(connection.name());
        name.setValue(connection.name());
        name.setInvalid(false);
        Span breadcrumbs = new Span();
        breadcrumbs.add(new Anchor("connections", "Connections"), new Span(" › " + connection.name()));
        form = catalog.find(connection.connectorId()).map(e -> new SchemaForm(e.connector().configSchema()))
                .orElseGet(() -> new SchemaForm(java.util.Map.of()));
        form.show(connection.config());
        boolean mayConfigure = scope().may(Permission.CONFIGURE);
        boolean mayOperate = scope().may(Permission.OPERATE);
        save.setVisible(mayConfigure);
        delete.setVisible(mayConfigure);
        name.setReadOnly(!mayConfigure);
        test.setVisible(mayOperate);
        discover.setVisible(mayOperate);
        checkResult.setVisible(connection.lastCheck() != null);
        if (connection.lastCheck() != null) {
            checkResult.setText("Last check: " + CheckAdvice.of(connection.lastCheck()));
        }
        streams.setVisible(false);
        refusal.setVisible(false);
        Anchor integrate = new Anchor("integrations/new?source=" + connection.id(), "Create integration from this connection");
        integrate.setId("connection-integrate");
        integrate.setVisible(mayConfigure && catalog.find(connection.connectorId())
                .map(e -> e.connector().roles().contains("source")).orElse(false));
        showHealth();
        add(breadcrumbs, title, new Paragraph(connectorName), refusal, name, form,
                new HorizontalLayout(save, test, discover, delete), checkResult, health, integrate);
        uploads = null;
        outputFiles = null;
        if (fileConnectors.readsUploads(connection.connectorId())) {
            uploads = new UploadsPanel(files, scope(), connection.id(), this::discover);
            add(uploads);
        }
        add(new H3("Streams"), streams);
        if (fileConnectors.writesOutputs(connection.connectorId())) {
            outputFiles = new OutputsPanel(outputs, scope(), connection.id());
            add(outputFiles);
        }
    }

    void save() {
        boolean valid = form.validate();
        if (name.getValue().isBlank()) {
            name.setErrorMessage("Give the connection a name");
            name.setInvalid(true);
            valid = false;
        }
        if (!valid) {
            return;
        }
        try {
            ConnectionDetail saved = connections.update(scope(), shown.id(), shown.version(),
                    new ConnectionDraft(shown.connectorId(), name.getValue(), form.values()));
            boolean changed = saved.version() != shown.version();
            removeAll();
            show(saved);
            Notices.done(changed ? "Connection saved." : "Nothing to save: the connection is as it was.");
        } catch (ProblemException e) {
            boolean atField = false;
            for (Problem.FieldError error : e.errors() == null ? List.<Problem.FieldError>of() : e.errors()) {
                atField |= form.refuse(Objects.toString(error.field(), "").replaceFirst("^config\\.", ""), error.message());
            }
            if (!atField) {
                refusal.setText(Notices.message(e));
                refusal.setVisible(true);
            }
        }
    }

    void test() {
        try {
            CheckOutcome outcome = connections.check(scope(), shown.id());
            checkResult.setText(CheckAdvice.of(outcome));
            checkResult.setVisible(true);
        } catch (ProblemException e) {
            checkResult.setText(Notices.message(e));
            checkResult.setVisible(true);
        }
        showHealth();
    }

    /** Its health from the periodic checks: working, failing since when, access ending (see the README's Health). */
    private void showHealth() {
        try {
            ConnectionHealth h = checks.of(scope(), shown.id());
            health.setText("Health: " + HealthWords.connectionStatus(h.status())
                    + (h.checkedAt() == null ? "" : ", checked " + HealthWords.when(h.checkedAt()))
                    + (h.failingSince() == null ? "" : ", failing since " + HealthWords.when(h.failingSince()))
                    + "." + (h.reasons().isEmpty() ? "" : " " + String.join(" ", h.reasons())));
        } catch (ProblemException e) {
            health.setText("Health not known: " + Notices.message(e));
        }
    }

    void discover() {
        try {
            DiscoveredCatalog found = connections.discover(scope(), shown.id());
            streams.setItems(found.streams());
            streams.setVisible(true);
        } catch (ProblemException e) {
            refusal.setText(Notices.message(e));
            refusal.setVisible(true);
        }
    }

    private void confirmDelete() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Delete " + shown.name() + "?");
        dialog.add(new Paragraph("Its stored credentials are deleted. Integrations that use it stop working."));
        Button confirm = new Button("Delete", event -> {
            dialog.close();
            deleteNow();
        });
        confirm.setId("connection-delete-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", event -> dialog.close()), confirm);
        dialog.open();
    }

    void deleteNow() {
        if (Notices.attempt(() -> connections.delete(scope(), shown.id(), shown.version()))) {
            Notices.done("Connection deleted.");
            UI.getCurrent().navigate("connections");
        }
    }

    private static com.vaadin.flow.component.Component fields(DiscoveredCatalog.Stream stream) {
        Grid<DiscoveredCatalog.Field> fields = new Grid<>(DiscoveredCatalog.Field.class, false);
        fields.addColumn(DiscoveredCatalog.Field::name).setHeader("Field").setAutoWidth(true);
        fields.addColumn(f -> (f.format().isEmpty() ? f.type().toLowerCase(java.util.Locale.ROOT) : f.format()) + (f.nullable() ? ", may be empty" : ""))
                .setHeader("Type").setAutoWidth(true);
        fields.addColumn(f -> f.samples().stream().map(String::valueOf).collect(Collectors.joining(" · ")))
                .setHeader("Sample values");
        fields.setItems(stream.fields());
        fields.setAllRowsVisible(true);
        return fields;
    }

    List<DiscoveredCatalog.Stream> shownStreams() {
        return streams.getListDataView().getItems().toList();
    }
}
