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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A spreadsheet's way through the platform with test connectors that use the platform's
 * {@code ConnectionFiles} as the spreadsheet connectors do: a CSV uploaded through the API is read
 * by a run, its bad lines go to the error inbox with their line numbers and nothing of them is
 * written, the good rows become rows of an output file downloaded as CSV; the same file uploaded
 * again writes nothing new, a corrected one writes the fixed row and resolves its error.
 */
@MicronautTest(transactional = false)
class SpreadsheetRunIT extends TestDatabaseProperties {

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
    private User viewer;
    private String source;
    private String target;
    private String integration;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.files.upload-connectors", "test-upload-source",
                "tillbridge.files.output-connectors", "test-file-target");
    }

    @BeforeEach
    void an_integration_from_uploads_to_an_output_file() {
        http = new Uploads(api, json);
        tenant = newTenant("Spreadsheet Bakery");
        owner = newMember(tenant, TenantRole.OWNER);
        operator = newMember(tenant, TenantRole.OPERATOR);
        viewer = newMember(tenant, TenantRole.VIEWER);
        source = ConnectionFilesIT.source(tenant, owner, api);
        target = created(api.post(owner, base() + "/connections", Map.of("connectorId", "test-file-target",
                "name", "Sheet", "config", Map.of("file", "orders-out"))));
        integration = created(api.post(owner, base() + "/integrations", Map.of("name", "Sales sheet",
                "sourceConnectionId", source, "sourceStream", "rows", "targetConnectionId", target,
                "targetObject", "orders", "mode", "live")));
    }

    @Test
    void bad_lines_go_to_the_inbox_with_their_line_numbers_and_the_good_rows_are_written() {
        upload("sales.csv", "id,total\n1,12.50\n2,abc\n3,3.00\n4,\n5,0.99\n");

        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 5, "written", 3, "unchanged", 0, "failed", 2));

        List<Map<String, Object>> errors = api.get(viewer, base() + "/record-errors?integrationId=" + integration
                + "&status=open").items();
        assertThat(errors).extracting(e -> e.get("sourceKey") + " " + e.get("category") + " " + e.get("fieldPath")
                + " " + e.get("message")).containsExactlyInAnyOrder(
                        "2 value total line 3 of sales.csv: 'abc' is not a number",
                        "4 value total line 5 of sales.csv: '' is not a number");
        String abc = (String) errors.stream().filter(e -> "2".equals(e.get("sourceKey"))).findFirst().orElseThrow()
                .get("id");
        String kept = io.tillbridge.tenants.TenantFixture.inTenant(tenant, c -> (String) io.tillbridge.tenants.TenantFixture
                .rows(c, "SELECT value FROM record_errors WHERE id = ?", UUID.fromString(abc)).get(0).get("value"));
        assertThat(kept).as("the value kept with the error").isEqualTo("abc");

        String csv = http.get(viewer, base() + "/connections/" + target + "/outputs/orders/files/orders-out").text();
        assertThat(csv.split("\r\n")).containsExactly("id,total", "1,12.50", "3,3.00", "5,0.99");
    }

    @Test
    void the_same_file_again_writes_nothing_new_and_a_corrected_one_writes_the_fixed_row() {
        byte[] first = "id,total\n1,12.50\n2,abc\n".getBytes(StandardCharsets.UTF_8);
        upload("sales.csv", new String(first, StandardCharsets.UTF_8));
        runs().toTheEnd(runs().start(integration));

        Uploads.Answer again = http.raw(operator, Uploads.files(tenant, source), "sales (1).csv", first);
        assertThat(again.map()).containsKey("duplicateOf");
        Map<String, Object> rerun = runs().toTheEnd(runs().start(integration));
        assertThat(rerun.get("counts")).as("the ledger skips the unchanged row; the bad one fails again")
                .isEqualTo(Map.of("read", 2, "written", 0, "unchanged", 1, "failed", 1));
        assertThat(api.get(viewer, base() + "/record-errors?integrationId=" + integration).items())
                .singleElement().satisfies(e -> assertThat(e).containsEntry("occurrences", 2));

        upload("sales-fixed.csv", "id,total\n1,12.50\n2,2.25\n");
        Map<String, Object> fixed = runs().toTheEnd(runs().start(integration));
        assertThat(fixed.get("counts")).isEqualTo(Map.of("read", 2, "written", 1, "unchanged", 1, "failed", 0));
        assertThat(api.get(viewer, base() + "/record-errors?integrationId=" + integration + "&status=open").items())
                .isEmpty();
        String csv = http.get(viewer, base() + "/connections/" + target + "/outputs/orders/files/orders-out").text();
        assertThat(csv.split("\r\n")).containsExactly("id,total", "1,12.50", "2,2.25");
    }

    private void upload(String name, String text) {
        Uploads.Answer answer = http.raw(operator, Uploads.files(tenant, source), name,
                text.getBytes(StandardCharsets.UTF_8), "Content-Type", "text/csv");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, operator, viewer, base());
    }
}
