package io.tillbridge.files;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static io.tillbridge.tenants.TenantFixture.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.connector.spi.ConnectionFiles.OutputRow;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.storage.StorageQuotaExceededException;
import io.tillbridge.tenants.TenantFixture;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Output rows a target stores through its context, and the files they make, downloaded as CSV and
 * XLSX through the API and read back with Commons CSV and POI (DD-038).
 */
@MicronautTest(transactional = false)
class OutputFilesIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @Inject
    JsonMapper json;

    @Inject
    ConnectionFileStores stores;

    private Uploads http;
    private UUID tenant;
    private User owner;
    private User viewer;
    private String connection;
    private ConnectionFiles files;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.files.upload-connectors", "test-upload-source",
                "tillbridge.files.output-connectors", "test-file-target");
    }

    @BeforeEach
    void a_tenant_with_a_file_target() {
        http = new Uploads(api, json);
        tenant = newTenant("Outputs Bakery");
        owner = newMember(tenant, TenantRole.OWNER);
        viewer = newMember(tenant, TenantRole.VIEWER);
        connection = target(Map.of("file", "orders"));
        files = stores.of(new TenantId(tenant), UUID.fromString(connection));
    }

    @Test
    void stored_rows_answer_whether_they_are_new_or_changed_and_read_back_exactly() {
        Map<String, Boolean> first = files.putRows("orders", List.of(row("day-1", "k1", "id", "1", "total", "12.50"),
                row("day-1", "k2", "id", "2", "total", "3.00")));
        assertThat(first).containsExactly(Map.entry("k1", true), Map.entry("k2", true));

        Map<String, Object> sameInOtherOrder = new LinkedHashMap<>();
        sameInOtherOrder.put("total", new BigDecimal("12.50"));
        sameInOtherOrder.put("id", "1");
        Map<String, Boolean> second = files.putRows("orders", List.of(new OutputRow("day-1", "k1", sameInOtherOrder),
                row("day-1", "k2", "id", "2", "total", "3.0")));
        assertThat(second).as("same cells in another order are unchanged; 3.0 is not 3.00")
                .containsExactly(Map.entry("k1", false), Map.entry("k2", true));

        Map<String, Map<String, Object>> stored = files.rows("orders", List.of("k1", "k2", "missing"));
        assertThat(stored).containsOnlyKeys("k1", "k2");
        assertThat(stored.get("k1")).containsEntry("total", new BigDecimal("12.50")).containsEntry("id", "1");
        assertThat(stored.get("k2").get("total")).isEqualTo(new BigDecimal("3.0"));
        assertThat(files.rows("other-object", List.of("k1"))).isEmpty();
        assertThat(stores.of(new TenantId(newTenant("Nosy")), UUID.fromString(connection)).rows("orders",
                List.of("k1"))).as("another tenant's context sees nothing").isEmpty();
    }

    @Test
    void columns_keep_the_order_they_first_came_in_and_a_new_column_is_appended() {
        files.putRows("orders", List.of(row("day-1", "k1", "id", "1", "total", "1.00", "location", "north")));
        files.putRows("orders", List.of(row("day-1", "k2", "location", "south", "id", "2", "tip", "0.50", "total", "2.00")));
        assertThat(columns("orders")).containsExactly("id", "total", "location", "tip");

        List<CSVRecord> csv = csv(download("orders", "day-1", "csv"));
        assertThat(csv.get(0).values()).containsExactly("id", "total", "location", "tip");
        assertThat(csv.get(1).values()).containsExactly("1", "1.00", "north", "");
        assertThat(csv.get(2).values()).containsExactly("2", "2.00", "south", "0.50");
    }

    @Test
    void a_csv_download_has_a_header_the_rows_in_order_and_decimals_as_written() {
        files.putRows("orders", List.of(
                row("orders 2026-12-06", "a", "id", "A-1", "total", "1234567.895", "note", "=HYPERLINK(\"x\")"),
                row("orders 2026-12-06", "b", "id", "B-2", "total", "-0.10", "note", "comma, \"quoted\"\nline"),
                row("orders 2026-12-07", "c", "id", "C-3", "total", "5", "note", "other day")));
        files.putRows("orders", List.of(row("orders 2026-12-06", "a", "id", "A-1", "total", "1234567.90", "note", "fixed")));

        Uploads.Answer answer = get("orders", "orders 2026-12-06", "csv");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(answer.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("filename=\"orders 2026-12-06.csv\"").contains("filename*=UTF-8''orders%202026-12-06.csv");
        List<CSVRecord> records = csv(answer.body());
        assertThat(records).hasSize(3);
        assertThat(records.get(1).values()).as("a replaced row keeps its place").containsExactly("A-1", "1234567.90", "fixed");
        assertThat(records.get(2).values()).containsExactly("B-2", "-0.10", "comma, \"quoted\"\nline");

        files.putRows("orders", List.of(row("orders 2026-12-07", "d", "id", "D-4", "total", "1", "note", "=1+2")));
        assertThat(csv(download("orders", "orders 2026-12-07", "csv")).get(2).get(2))
                .as("text a spreadsheet would run as a formula").isEqualTo("'=1+2");
    }

    @Test
    void an_xlsx_download_has_numeric_cells_with_their_decimals_and_long_numbers_as_text() throws Exception {
        Map<String, Object> cells = new LinkedHashMap<>();
        cells.put("id", "A-1");
        cells.put("total", new BigDecimal("12.50"));
        cells.put("quantity", new BigDecimal("3"));
        cells.put("account", new BigDecimal("12345678901234567890.12"));
        cells.put("paid", Boolean.TRUE);
        cells.put("note", null);
        files.putRows("orders", List.of(new OutputRow("day-1", "a", cells)));

        byte[] xlsx = download("orders", "day-1", "xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("day-1");
            Row header = sheet.getRow(0);
            assertThat(List.of(text(header.getCell(0)), text(header.getCell(1)), text(header.getCell(2)),
                    text(header.getCell(3)), text(header.getCell(4)), text(header.getCell(5))))
                    .containsExactly("id", "total", "quantity", "account", "paid", "note");
            Row row = sheet.getRow(1);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("A-1");
            assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(BigDecimal.valueOf(row.getCell(1).getNumericCellValue())).isEqualByComparingTo("12.50");
            assertThat(row.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.00");
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(3.0);
            assertThat(row.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("0");
            assertThat(row.getCell(3).getCellType()).as("more digits than a spreadsheet keeps").isEqualTo(CellType.STRING);
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("12345678901234567890.12");
            assertThat(row.getCell(4).getBooleanCellValue()).isTrue();
            assertThat(row.getCell(5)).isNull();
        }
    }

    @Test
    void the_connections_format_setting_chooses_the_download_when_none_is_asked_for() {
        String xlsxTarget = target(Map.of("file", "orders", "format", "xlsx"));
        stores.of(new TenantId(tenant), UUID.fromString(xlsxTarget)).putRows("orders",
                List.of(row("day-1", "a", "id", "1")));
        Uploads.Answer byDefault = http.get(viewer, outputs(xlsxTarget) + "/orders/files/day-1");
        assertThat(byDefault.status()).isEqualTo(200);
        assertThat(byDefault.headers().firstValue("Content-Type").orElseThrow()).contains("spreadsheetml");
        assertThat(byDefault.body()).startsWith((byte) 'P', (byte) 'K');

        files.putRows("orders", List.of(row("day-1", "a", "id", "1")));
        Uploads.Answer plain = http.get(viewer, outputs(connection) + "/orders/files/day-1");
        assertThat(plain.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(plain.text()).isEqualTo("id\r\n1\r\n");
    }

    @Test
    void outputs_are_listed_by_object_with_their_files_row_counts_and_last_change() {
        files.putRows("orders", List.of(row("day-1", "a", "id", "1"), row("day-1", "b", "id", "2"),
                row("day-2", "c", "id", "3")));
        files.putRows("payments", List.of(row("day-1", "p", "amount", "9.99")));

        Uploads.Answer answer = http.get(viewer, outputs(connection));
        assertThat(answer.status()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) answer.map().get("items");
        assertThat(items).extracting(o -> o.get("object")).containsExactly("orders", "payments");
        assertThat(items.get(0).get("columns")).isEqualTo(List.of("id"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> orderFiles = (List<Map<String, Object>>) items.get(0).get("files");
        assertThat(orderFiles).extracting(f -> f.get("name") + ":" + f.get("rows")).containsExactly("day-1:2", "day-2:1");
        assertThat(orderFiles.get(0)).containsKey("lastChangedAt");
    }

    @Test
    void a_bad_format_answers_400_an_unknown_file_404_and_another_tenant_404() {
        files.putRows("orders", List.of(row("day-1", "a", "id", "1")));
        Uploads.Answer bad = http.get(viewer, outputs(connection) + "/orders/files/day-1?format=pdf");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.type()).isEqualTo("/problems/bad-request");
        assertThat(http.get(viewer, outputs(connection) + "/orders/files/day-9").status()).isEqualTo(404);
        assertThat(http.get(viewer, outputs(connection) + "/refunds/files/day-1").status()).isEqualTo(404);

        UUID other = newTenant("Other Outputs");
        User stranger = newMember(other, TenantRole.OWNER);
        assertThat(http.get(stranger, outputs(connection) + "/orders/files/day-1").status()).isEqualTo(404);
        assertThat(http.get(stranger, outputs(connection)).status()).isEqualTo(404);
        String theirs = "/api/v1/tenants/" + other + "/connections/" + connection + "/outputs";
        assertThat(http.get(stranger, theirs).status()).isEqualTo(404);
        assertThat(http.get(stranger, theirs + "/orders/files/day-1").status()).isEqualTo(404);
    }

    @Test
    void rows_are_refused_at_the_storage_cap_and_count_in_the_tenants_storage() {
        long before = storedBytes();
        files.putRows("orders", List.of(row("day-1", "a", "id", "1", "note", "x".repeat(500))));
        long after = storedBytes();
        assertThat(after).as("output rows count in the tenant's storage").isGreaterThan(before + 500);

        inTenant(tenant, c -> TenantFixture.update(c, "UPDATE tenant_storage SET max_bytes = ? WHERE tenant_id = ?",
                after, tenant));
        assertThatThrownBy(() -> files.putRows("orders", List.of(row("day-1", "b", "id", "2"))))
                .isInstanceOf(StorageQuotaExceededException.class);
        assertThat(files.rows("orders", List.of("b"))).isEmpty();
    }

    @Test
    void rows_a_target_cannot_store_are_refused_with_a_reason() {
        assertThatThrownBy(() -> files.putRows("orders", List.of(row("x".repeat(201), "a", "id", "1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file");
        assertThatThrownBy(() -> files.putRows("", List.of(row("day-1", "a", "id", "1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("object");
        Map<String, Object> nul = new LinkedHashMap<>();
        nul.put("id", "a\u0000b");
        files.putRows("orders", List.of(new OutputRow("day-1", "n", nul)));
        assertThat(files.rows("orders", List.of("n")).get("n")).containsEntry("id", "a\uFFFDb");
    }

    // --- helpers -----------------------------------------------------------------------------

    private String target(Map<String, Object> config) {
        return created(api.post(owner, "/api/v1/tenants/" + tenant + "/connections", Map.of("connectorId",
                "test-file-target", "name", "Sheets " + UUID.randomUUID(), "config", config)));
    }

    private String outputs(String connectionId) {
        return "/api/v1/tenants/" + tenant + "/connections/" + connectionId + "/outputs";
    }

    private Uploads.Answer get(String object, String file, String format) {
        return http.get(viewer, outputs(connection) + "/" + encode(object) + "/files/" + encode(file)
                + "?format=" + format);
    }

    private byte[] download(String object, String file, String format) {
        Uploads.Answer answer = get(object, file, format);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private List<String> columns(String object) {
        return inTenant(tenant, c -> {
            java.sql.Array array = (java.sql.Array) rows(c, "SELECT columns FROM output_objects WHERE connection_id = ?"
                    + " AND object = ?", UUID.fromString(connection), object).get(0).get("columns");
            return List.of((String[]) array.getArray());
        });
    }

    private long storedBytes() {
        return inTenant(tenant, c -> {
            List<Map<String, Object>> found = rows(c, "SELECT bytes FROM tenant_storage WHERE tenant_id = ?", tenant);
            return found.isEmpty() ? 0L : (Long) found.get(0).get("bytes");
        });
    }

    private static List<CSVRecord> csv(byte[] bytes) {
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)),
                CSVFormat.RFC4180)) {
            return parser.getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String text(Cell cell) {
        return cell.getStringCellValue();
    }

    /** A row of alternating column names and values; values that look like numbers are decimals. */
    private static OutputRow row(String file, String key, String... cells) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i += 2) {
            String value = cells[i + 1];
            values.put(cells[i], value.matches("-?\\d+(\\.\\d+)?") && !cells[i].equals("id") ? new BigDecimal(value) : value);
        }
        return new OutputRow(file, key, values);
    }
}
