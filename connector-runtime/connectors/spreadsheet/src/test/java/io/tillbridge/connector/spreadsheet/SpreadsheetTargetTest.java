package io.tillbridge.connector.spreadsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.InMemoryConnectionFiles;
import io.tillbridge.connector.spi.InProcessConnectorContext;
import io.tillbridge.connector.spi.StreamDescriptor;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.spi.WriteResult.Outcome;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output files: which file a record goes to and what its cells hold. */
class SpreadsheetTargetTest {

    private final InMemoryConnectionFiles files = new InMemoryConnectionFiles();
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T20:52:48.731Z"), ZoneOffset.UTC);

    private SpreadsheetTargetConnector target() {
        SpreadsheetTargetConnector target = new SpreadsheetTargetConnector(clock);
        target.useContext(new InProcessConnectorContext().withFiles(files));
        return target;
    }

    private static SpreadsheetTargetConfig perDay(String zone, String zoneField) {
        return new SpreadsheetTargetConfig(null, SpreadsheetTargetConfig.Split.per_business_day, null, zone, zoneField);
    }

    private static Map<String, Object> order(String id, String day, String closedAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("order_id", id);
        data.put("business_day", day);
        data.put("closed_at", closedAt);
        data.put("total", new BigDecimal("12.50"));
        return data;
    }

