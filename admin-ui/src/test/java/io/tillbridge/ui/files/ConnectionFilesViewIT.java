package io.tillbridge.ui.files;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import io.tillbridge.files.ConnectionFileStores;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection page's files (DD-038) against a real database: uploads streamed to the platform,
 * listed and deleted, refusals written at the upload field, the streams discovered again after an
 * upload, and a target's output files downloaded as CSV and XLSX. In this context the Square
 * connector counts as one that reads uploads and the HTTP JSON connector as one that writes files
 * ({@code tillbridge.files.*-connectors}), so that the page can be tried without the spreadsheet
 * connectors.
 */
class ConnectionFilesViewIT {

    private static ApplicationContext context;
    private static SquareSandbox square;
    private PortalSession session;

    @BeforeAll
    static void start() {
        context = TestContexts.withConnections(Map.of("tillbridge.files.upload-connectors", "square",
                "tillbridge.files.output-connectors", "http-json", "tillbridge.files.max-upload-bytes", "2048"));
        square = SquareSandbox.start(SquareSandboxOptions.defaults());
    }

    @AfterAll
    static void close() {
        square.close();
        context.close();
    }

    @BeforeEach
    void signIn() {
        String owner = PortalFixture.signUp(context, "Files Page Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void an_upload_is_listed_a_repeat_is_named_and_the_streams_are_discovered_again() {
        sandboxConnection();
        UploadsPanel panel = _get(UploadsPanel.class);
        assertThat(_find(Grid.class, spec -> spec.withId("connection-streams"))).as("no streams shown yet").isEmpty();

        byte[] csv = "id,total\n1,12.50\n".getBytes(StandardCharsets.UTF_8);
        UploadKt._upload(panel.upload, "sales.csv", "text/csv", csv);

        assertThat(panel.uploadError.isVisible()).isFalse();
        assertThat(panel.uploaded.getText()).startsWith("sales.csv uploaded (17 bytes)");
        assertThat(panel.shown()).extracting(f -> f.name()).containsExactly("sales.csv");
        Grid<?> streams = _get(Grid.class, spec -> spec.withId("connection-streams"));
        assertThat(GridKt._size(streams)).as("the streams were discovered again after the upload").isGreaterThan(0);

        UploadKt._upload(panel.upload, "sales again.csv", "text/csv", csv);
        assertThat(panel.uploaded.getText()).contains("writes nothing new");
        assertThat(panel.shown()).extracting(f -> f.name()).containsExactly("sales again.csv", "sales.csv");
        assertThat(panel.shown().get(0).duplicateOf()).isNotNull();

        _click((Button) GridKt._getCellComponent(panel.list, 0, "delete"));
        assertThat(panel.shown()).extracting(f -> f.name()).containsExactly("sales.csv");
    }

    @Test
    void a_file_too_large_or_past_the_storage_cap_is_refused_at_the_field_and_nothing_is_stored() {
        sandboxConnection();
        UploadsPanel panel = _get(UploadsPanel.class);

        UploadKt._upload(panel.upload, "big.csv", "text/csv", new byte[4096]);
        assertThat(panel.uploadError.isVisible()).isTrue();
        assertThat(panel.uploadError.getText()).contains("larger than 2.0 KiB").contains("Split it");
        assertThat(panel.shown()).isEmpty();

        capStorage(scope(), 10);
        UploadKt._upload(panel.upload, "small.csv", "text/csv", "id,total\n1,1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(panel.uploadError.getText()).startsWith("There is no room for this file");
        assertThat(panel.shown()).isEmpty();
    }

    @Test
    void a_connection_whose_connector_reads_no_files_has_no_upload_field() {
        ConnectionDetail http = httpConnection();
        UI.getCurrent().navigate("connections/" + http.id());
        assertThat(_find(UploadsPanel.class)).isEmpty();
        assertThat(_find(OutputsPanel.class)).hasSize(1);
    }

    @Test
    void output_files_are_listed_and_download_as_csv_and_xlsx() throws Exception {
        ConnectionDetail http = httpConnection();
        ConnectionFiles files = context.getBean(ConnectionFileStores.class).of(scope().tenant(), http.id());
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", "A-1");
        values.put("total", new BigDecimal("12.50"));
        files.putRows("orders", List.of(new ConnectionFiles.OutputRow("orders 2026-12-06", "k1", values)));

        UI.getCurrent().navigate("connections/" + http.id());
        OutputsPanel panel = _get(OutputsPanel.class);
        assertThat(panel.shown()).singleElement().satisfies(s -> {
            assertThat(s.object()).isEqualTo("orders");
            assertThat(s.file().name()).isEqualTo("orders 2026-12-06");
            assertThat(s.file().rows()).isEqualTo(1);
        });

        Anchor csv = _get(Anchor.class, spec -> spec.withId("output-csv-orders-orders_2026-12-06"));
        assertThat(new String(DownloadKt._download(csv), StandardCharsets.UTF_8)).isEqualTo("id,total\r\nA-1,12.50\r\n");
        Anchor xlsx = _get(Anchor.class, spec -> spec.withId("output-xlsx-orders-orders_2026-12-06"));
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(DownloadKt._download(xlsx)))) {
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(1).getNumericCellValue()).isEqualTo(12.5);
        }
    }

    private void sandboxConnection() {
        UI.getCurrent().navigate("connect/square");
        _click(_get(Button.class, spec -> spec.withId("connection-sandbox")));
    }

    private ConnectionDetail httpConnection() {
        return context.getBean(ConnectionService.class).create(scope(), new ConnectionDraft("http-json", "Sheets out",
                Map.of("url", "http://127.0.0.1:9/orders", "maxRetries", 0, "timeoutSeconds", 2, "bearerToken", "t"),
                false));
    }

    private TenantScope scope() {
        return session.admit(context.getBean(TenantAccess.class));
    }

    private static void capStorage(TenantScope scope, long bytes) {
        try (Connection c = TestDatabase.shared().owner().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                ps.setString(1, scope.tenant().toString());
                ps.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tenant_storage (tenant_id, max_bytes)"
                    + " VALUES (?, ?) ON CONFLICT (tenant_id) DO UPDATE SET max_bytes = EXCLUDED.max_bytes")) {
                ps.setObject(1, scope.tenant().value());
                ps.setLong(2, bytes);
                ps.executeUpdate();
            }
            c.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
