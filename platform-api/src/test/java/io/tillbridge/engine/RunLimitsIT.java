package io.tillbridge.engine;

import static io.tillbridge.integrations.RunDriver.created;
import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.integrations.RunDriver;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run stops with LIMIT at its page, record and time limits (DD-018), keeping what it committed,
 * with a scripted source that paginates forever or stalls. The limits are set low for this context.
 */
@MicronautTest(transactional = false)
class RunLimitsIT extends TestDatabaseProperties {

    @Inject
    RunWorker worker;

    @Inject
    ApiClient api;

    private UUID tenant;
    private User owner;
    private String script;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.runs.max-pages", "4", "tillbridge.runs.max-records", "30",
                "tillbridge.runs.max-duration", "2s");
    }

    @BeforeEach
    void a_tenant_and_a_script() {
        tenant = newTenant("Limits Diner");
        owner = newMember(tenant, TenantRole.OWNER);
        script = "limits-" + UUID.randomUUID();
    }

    @Test
    void an_endless_pagination_fails_the_run_with_limit_after_max_pages_and_keeps_what_it_committed() {
        ScriptedSource.script(script, List.of(List.of(order(1), order(2))));
        ScriptedSource.endless(script);
        Map<String, Object> run = runs().toTheEnd(runs().start(integration()));
        assertThat(run).as(run.toString()).containsEntry("status", "failed")
                .containsEntry("checkpointAfter", "page-4");
        assertThat((String) run.get("error")).startsWith("LIMIT: ").contains("more than 4 pages")
                .contains("tillbridge.runs.max-pages").contains("next run goes on from its last checkpoint");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 8, "written", 8, "unchanged", 0, "failed", 0));
    }

    @Test
    void a_run_of_exactly_max_pages_pages_succeeds() {
        ScriptedSource.script(script, List.of(List.of(order(1)), List.of(order(2)), List.of(order(3)),
                List.of(order(4))));
        Map<String, Object> run = runs().toTheEnd(runs().start(integration()));
        assertThat(run).as(run.toString()).containsEntry("status", "succeeded").doesNotContainKey("error");
    }

    @Test
    void a_run_that_reads_more_than_max_records_fails_and_its_unfinished_page_is_not_committed() {
        ScriptedSource.script(script, List.of(orders(1, 20), orders(21, 20)));
        Map<String, Object> run = runs().toTheEnd(runs().start(integration()));
        assertThat(run).as(run.toString()).containsEntry("status", "failed")
                .containsEntry("checkpointAfter", "page-1");
        assertThat((String) run.get("error")).startsWith("LIMIT: ").contains("more than 30 records")
                .contains("tillbridge.runs.max-records");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 20, "written", 20, "unchanged", 0, "failed", 0));
    }

    @Test
    void a_source_that_never_ends_is_stopped_at_max_duration_and_frees_its_worker() {
        ScriptedSource.script(script, List.of(List.of(order(1), order(2))));
        ScriptedSource.stalling(script);
        long start = System.nanoTime();
        Map<String, Object> run = runs().toTheEnd(runs().start(integration()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("run limits: a stalling source was stopped after " + took.toMillis() + " ms");
        assertThat(run).as(run.toString()).containsEntry("status", "failed")
                .containsEntry("checkpointAfter", "page-1");
        assertThat((String) run.get("error")).startsWith("LIMIT: ").contains("longer than 2 s")
                .contains("tillbridge.runs.max-duration");
        assertThat(run.get("counts")).isEqualTo(Map.of("read", 2, "written", 2, "unchanged", 0, "failed", 0));
        assertThat(took).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void a_worker_runs_the_runs_it_claimed_side_by_side_on_its_pool() {
        // Two stalling runs, each stopped at max-duration (2 s): one after the other they take 4 s.
        ScriptedSource.script(script, List.of(List.of(order(1))));
        ScriptedSource.stalling(script);
        String first = runs().start(integration());
        String second = runs().start(integration());
        long start = System.nanoTime();
        int claimed = 0;
        while (claimed < 2 && System.nanoTime() - start < 20_000_000_000L) {
            claimed += worker.runOnce();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("run limits: two stalling runs took " + took.toMillis() + " ms together");
        assertThat(runs().toTheEnd(first)).containsEntry("status", "failed");
        assertThat(runs().toTheEnd(second)).containsEntry("status", "failed");
        assertThat(took).isLessThan(Duration.ofMillis(3_800));
    }

    private static Map<String, Object> order(int id) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", new BigDecimal(id));
        data.put("total", "1.00");
        return data;
    }

    private static List<Map<String, Object>> orders(int first, int count) {
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            page.add(order(i));
        }
        return page;
    }

    private String integration() {
        String source = created(api.post(owner, base() + "/connections", Map.of("connectorId", "test-scripted-source",
                "name", "Scripted", "config", Map.of("script", script))));
        String target = created(api.post(owner, base() + "/connections", Map.of("connectorId", "test-recording-target",
                "name", "Recording", "config", Map.of("name", "target-" + UUID.randomUUID()))));
        return created(api.post(owner, base() + "/integrations", Map.of("name", "Orders", "sourceConnectionId", source,
                "sourceStream", "orders", "targetConnectionId", target, "targetObject", "orders", "mode", "live")));
    }

    private String base() {
        return "/api/v1/tenants/" + tenant;
    }

    private RunDriver runs() {
        return new RunDriver(api, worker, owner, owner, base());
    }

}
