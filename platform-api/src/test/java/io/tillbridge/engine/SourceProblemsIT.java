package io.tillbridge.engine;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.integrations.RunDriver;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Records a source could read only in part ({@link SourceRecord#PROBLEMS}) through the run engine:
 * counted as failed, in the error inbox as value errors with each problem, written nowhere; the
 * rest of the page is written. A retry of such an error fails again until the source sends the
 * record whole.
 */
@MicronautTest(transactional = false)
class SourceProblemsIT extends TestDatabaseProperties {

    @Inject
    RunWorker worker;

    @Inject
    ApiClient api;

    private UUID tenant;
    private User owner;
    private User operator;
    private User viewer;
    private String script;
    private String targetName;

    @BeforeEach
    void a_tenant_a_script_and_a_target() {
        tenant = newTenant("Problems Bakery");
        owner = newMember(tenant, TenantRole.OWNER);
        operator = newMember(tenant, TenantRole.OPERATOR);
        viewer = newMember(tenant, TenantRole.VIEWER);
        script = "problems-" + UUID.randomUUID();
        targetName = "problems-target-" + UUID.randomUUID();
    }

    @Test
    void a_record_with_problems_fails_with_each_problem_and_the_good_records_are_written() {
        Map<String, Object> twoProblems = line(3, "x7");
        twoProblems.put(SourceRecord.PROBLEMS, List.of(
                problem("total", "line 3: 'x7' is not a number", "x7"),
                problem(null, "line 3: 5 cells, the header has 4", null)));
        Map<String, Object> oneProblem = line(6, "12/31");
        oneProblem.put(SourceRecord.PROBLEMS, List.of(problem("total", "line 6: '12/31' is not a number", "12/31")));
        ScriptedSource.script(script, List.of(List.of(line(2, "1.50"), twoProblems, line(4, "2.50")),
                List.of(line(5, "3.50"), oneProblem)));
        String integration = integration();

        Map<String, Object> run = runs().toTheEnd(runs().start(integration));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 5, "written", 3, "unchanged", 0, "failed", 2));
        assertThat(RecordingTarget.named(targetName).rows.values()).extracting(r -> r.get("id"))
                .containsExactlyInAnyOrder(new BigDecimal(2), new BigDecimal(4), new BigDecimal(5));
        assertThat(RecordingTarget.named(targetName).writes.stream().flatMap(List::stream)
                .filter(w -> w.data().containsKey(SourceRecord.PROBLEMS))).as("nothing of them is written").isEmpty();

        List<Map<String, Object>> errors = api.get(viewer, base() + "/record-errors?integrationId=" + integration
                + "&category=value").items();
        assertThat(errors).extracting(e -> e.get("sourceKey")).containsExactlyInAnyOrder("3", "6");
        Map<String, Object> three = errors.stream().filter(e -> "3".equals(e.get("sourceKey"))).findFirst().orElseThrow();
        assertThat(three).containsEntry("fieldPath", "total").containsEntry("occurrences", 1);
        assertThat((String) three.get("message")).isEqualTo("2 problems: total: line 3: 'x7' is not a number;"
                + " line 3: 5 cells, the header has 4");
        Map<String, Object> six = api.get(viewer, base() + "/record-errors/"
                + errors.stream().filter(e -> "6".equals(e.get("sourceKey"))).findFirst().orElseThrow().get("id")).json();
        assertThat(six).containsEntry("message", "line 6: '12/31' is not a number").containsEntry("category", "value");
        assertThat(valueOf((String) six.get("id"))).as("the value kept with the error").isEqualTo("12/31");
        assertThat(valueOf((String) three.get("id"))).isEqualTo("x7");
        assertThat((String) six.get("hint")).contains("uploaded again");
    }

    @Test
    void a_retried_record_with_problems_fails_again_and_is_written_once_its_source_sends_it_whole() {
        Map<String, Object> bad = line(2, "n/a");
        bad.put(SourceRecord.PROBLEMS, List.of(problem("total", "line 2: 'n/a' is not a number", "n/a")));
        ScriptedSource.script(script, List.of(List.of(bad)));
        String integration = integration();
        runs().toTheEnd(runs().start(integration));
        String errorId = (String) api.get(viewer, base() + "/record-errors?integrationId=" + integration).items()
                .get(0).get("id");

        Response retried = api.post(operator, base() + "/record-errors/" + errorId + "/retry", null);
        assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
        @SuppressWarnings("unchecked")
        String retryRun = (String) ((List<Map<String, Object>>) retried.json().get("runs")).get(0).get("runId");
        Map<String, Object> retry = runs().toTheEnd(retryRun);
        assertThat(retry.get("counts")).as("the stored record still has its problem")
                .isEqualTo(Map.of("read", 1, "written", 0, "unchanged", 0, "failed", 1));
        assertThat(api.get(viewer, base() + "/record-errors/" + errorId).json()).containsEntry("status", "open")
                .containsEntry("occurrences", 2);

        ScriptedSource.script(script, List.of(List.of(line(2, "2.00"))));
        Map<String, Object> whole = runs().toTheEnd(runs().start(integration));
        assertThat(whole.get("counts")).isEqualTo(Map.of("read", 1, "written", 1, "unchanged", 0, "failed", 0));
        assertThat(api.get(viewer, base() + "/record-errors/" + errorId).json()).containsEntry("status", "resolved");
    }

    private String valueOf(String errorId) {
        return io.tillbridge.tenants.TenantFixture.inTenant(tenant, c -> (String) io.tillbridge.tenants.TenantFixture
                .rows(c, "SELECT value FROM record_errors WHERE id = ?", UUID.fromString(errorId)).get(0).get("value"));
    }

    private static Map<String, Object> line(int id, String total) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", new BigDecimal(id));
        data.put("total", total);
        return data;
    }

    private static Map<String, Object> problem(String field, String message, String value) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("field", field);
        problem.put("message", message);
        problem.put("value", value);
        return problem;
    }

    private String integration() {
        String source = created(api.post(owner, base() + "/connections", Map.of("connectorId", "test-scripted-source",
                "name", "Scripted", "config", Map.of("script", script))));
        String target = created(api.post(owner, base() + "/connections", Map.of("connectorId", "test-recording-target",
                "name", "Recording", "config", Map.of("name", targetName))));
        return created(api.post(owner, base() + "/integrations", Map.of("name", "Lines", "sourceConnectionId", source,
                "sourceStream", "lines", "targetConnectionId", target, "targetObject", "lines", "mode", "live")));
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, operator, viewer, base());
    }
}
