package io.tillbridge.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.CollectingSink;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.SourceRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A file at a URL: fetched through the egress policy, bounded, read again only when its content changed. */
class SpreadsheetUrlIT {

    private FileServer server;

    @BeforeEach
    void start_the_server() throws IOException {
        server = new FileServer();
        server.serve(Sheets.orders(1, 5).getBytes(StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop_the_server() {
        server.close();
    }

    private static SpreadsheetSourceConnector source() {
        SpreadsheetSourceConnector source = new SpreadsheetSourceConnector();
        source.useContext(ConnectorContext.standalone(TestEgress.LOOPBACK));
        return source;
    }

    private SpreadsheetSourceConfig at(String path) {
        return new SpreadsheetSourceConfig(server.url(path), null, null, "order_id", null, null, null, null, null);
    }

    @Test
    void the_strict_egress_policy_refuses_a_loopback_url_before_any_request() {
        SpreadsheetSourceConnector strict = new SpreadsheetSourceConnector();
        strict.useContext(ConnectorContext.standalone());

        CheckResult check = strict.check(at("/orders.csv"));

        assertThat(check.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(check.message()).contains("127.0.0.1").contains("loopback");
        assertThatThrownBy(() -> strict.read(at("/orders.csv"), "rows", null, new CollectingSink()))
                .isInstanceOf(ConnectorException.class);
        assertThat(server.requests()).isZero();
    }

    @Test
    void changed_content_is_read_again_and_unchanged_content_is_not() {
        CollectingSink first = Sheets.read(source(), at("/orders.csv"), null);
        CollectingSink unchanged = Sheets.read(source(), at("/orders.csv"), first.lastCheckpoint());
        server.serve(Sheets.orders(1, 6).getBytes(StandardCharsets.UTF_8));
        CollectingSink changed = Sheets.read(source(), at("/orders.csv"), first.lastCheckpoint());

        assertThat(first.committed()).hasSize(5);
        assertThat(unchanged.received()).isZero();
        assertThat(changed.committed()).as("the whole new content; the platform's ledger skips the unchanged rows")
                .hasSize(6);
        assertThat(changed.committed().get(0).version()).isEqualTo(first.committed().get(0).version());
    }

    @Test
    void a_redirect_is_followed() {
        assertThat(Sheets.read(source(), at("/moved"), null).committed()).hasSize(5);
    }

    @Test
    void a_missing_file_is_a_readable_config_failure() {
        assertThatThrownBy(() -> Sheets.read(source(), at("/missing.csv"), null))
                .isInstanceOf(ConnectorException.class).hasMessageMatching("there is no file at 127.0.0.1/missing.csv \\(HTTP 404\\)");
    }

    @Test
    void a_file_over_the_download_limit_is_refused_without_reading_it() {
        assertThatThrownBy(() -> Sheets.read(source(), at("/huge.csv"), null))
                .isInstanceOf(ConnectorException.class)
                .hasMessage("the file at 127.0.0.1/huge.csv is larger than 100 MiB; split it, or upload it in parts")
                .satisfies(e -> assertThat(((ConnectorException) e).category()).isEqualTo(ConnectorException.Category.CONFIG));
    }

    @Test
    void a_workbook_at_a_url_is_discovered_and_read() {
        server.serve(Sheets.xlsx(wb -> {
            var sheet = wb.createSheet("Orders");
            XSSFRow header = sheet.createRow(0);
            header.createCell(0).setCellValue("order_id");
            header.createCell(1).setCellValue("total");
            header.createCell(2).setCellValue("day");
            var date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            for (int r = 1; r <= 3; r++) {
                XSSFRow row = sheet.createRow(r);
                row.createCell(0).setCellValue("X" + r);
                row.createCell(1).setCellValue(r * 2.5);
                row.createCell(2).setCellValue(LocalDate.of(2026, 12, r));
                row.getCell(2).setCellStyle(date);
            }
        }));

        assertThat(source().discover(at("/orders.xlsx")).streams().get(0).fields()).hasSize(3);
        var records = Sheets.read(source(), at("/orders.xlsx"), null).committed();
        assertThat(records).extracting(SourceRecord::key).containsExactly("X1", "X2", "X3");
        assertThat(records.get(1).data()).containsEntry("total", new BigDecimal("5")).containsEntry("day", "2026-12-02");
    }

    @Test
    void check_fetches_only_the_start_of_the_file() {
        assertThat(source().check(at("/orders.csv"))).isEqualTo(CheckResult.ok());
        assertThat(server.requests()).isEqualTo(1);
    }
}
