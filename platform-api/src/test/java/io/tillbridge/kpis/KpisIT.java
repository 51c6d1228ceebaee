package io.tillbridge.kpis;

import static io.tillbridge.tenants.TenantFixture.inTenant;
import static io.tillbridge.tenants.TenantFixture.platform;
import static io.tillbridge.tenants.TenantFixture.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.access.TenantRole;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.scheduling.TestIntegrations;
import io.tillbridge.tenants.TwoTenants;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The KPIs through the API, for a seeded history of runs, record errors and source activity with
 * known counts, times and CPU time, each figure checked against a value computed by hand.
 * <p>
 * The history, 2 to 15 November 2026 (UTC); targets 2.5 manual minutes per record, 28.50 an hour,
 * error rate 0.02, 15 completion minutes (900 s); a CPU-hour costs 0.09 EUR:
 * <pre>
 * run  integration  status     finished          took    read  written  failed  cpu ms
 * A1   A            succeeded  11-02 10:10       600 s   400   380      10      7200
 * B1   B            failed     11-02 11:02       120 s   100   0        100     1800
 * A2   A            succeeded  11-03 09:20       1200 s  200   200      0       3600
 * A3   A            cancelled  11-03 12:01       60 s    50    20       0       400
 * B2   B            succeeded  11-10 08:05       300 s   1000  990      10      18000
 * (not counted: a shadow run of A on 11-03, runs of A that finished 11-01 23:59:59 and 11-16 00:00,
 *  a queued run, and the other tenant's run of 11-02)
 * </pre>
 * Record errors resolved by a run on 11-03 (A) and 11-10 (B); not counted: one a member resolved
 * (audited), one ignored, one open, one resolved on 11-20. Source activity: loc-north 30 (A, 11-02),
 * 20 (A, 11-03), 10 (B, 11-10); loc-south 50 (A, 11-02) and 999 on 11-16.
 */
@MicronautTest(transactional = false)
class KpisIT extends TestDatabaseProperties {

    private static final String RANGE = "from=2026-11-02&to=2026-11-15";

    @Inject
    ApiClient api;

    @RegisterExtension
    final TwoTenants tenants = new TwoTenants("Kpi Bakery", TenantRole.OWNER, TenantRole.VIEWER);

    private UUID a;
    private UUID b;
    private UUID theirs;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of(KpiCosts.CPU_HOUR_COST, "0.09", KpiCosts.COST_CURRENCY, "EUR");
    }

    @BeforeEach
    void a_seeded_history_in_two_tenants() {
        a = TestIntegrations.newIntegration(tenants.id());
        b = TestIntegrations.newIntegration(tenants.id());
        UUID mine = tenants.id();
        run(mine, a, "succeeded", "2026-11-02T10:00:00Z", "2026-11-02T10:10:00Z", 400, 380, 10, 10, 7200, false);
        run(mine, b, "failed", "2026-11-02T11:00:00Z", "2026-11-02T11:02:00Z", 100, 0, 0, 100, 1800, false);
        run(mine, a, "succeeded", "2026-11-03T09:00:00Z", "2026-11-03T09:20:00Z", 200, 200, 0, 0, 3600, false);
        run(mine, a, "cancelled", "2026-11-03T12:00:00Z", "2026-11-03T12:01:00Z", 50, 20, 0, 0, 400, false);
        run(mine, b, "succeeded", "2026-11-10T08:00:00Z", "2026-11-10T08:05:00Z", 1000, 990, 0, 10, 18000, false);
        run(mine, a, "succeeded", "2026-11-03T13:00:00Z", "2026-11-03T13:01:00Z", 500, 500, 0, 0, 9000, true);
        run(mine, a, "succeeded", "2026-11-01T23:00:00Z", "2026-11-01T23:59:59Z", 7, 7, 0, 7, 7, false);
        run(mine, a, "failed", "2026-11-15T23:00:00Z", "2026-11-16T00:00:00Z", 7, 7, 0, 7, 7, false);
        run(mine, a, "queued", null, null, 0, 0, 0, 0, 0, false);

        // A runs daily at 08:00 UTC: in the range, the intervals from 11-02 08:00 to 11-15 08:00 (13) ended.
        inTenant(mine, c -> update(c, "INSERT INTO integration_schedules (tenant_id, integration_id, interval_seconds,"
                + " updated_at) VALUES (?, ?, 86400, ?)", mine, a, ts("2026-11-01T08:00:00Z")));
        error(mine, a, "resolved", "2026-11-03T09:20:00Z");
        UUID byMember = error(mine, a, "resolved", "2026-11-03T10:00:00Z");
        platform(c -> update(c, "INSERT INTO audit_log (tenant_id, actor_kind, actor_id, action, target_type, target_id,"
                + " occurred_at) VALUES (?, 'user', 'someone', 'record-error.resolved', 'record-error', ?, ?)",
                mine, byMember.toString(), ts("2026-11-03T10:00:00Z")));
        error(mine, a, "ignored", "2026-11-03T11:00:00Z");
        error(mine, a, "open", null);
        error(mine, b, "resolved", "2026-11-10T08:05:00Z");
        error(mine, b, "resolved", "2026-11-20T08:05:00Z");

        activity(mine, a, "loc-north", "2026-11-02T10:00:00Z", 30);
        activity(mine, a, "loc-north", "2026-11-03T09:00:00Z", 20);
        activity(mine, b, "loc-north", "2026-11-10T08:00:00Z", 10);
        activity(mine, a, "loc-south", "2026-11-02T11:00:00Z", 50);
        activity(mine, a, "loc-south", "2026-11-16T00:00:00Z", 999);

        theirs = TestIntegrations.newIntegration(tenants.otherId());
        run(tenants.otherId(), theirs, "failed", "2026-11-02T10:00:00Z", "2026-11-02T11:00:00Z", 5000, 4000, 0, 1000,
                99999, false);
        error(tenants.otherId(), theirs, "resolved", "2026-11-02T11:00:00Z");
        activity(tenants.otherId(), theirs, "loc-secret", "2026-11-02T10:00:00Z", 777);

        Response saved = api.put(tenants.owner(), base() + "/settings", Map.of("businessName", "Kpi Bakery",
                "currency", "GBP", "kpiTargets", Map.of("manualMinutesPerRecord", 2.5, "hourlyStaffCost", 28.50,
                        "targetErrorRate", 0.02, "targetCompletionMinutes", 15)), "If-Match", "\"1\"");
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    }

    @Test
    void the_totals_of_the_range_match_the_hand_computed_figures() {
        Map<String, Object> report = ok(api.get(tenants.viewer(), base() + "/kpis?" + RANGE + "&period=day"));
        assertThat(report).containsEntry("from", "2026-11-02").containsEntry("to", "2026-11-15")
                .containsEntry("period", "day").containsEntry("currency", "GBP").containsEntry("costCurrency", "EUR");
        assertThat(decimal(report.get("cpuHourCost"))).isEqualByComparingTo("0.09");
        assertThat(map(report.get("targets"))).containsKeys("manualMinutesPerRecord", "hourlyStaffCost");

        Map<String, Object> t = map(report.get("totals"));
        assertThat(t.get("start")).isNull();
        assertThat(t).containsEntry("recordsRead", 1750) // 400 + 100 + 200 + 50 + 1000
                .containsEntry("recordsSynced", 1590) // 380 + 0 + 200 + 20 + 990
                .containsEntry("recordsFailed", 120) // 10 + 100 + 0 + 0 + 10
                .containsEntry("runsSucceeded", 3) // A1, A2, B2
                .containsEntry("runsFailed", 1) // B1
                .containsEntry("cpuMillis", 31000) // 7200 + 1800 + 3600 + 400 + 18000
                .containsEntry("errorsCaught", 2); // resolved by a run on 11-03 and 11-10
        // 1590 x 2.5 / 60 = 3975 / 60 = 66.25 h
        assertThat(decimal(t.get("hoursSaved"))).isEqualByComparingTo("66.25");
        // 66.25 x 28.50 = 1888.125, to the cent half up
        assertThat(decimal(t.get("moneySaved"))).isEqualByComparingTo("1888.13");
        // 31000 ms / 3,600,000 x 0.09 / 1590 x 1000 = 2,790,000 / 5,724,000,000 = 0.000487421...
        assertThat(decimal(t.get("costPerThousandRecords"))).isEqualByComparingTo("0.000487");
        // successful runs took 300, 600 and 1200 s: median 600; 95th: 600 + 0.9 x (1200 - 600) = 1140
        assertThat(decimal(t.get("completionP50Seconds"))).isEqualByComparingTo("600");
        assertThat(decimal(t.get("completionP95Seconds"))).isEqualByComparingTo("1140");
        // A's 13 daily intervals: those of 11-02 and 11-03 hold a successful run (B has no schedule): 2 / 13
        assertThat(decimal(t.get("uptime"))).isEqualByComparingTo("0.153846");
        assertThat(t).containsEntry("intervalsScheduled", 13).containsEntry("intervalsUp", 2);
        // 120 / 1750 = 0.0685714...
        assertThat(decimal(t.get("errorRate"))).isEqualByComparingTo("0.068571");
        // 0.0686 > 0.02; 600 <= 900; 1140 > 900
        assertThat(map(t.get("meetsTarget"))).isEqualTo(Map.of("errorRate", false, "completionP50", true,
                "completionP95", false));
    }

    @Test
    void each_day_has_its_own_figures_and_empty_days_are_zero() {
        List<Map<String, Object>> days = list(ok(api.get(tenants.viewer(), base() + "/kpis?" + RANGE)).get("series"));
        assertThat(days).hasSize(14).extracting(d -> d.get("start")).startsWith("2026-11-02", "2026-11-03")
                .endsWith("2026-11-15");

        Map<String, Object> nov2 = days.get(0);
        assertThat(nov2).containsEntry("recordsRead", 500).containsEntry("recordsSynced", 380)
                .containsEntry("recordsFailed", 110).containsEntry("runsSucceeded", 1).containsEntry("runsFailed", 1)
                .containsEntry("cpuMillis", 9000).containsEntry("errorsCaught", 0);
        // 380 x 2.5 / 60 = 15.8333; 950 / 60 x 28.50 = 451.25
        assertThat(decimal(nov2.get("hoursSaved"))).isEqualByComparingTo("15.83");
        assertThat(decimal(nov2.get("moneySaved"))).isEqualByComparingTo("451.25");
        // 9000 x 0.09 x 1000 / (3,600,000 x 380) = 810,000 / 1,368,000,000 = 0.000592105
        assertThat(decimal(nov2.get("costPerThousandRecords"))).isEqualByComparingTo("0.000592");
        assertThat(decimal(nov2.get("uptime"))).isEqualByComparingTo("1"); // the interval from 11-02 08:00: A's run at 10:00
        assertThat(decimal(nov2.get("errorRate"))).isEqualByComparingTo("0.22"); // 110 / 500
        assertThat(map(nov2.get("meetsTarget"))).isEqualTo(Map.of("errorRate", false, "completionP50", true,
                "completionP95", true));

        Map<String, Object> nov3 = days.get(1);
        assertThat(nov3).containsEntry("recordsRead", 250).containsEntry("recordsSynced", 220)
                .containsEntry("recordsFailed", 0).containsEntry("runsSucceeded", 1).containsEntry("runsFailed", 0)
                .containsEntry("cpuMillis", 4000).containsEntry("errorsCaught", 1);
        // 220 x 2.5 / 60 = 9.1666; 550 x 28.50 / 60 = 261.25
        assertThat(decimal(nov3.get("hoursSaved"))).isEqualByComparingTo("9.17");
        assertThat(decimal(nov3.get("moneySaved"))).isEqualByComparingTo("261.25");
        assertThat(decimal(nov3.get("completionP95Seconds"))).isEqualByComparingTo("1200");
        assertThat(decimal(nov3.get("errorRate"))).isEqualByComparingTo("0");
        assertThat(map(nov3.get("meetsTarget"))).isEqualTo(Map.of("errorRate", true, "completionP50", false,
                "completionP95", false));

        Map<String, Object> nov4 = days.get(2);
        assertThat(nov4).containsEntry("recordsRead", 0).containsEntry("recordsSynced", 0)
                .containsEntry("errorsCaught", 0).containsEntry("errorRate", null)
                .containsEntry("costPerThousandRecords", null).containsEntry("completionP50Seconds", null);
        assertThat(decimal(nov4.get("hoursSaved"))).isEqualByComparingTo("0");
        assertThat(decimal(nov4.get("uptime"))).as("the interval from 11-04 08:00 has no run").isEqualByComparingTo("0");
        assertThat(map(nov4.get("meetsTarget"))).containsEntry("errorRate", null).containsEntry("completionP95", null);
    }

    @Test
    void weeks_start_on_monday_and_a_month_equals_the_totals() {
        List<Map<String, Object>> weeks = list(ok(api.get(tenants.viewer(), base() + "/kpis?" + RANGE
                + "&period=week")).get("series"));
        assertThat(weeks).extracting(w -> w.get("start")).containsExactly("2026-11-02", "2026-11-09");
        Map<String, Object> first = weeks.get(0);
        assertThat(first).containsEntry("recordsRead", 750).containsEntry("recordsSynced", 600)
                .containsEntry("recordsFailed", 110).containsEntry("runsSucceeded", 2).containsEntry("cpuMillis", 13000)
                .containsEntry("errorsCaught", 1);
        assertThat(decimal(first.get("hoursSaved"))).isEqualByComparingTo("25.00"); // 600 x 2.5 / 60
        assertThat(decimal(first.get("moneySaved"))).isEqualByComparingTo("712.50"); // 25 x 28.50
        // 600 and 1200 s: median 900; 95th 600 + 0.95 x 600 = 1170
        assertThat(decimal(first.get("completionP50Seconds"))).isEqualByComparingTo("900");
        assertThat(decimal(first.get("completionP95Seconds"))).isEqualByComparingTo("1170");
        assertThat(decimal(first.get("uptime"))).isEqualByComparingTo("0.285714"); // intervals of 11-02 to 11-08: 2 / 7
        assertThat(decimal(first.get("errorRate"))).isEqualByComparingTo("0.146667"); // 110 / 750
        Map<String, Object> second = weeks.get(1);
        assertThat(second).containsEntry("recordsSynced", 990).containsEntry("errorsCaught", 1);
        // 990 x 2.5 x 28.50 / 60 = 1175.625
        assertThat(decimal(second.get("moneySaved"))).isEqualByComparingTo("1175.63");
        // 18000 x 0.09 x 1000 / (3,600,000 x 990) = 0.000454545
        assertThat(decimal(second.get("costPerThousandRecords"))).isEqualByComparingTo("0.000455");
        // 10 failed of 1000 read: 0.01 <= 0.02
        assertThat(map(second.get("meetsTarget"))).containsEntry("errorRate", true);

        Map<String, Object> months = ok(api.get(tenants.viewer(), base() + "/kpis?" + RANGE + "&period=month"));
        List<Map<String, Object>> series = list(months.get("series"));
        assertThat(series).hasSize(1);
        Map<String, Object> november = new java.util.HashMap<>(series.get(0));
        assertThat(november.remove("start")).isEqualTo("2026-11-01");
        Map<String, Object> totals = new java.util.HashMap<>(map(months.get("totals")));
        totals.remove("start");
        assertThat(november).isEqualTo(totals);
    }

    @Test
    void one_integration_and_its_locations() {
        Map<String, Object> report = ok(api.get(tenants.viewer(), base() + "/kpis?" + RANGE + "&integrationId=" + a));
        assertThat(report).containsEntry("integrationId", a.toString());
        Map<String, Object> t = map(report.get("totals"));
        assertThat(t).containsEntry("recordsRead", 650).containsEntry("recordsSynced", 600) // 380 + 200 + 20
                .containsEntry("recordsFailed", 10).containsEntry("runsSucceeded", 2).containsEntry("runsFailed", 0)
                .containsEntry("cpuMillis", 11200).containsEntry("errorsCaught", 1);
        // 11200 x 0.09 x 1000 / (3,600,000 x 600) = 1,008,000 / 2,160,000,000 = 0.0004666...
        assertThat(decimal(t.get("costPerThousandRecords"))).isEqualByComparingTo("0.000467");
        assertThat(decimal(t.get("errorRate"))).isEqualByComparingTo("0.015385"); // 10 / 650
        assertThat(decimal(t.get("uptime"))).isEqualByComparingTo("0.153846"); // 2 / 13
        Map<String, Object> onlyB = map(ok(api.get(tenants.viewer(), base() + "/kpis?" + RANGE + "&integrationId=" + b))
                .get("totals"));
        assertThat(onlyB).as("no schedule, no uptime").containsEntry("uptime", null).containsEntry("intervalsScheduled", 0);
        assertThat(map(t.get("meetsTarget"))).isEqualTo(Map.of("errorRate", true, "completionP50", true,
                "completionP95", false));

        // Integration A: loc-north 30 + 20 = 50, loc-south 50 (its 999 of 11-16 are out of range): a tie, by name.
        List<Map<String, Object>> locations = list(report.get("locations"));
        assertThat(locations).extracting(l -> l.get("location")).containsExactly("loc-north", "loc-south");
        assertThat(locations).extracting(l -> l.get("records")).containsExactly(50, 50);
        // 50 x 2.5 / 60 = 2.0833; x 28.50 = 59.375
        assertThat(decimal(locations.get(1).get("hoursSaved"))).isEqualByComparingTo("2.08");
        assertThat(decimal(locations.get(1).get("moneySaved"))).isEqualByComparingTo("59.38");
        List<Map<String, Object>> north = list(locations.get(0).get("series"));
        assertThat(north).hasSize(14).extracting(d -> d.get("records")).startsWith(30, 20, 0);

        List<Map<String, Object>> all = list(ok(api.get(tenants.viewer(), base() + "/kpis?" + RANGE)).get("locations"));
        // All integrations: loc-north 30 + 20 + 10 = 60, then loc-south 50.
        assertThat(all).extracting(l -> l.get("location")).containsExactly("loc-north", "loc-south");
        assertThat(decimal(all.get(0).get("moneySaved"))).isEqualByComparingTo("71.25"); // 60 x 2.5 / 60 x 28.50
    }

    @Test
    void the_csv_has_the_same_figures_in_a_stable_column_order() {
        Response csv = api.get(tenants.viewer(), base() + "/kpis.csv?" + RANGE + "&period=week");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.header("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition").orElse("")).contains("kpis-2026-11-02-2026-11-15.csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("row,location,period_start,records_read,records_synced,records_failed,"
                + "runs_succeeded,runs_failed,cpu_millis,errors_caught,hours_saved,money_saved,currency,"
                + "cost_per_1000_records,cost_currency,completion_p50_seconds,completion_p95_seconds,uptime,error_rate,"
                + "error_rate_meets_target,completion_p50_meets_target,completion_p95_meets_target");
        assertThat(lines.get(1)).isEqualTo("total,,,1750,1590,120,3,1,31000,2,66.25,1888.13,GBP,0.000487,EUR,600.000,"
                + "1140.000,0.153846,0.068571,no,yes,no");
        assertThat(lines.get(2)).startsWith("period,,2026-11-02,750,600,110,2,1,13000,1,25.00,712.50,GBP,0.000542,EUR,");
        assertThat(lines.get(3)).startsWith("period,,2026-11-09,1000,990,10,1,0,18000,1,41.25,1175.63,GBP,");
        assertThat(lines.subList(4, lines.size())).containsExactly(
                "location,loc-north,2026-11-02,,50,,,,,,2.08,59.38,GBP,,,,,,,,,",
                "location,loc-north,2026-11-09,,10,,,,,,0.42,11.88,GBP,,,,,,,,,",
                "location,loc-south,2026-11-02,,50,,,,,,2.08,59.38,GBP,,,,,,,,,",
                "location,loc-south,2026-11-09,,0,,,,,,0.00,0.00,GBP,,,,,,,,,");
    }

    @Test
    void bad_parameters_answer_a_problem_naming_them() {
        assertBad("from=2026-13-01", "from must be a date as yyyy-MM-dd");
        assertBad("to=yesterday", "to must be a date as yyyy-MM-dd");
        assertBad("period=year", "period must be day, week or month");
        assertBad("from=2026-11-15&to=2026-11-02", "must not be after to");
        assertBad("from=2025-01-01&to=2026-02-05", "The range covers 401 days; at most 400 are allowed.");
        assertBad("integrationId=not-a-uuid", "integrationId must be a UUID");
        Response csv = api.get(tenants.viewer(), base() + "/kpis.csv?period=hour");
        assertThat(csv.status()).isEqualTo(400);
        assertThat(csv.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(ok(api.get(tenants.viewer(), base() + "/kpis?from=2025-01-01&to=2026-02-04")).get("from"))
                .as("400 days are allowed").isEqualTo("2025-01-01");
    }

    @Test
    void another_tenants_data_never_appears_and_its_integration_answers_404() {
        Response theirIntegration = api.get(tenants.viewer(), base() + "/kpis?" + RANGE + "&integrationId=" + theirs);
        assertThat(theirIntegration.status()).isEqualTo(404);
        assertThat(theirIntegration.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(api.get(tenants.viewer(), base() + "/kpis.csv?integrationId=" + theirs).status()).isEqualTo(404);

        Map<String, Object> mine = ok(api.get(tenants.viewer(), base() + "/kpis?" + RANGE));
        assertThat(mine.toString()).doesNotContain("loc-secret");
        assertThat(map(mine.get("totals"))).containsEntry("recordsRead", 1750).containsEntry("errorsCaught", 2);

        Map<String, Object> other = ok(api.get(tenants.stranger(), "/api/v1/tenants/" + tenants.otherId() + "/kpis?"
                + RANGE));
        assertThat(map(other.get("totals"))).containsEntry("recordsRead", 5000).containsEntry("runsFailed", 1)
                .containsEntry("errorsCaught", 1);
        assertThat(list(other.get("locations"))).extracting(l -> l.get("location")).containsExactly("loc-secret");
        assertThat(api.get(tenants.stranger(), base() + "/kpis").status()).isIn(403, 404);
    }

    private void assertBad(String query, String message) {
        Response response = api.get(tenants.viewer(), base() + "/kpis?" + query);
        assertThat(response.status()).as(query + ": " + response).isEqualTo(400);
        assertThat(response.header("Content-Type").orElse("")).contains("application/problem+json");
        assertThat((String) response.get("detail")).contains(message);
    }

    private String base() {
        return "/api/v1/tenants/" + tenants.id();
    }

    private static Map<String, Object> ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static BigDecimal decimal(Object value) {
        assertThat(value).isNotNull();
        return new BigDecimal(String.valueOf(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static void run(UUID tenant, UUID integration, String status, String started, String finished, long read,
            long written, long unchanged, long failed, long cpuMillis, boolean shadow) {
        inTenant(tenant, c -> update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status, queued_at,"
                + " started_at, finished_at, records_read, records_written, records_unchanged, records_failed, cpu_millis,"
                + " shadow) VALUES (?, ?, ?, 'manual', ?, coalesce(?, now()), ?, ?, ?, ?, ?, ?, ?, ?)", tenant,
                UUID.randomUUID(), integration, status, ts(started), ts(started), ts(finished), read, written, unchanged,
                failed, cpuMillis, shadow));
    }

    private static UUID error(UUID tenant, UUID integration, String status, String closed) {
        UUID id = UUID.randomUUID();
        inTenant(tenant, c -> update(c, "INSERT INTO record_errors (tenant_id, id, integration_id, run_id, source_key,"
                + " category, message, source_record, status, closed_at) VALUES (?, ?, ?, ?, ?, 'value', 'bad', '{}', ?, ?)",
                tenant, id, integration, UUID.randomUUID(), "order-" + id, status, ts(closed)));
        return id;
    }

    private static void activity(UUID tenant, UUID integration, String location, String hour, long records) {
        inTenant(tenant, c -> update(c, "INSERT INTO source_activity (tenant_id, integration_id, location, hour, records)"
                + " VALUES (?, ?, ?, ?, ?)", tenant, integration, location, ts(hour), records));
    }

    private static OffsetDateTime ts(String instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
    }
}