    @Test
    void per_run_files_are_named_after_the_object_and_the_instances_utc_time() {
        List<WriteResult> results = target().write(SpreadsheetTargetConfig.defaults(), "orders",
                List.of(new WriteRecord("k1", "", order("A1", null, null))));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.WRITTEN);
            assertThat(r.targetRef()).isEqualTo("orders 2026-12-07T205248Z");
        });
        assertThat(files.files("orders")).containsOnlyKeys("orders 2026-12-07T205248Z");
    }

    @Test
    void per_business_day_files_are_named_after_the_day_and_a_record_without_it_is_rejected() {
        List<WriteResult> results = target().write(perDay(null, null), "orders", List.of(
                new WriteRecord("k1", "", order("A1", "2026-12-06", null)),
                new WriteRecord("k2", "", order("A2", null, null)),
                new WriteRecord("k3", "", order("A3", "06/12/2026", null)),
                new WriteRecord("k4", "", order("A4", "2026-12-07", null))));

        assertThat(results).extracting(WriteResult::outcome)
                .containsExactly(Outcome.WRITTEN, Outcome.REJECTED, Outcome.REJECTED, Outcome.WRITTEN);
        assertThat(results.get(1).reason()).isEqualTo("the record has no business_day, which names its file (one file per"
                + " business day); map a business day to it");
        assertThat(results.get(2).reason()).isEqualTo("business_day '06/12/2026' is not a date (yyyy-MM-dd)");
        assertThat(files.files("orders")).containsOnlyKeys("orders 2026-12-06", "orders 2026-12-07");
    }

    @Test
    void instants_become_local_times_in_the_records_zone_else_the_configs() {
        Map<String, Object> berlin = order("A1", "2026-12-06", "2026-12-06T21:15:30Z");
        Map<String, Object> tokyo = order("A2", "2026-12-06", "2026-12-06T21:15:30.250Z");
        tokyo.put("time_zone", "Asia/Tokyo");

        target().write(perDay("Europe/Berlin", "time_zone"), "orders",
                List.of(new WriteRecord("k1", "", berlin), new WriteRecord("k2", "", tokyo)));

        Map<String, Map<String, Object>> day = files.files("orders").get("orders 2026-12-06");
        assertThat(day.get("k1")).containsEntry("closed_at", "2026-12-06 22:15:30").containsEntry("business_day", "2026-12-06");
        assertThat(day.get("k2")).containsEntry("closed_at", "2026-12-07 06:15:30").containsEntry("time_zone", "Asia/Tokyo");
    }

    @Test
    void amounts_stay_exact_decimals_without_exponents_and_nested_values_become_json() {
        Map<String, Object> data = order("A1", "2026-12-06", null);
        data.put("tip", new BigDecimal("1E+1"));
        data.put("fee", 0.1);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", "C-1");
        line.put("price", new BigDecimal("2.50"));
        data.put("lines", List.of(line));
        data.put("paid", true);

        target().write(perDay(null, null), "orders", List.of(new WriteRecord("k1", "", data)));

        Map<String, Object> row = files.files("orders").get("orders 2026-12-06").get("k1");
        assertThat(row.get("total")).isEqualTo(new BigDecimal("12.50"));
        assertThat(row.get("tip")).isEqualTo(new BigDecimal("10"));
        assertThat(((BigDecimal) row.get("tip")).toString()).isEqualTo("10");
        assertThat(row.get("fee")).isEqualTo(new BigDecimal("0.1"));
        assertThat(row.get("lines")).isEqualTo("[{\"sku\":\"C-1\",\"price\":2.50}]");
        assertThat(row.get("paid")).isEqualTo(true);
        assertThat(files.columns("orders")).containsExactly("order_id", "business_day", "closed_at", "total", "tip", "fee",
                "lines", "paid");
    }

    @Test
    void writing_again_in_a_later_run_reports_unchanged_rows_and_writes_changed_ones_into_that_runs_file() {
        SpreadsheetTargetConfig config = SpreadsheetTargetConfig.defaults();
        target().write(config, "orders", List.of(new WriteRecord("k1", "", order("A1", null, null))));
        Map<String, Object> changed = order("A2", null, null);
        changed.put("total", new BigDecimal("13.00"));

        SpreadsheetTargetConnector later = new SpreadsheetTargetConnector(Clock.offset(clock, java.time.Duration.ofHours(1)));
        later.useContext(new InProcessConnectorContext().withFiles(files));
        List<WriteResult> results = later.write(config, "orders", List.of(
                new WriteRecord("k1", "", order("A1", null, null)), new WriteRecord("k2", "", changed)));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.UNCHANGED, Outcome.WRITTEN);
        assertThat(files.files("orders")).containsOnlyKeys("orders 2026-12-07T205248Z", "orders 2026-12-07T215248Z");
        assertThat(files.files("orders").get("orders 2026-12-07T215248Z")).containsOnlyKeys("k2");
    }

    @Test
    void current_answers_stored_rows_with_the_records_own_values_where_the_cells_match() {
        SpreadsheetTargetConfig config = perDay("Europe/Berlin", null);
        WriteRecord written = new WriteRecord("k1", "", order("A1", "2026-12-06", "2026-12-06T21:15:30Z"));
        target().write(config, "orders", List.of(written));
        Map<String, Object> changedData = order("A1", "2026-12-06", "2026-12-06T21:15:30Z");
        changedData.put("total", new BigDecimal("99.00"));

        Map<String, Map<String, Object>> current = target().current(config, "orders",
                List.of(new WriteRecord("k1", "", changedData), new WriteRecord("k9", "", order("B", "2026-12-06", null))));

        assertThat(current).containsOnlyKeys("k1");
        assertThat(current.get("k1")).containsEntry("closed_at", "2026-12-06T21:15:30Z")
                .containsEntry("total", new BigDecimal("12.50"));
    }

    @Test
    void an_unsafe_object_name_fails_the_batch_with_config() {
        assertThatThrownBy(() -> target().write(SpreadsheetTargetConfig.defaults(), "../etc/passwd",
                List.of(new WriteRecord("k1", "", Map.of("a", "b")))))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("'../etc/passwd' is not");
    }

    @Test
    void a_cell_longer_than_a_spreadsheet_holds_is_rejected() {
        List<WriteResult> results = target().write(SpreadsheetTargetConfig.defaults(), "orders",
                List.of(new WriteRecord("k1", "", Map.of("note", "x".repeat(40_000)))));

        assertThat(results.get(0).outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(results.get(0).reason()).isEqualTo("field note holds 40000 characters; a spreadsheet cell holds at most 32767");
    }

    @Test
    void discovery_offers_open_objects_with_the_fields_the_target_reads_itself() {
        List<StreamDescriptor> objects = target().discover(perDay(null, "time_zone")).streams();

        assertThat(objects).extracting(StreamDescriptor::name).contains("orders", "rows");
        assertThat(objects).allMatch(StreamDescriptor::openSchema);
        assertThat(objects.get(0).fields()).extracting(f -> f.name()).containsExactly("business_day", "time_zone");
    }

    @Test
    void check_fails_config_without_the_platforms_file_storage() {
        CheckResult result = new SpreadsheetTargetConnector().check(SpreadsheetTargetConfig.defaults());

        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
    }
}
