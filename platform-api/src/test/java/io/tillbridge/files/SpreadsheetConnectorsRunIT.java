package io.tillbridge.files;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.integrations.RunDriver;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spreadsheets both ways with the shipped connectors, through the API and the run worker: a CSV or
 * XLSX uploaded to a {@code spreadsheet-source} connection, its detected types shown by discovery
 * before a run, rows that do not fit held in the error inbox with their line numbers, the others
 * written by a {@code spreadsheet-target} connection into one file per business day with local
 * times and exact decimals, downloaded as CSV and XLSX; the same file uploaded again writes nothing.
 */
@MicronautTest(transactional = false)
class SpreadsheetConnectorsRunIT extends TestDatabaseProperties {

    private static final String SALES = """
            order_id,business_day,sold_at,total,paid
            A1,2026-12-05,2026-12-06T02:30:00Z,12.50,true
            A2,2026-12-05,2026-12-06T03:00:00Z,abc,true
            A3,2026-12-06,2026-12-06T15:45:10Z,3.10,false
            A4,2026-12-06,2026-12-06T16:00:00Z,1000000.01,true
            """ + more();

    /** Twenty more good rows on another day: a column's type is what at least 95 % of its cells are. */
    private static String more() {
        StringBuilder rows = new StringBuilder();
        for (int i = 10; i < 30; i++) {
            rows.append("B").append(i).append(",2026-12-07,2026-12-07T18:").append(i).append(":00Z,1.").append(i)
                    .append(",true\n");
        }
        return rows.toString();
    }

    @Inject
    ApiClient api;

    @Inject
    JsonMapper json;

    @Inject
    RunWorker worker;

    private Uploads http;
    private UUID tenant;
    private User owner;
    private User operator;
    private String source;
    private String target;
    private String integration;

    @BeforeEach
    void an_integration_from_uploaded_sheets_to_files_per_business_day() {
        http = new Uploads(api, json);
        tenant = newTenant("Sheet Roasters");
        owner = newMember(tenant, TenantRole.OWNER);
        operator = newMember(tenant, TenantRole.OPERATOR);
        source = created(api.post(owner, base() + "/connections", Map.of("connectorId", "spreadsheet-source",
                "name", "Till exports", "config", Map.of("keyColumns", "order_id"))));
        target = created(api.post(owner, base() + "/connections", Map.of("connectorId", "spreadsheet-target",
                "name", "Daily sheets", "config", Map.of("format", "csv", "split", "per_business_day",
                        "timeZone", "America/New_York"))));
    }

    private void integrate() {
        integration = created(api.post(owner, base() + "/integrations", Map.of("name", "Sales to daily sheets",
                "sourceConnectionId", source, "sourceStream", "rows", "targetConnectionId", target,
                "targetObject", "sales", "mode", "live")));
    }

    @Test
    void a_csv_is_typed_before_import_its_bad_line_held_with_its_number_and_the_rest_written_per_day() {
        upload("sales.csv", SALES.getBytes(StandardCharsets.UTF_8));
        List<Map<String, Object>> fields = discoveredFields();
        assertThat(fields).extracting(f -> f.get("name") + ":" + f.get("format")).containsExactly(
                "order_id:text", "business_day:date", "sold_at:date-time", "total:decimal", "paid:boolean");
        integrate();

        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 24, "written", 23, "unchanged", 0, "failed", 1));
        List<Map<String, Object>> errors = api.get(operator, base() + "/record-errors?integrationId=" + integration
                + "&status=open").items();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("category", "value").containsEntry("sourceKey", "A2");
            assertThat((String) e.get("message")).contains("line 3").contains("abc");
        });

        assertThat(csv("sales 2026-12-05")).containsExactly("order_id,business_day,sold_at,total,paid",
                "A1,2026-12-05,2026-12-05 21:30:00,12.50,true");
        assertThat(csv("sales 2026-12-06")).containsExactly("order_id,business_day,sold_at,total,paid",
                "A3,2026-12-06,2026-12-06 10:45:10,3.10,false", "A4,2026-12-06,2026-12-06 11:00:00,1000000.01,true");

        Uploads.Answer again = http.raw(operator, Uploads.files(tenant, source), "sales copy.csv",
                SALES.getBytes(StandardCharsets.UTF_8));
        assertThat(again.map()).containsKey("duplicateOf");
        Map<String, Object> rerun = runs().toTheEnd(runs().start(integration));
        assertThat(rerun.get("counts")).as("the same file again writes nothing new")
                .isEqualTo(Map.of("read", 24, "written", 0, "unchanged", 23, "failed", 1));
    }

    @Test
    void an_xlsx_upload_is_read_and_its_output_downloads_as_xlsx_with_numbers_kept_exact() throws IOException {
        upload("sales.xlsx", workbook());
        integrate();

        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 2, "written", 2, "unchanged", 0, "failed", 0));

        Uploads.Answer xlsx = http.get(operator, base() + "/connections/" + target + "/outputs/sales/files/"
                + "sales%202026-12-06?format=xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("order_id");
            assertThat(sheet.getPhysicalNumberOfRows()).isEqualTo(3);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("X1");
            assertThat(sheet.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(19.99);
        }
    }

    private static byte[] workbook() throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Sales");
            String[][] rows = {{"order_id", "business_day", "sold_at", "total", "paid"},
                    {"X1", "2026-12-06", "2026-12-06T15:00:00Z", null, "true"},
                    {"X2", "2026-12-06", "2026-12-06T16:00:00Z", null, "false"}};
            double[] totals = {0, 19.99, 5.25};
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < 5; c++) {
                    if (r > 0 && c == 3) {
                        row.createCell(c).setCellValue(totals[r]);
                    } else {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> discoveredFields() {
        var discovered = api.post(owner, base() + "/connections/" + source + "/discover", Map.of());
        assertThat(discovered.status()).as(discovered.toString()).isEqualTo(200);
        List<Map<String, Object>> streams = (List<Map<String, Object>>) discovered.json().get("streams");
        return (List<Map<String, Object>>) streams.get(0).get("fields");
    }

    private List<String> csv(String file) {
        Uploads.Answer answer = http.get(operator, base() + "/connections/" + target + "/outputs/sales/files/"
                + file.replace(" ", "%20"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return List.of(answer.text().split("\r\n"));
    }

    private void upload(String name, byte[] bytes) {
        Uploads.Answer answer = http.raw(operator, Uploads.files(tenant, source), name, bytes);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, operator, owner, base());
    }
}
