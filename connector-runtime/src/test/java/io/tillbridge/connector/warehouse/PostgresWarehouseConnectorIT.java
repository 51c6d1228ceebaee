package io.tillbridge.connector.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.connector.spi.StreamDescriptor;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import io.tillbridge.connector.spi.WriteResult.Outcome;
import io.tillbridge.connector.warehouse.internal.TableLoader;
import io.tillbridge.connector.warehouse.internal.WarehouseNames;
import io.tillbridge.testing.Await;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresWarehouseConnectorIT {

    private static WarehouseSchema warehouse;

    @BeforeAll
    static void create_the_schema() {
        warehouse = WarehouseSchema.create();
    }

    @AfterAll
    static void drop_the_schema() {
        warehouse.close();
    }

    // --- tables and columns ------------------------------------------------------------------

    @Test
    void a_missing_table_is_created_from_the_field_types_of_the_batch() {
        write("created", record("k1", "note", "text", "total", new BigDecimal("1.50"), "paid", true,
                "lines", List.of(Map.of("sku", "A")), "customer", Map.of("id", "c1")));

        assertThat(warehouse.columnTypes("created")).containsExactly(
                Map.entry("_key", "text"), Map.entry("note", "text"), Map.entry("total", "numeric"),
                Map.entry("paid", "boolean"), Map.entry("lines", "jsonb"), Map.entry("customer", "jsonb"),
                Map.entry("_version", "text"), Map.entry("_loaded_at", "timestamp with time zone"));
        assertThat(warehouse.rows("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                + "AND a.attnum = ANY (i.indkey) WHERE i.indisprimary AND i.indrelid = '" + warehouse.name()
                + ".created'::regclass")).extracting(r -> r.get("attname")).containsExactly("_key");
    }

    @Test
    void a_new_field_adds_a_column_and_keeps_the_rows_already_there() {
        write("growing", record("k1", "note", "first"));
        List<WriteResult> results = write("growing", record("k2", "note", "second", "tip", new BigDecimal("2.00")));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN);
        assertThat(warehouse.columnTypes("growing")).containsEntry("tip", "numeric");
        assertThat(warehouse.rows("SELECT _key, tip::text AS tip FROM " + warehouse.name() + ".growing ORDER BY _key"))
                .extracting(r -> r.get("_key") + "=" + r.get("tip")).containsExactly("k1=null", "k2=2.00");
    }

    // --- COPY ----------------------------------------------------------------------------------

    @Test
    void awkward_text_and_big_numbers_survive_the_copy_exactly() {
        List<String> texts = List.of("tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", "\\.",
                "trailing backslash\\", "quotes ' and \"", "", " ", "unicode: é ß 中文 🧾 e\u0301", "comma, semicolon;");
        List<WriteRecord> batch = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            batch.add(record("t" + i, "text", texts.get(i), "nested", Map.of("value", texts.get(i))));
        }
        batch.add(record("nulls", "text", null, "nested", null));
        batch.add(record("big", "amount", new BigDecimal("12345678901234567890.123456789000"),
                "tiny", new BigDecimal("-0.000000000000000000000001"), "text", "x"));

        assertThat(write("awkward", batch)).extracting(WriteResult::outcome).containsOnly(Outcome.WRITTEN);

        Map<Object, Map<String, Object>> rows = new HashMap<>();
        warehouse.rows("SELECT _key, text, nested ->> 'value' AS nested, amount::text AS amount, tiny::text AS tiny, "
                + "nested IS NULL AS nested_is_null FROM " + warehouse.name() + ".awkward")
                .forEach(r -> rows.put(r.get("_key"), r));
        for (int i = 0; i < texts.size(); i++) {
            assertThat(rows.get("t" + i).get("text")).as("text %d", i).isEqualTo(texts.get(i));
            assertThat(rows.get("t" + i).get("nested")).as("nested text %d", i).isEqualTo(texts.get(i));
        }
        assertThat(rows.get("nulls").get("text")).isNull();
        assertThat(rows.get("nulls").get("nested_is_null")).isEqualTo(true);
        assertThat(rows.get("t8").get("text")).as("the empty string is not null").isEqualTo("");
        assertThat(rows.get("big").get("amount")).isEqualTo("12345678901234567890.123456789000");
        assertThat(rows.get("big").get("tiny")).isEqualTo("-0.000000000000000000000001");
    }

    // --- replay ----------------------------------------------------------------------------------

    @Test
    void replaying_a_batch_writes_nothing_and_leaves_every_row_version_as_it_was() {
        List<WriteRecord> batch = orders(20);
        assertThat(write("replayed", batch)).extracting(WriteResult::outcome).containsOnly(Outcome.WRITTEN);
        Map<Object, Object> versionsBefore = rowVersions("replayed");
        Map<String, Object> statsBefore = awaitStats("replayed", s -> ((Number) s.get("n_tup_ins")).longValue() == 20);

        try (PostgresWarehouseConnector connector = new PostgresWarehouseConnector(ConnectorContext.standalone(TestEgress.LOOPBACK))) {
            List<WriteResult> replay = connector.write(warehouse.config(), "replayed", batch);
            assertThat(replay).extracting(WriteResult::outcome).containsOnly(Outcome.UNCHANGED);
            assertThat(replay).extracting(WriteResult::targetRef)
                    .containsExactlyElementsOf(batch.stream().map(WriteRecord::idempotencyKey).toList());
            // A marker row from the same session: once its insert shows in the statistics, so does the replay.
            connector.write(warehouse.config(), "replayed", List.of(record("marker", "number", "M")));
        }

        Map<String, Object> statsAfter = awaitStats("replayed", s -> ((Number) s.get("n_tup_ins")).longValue() == 21);
        Map<Object, Object> versionsAfter = rowVersions("replayed");
        versionsAfter.remove("marker");
        assertThat(versionsAfter).as("xmin, xmax and ctid of every row").isEqualTo(versionsBefore);
        assertThat(statsAfter.get("n_tup_upd")).isEqualTo(statsBefore.get("n_tup_upd"));
        assertThat(statsAfter.get("n_dead_tup")).isEqualTo(statsBefore.get("n_dead_tup"));
    }

    @Test
    void a_changed_record_updates_only_its_own_row() {
        List<WriteRecord> batch = orders(5);
        write("changed", batch);
        Map<Object, Object> before = rowVersions("changed");

        List<WriteRecord> next = new ArrayList<>(batch);
        Map<String, Object> data = new LinkedHashMap<>(batch.get(2).data());
        data.put("total", new BigDecimal("99.99"));
        next.set(2, new WriteRecord(batch.get(2).idempotencyKey(), "", data));
        List<WriteResult> results = write("changed", next);

        assertThat(results).extracting(WriteResult::outcome).containsExactly(
                Outcome.UNCHANGED, Outcome.UNCHANGED, Outcome.WRITTEN, Outcome.UNCHANGED, Outcome.UNCHANGED);
        Map<Object, Object> after = rowVersions("changed");
        assertThat(after).hasSameSizeAs(before);
        before.forEach((key, version) -> {
            if (key.equals(batch.get(2).idempotencyKey())) {
                assertThat(after.get(key)).as("version of the changed row").isNotEqualTo(version);
            } else {
                assertThat(after.get(key)).as("version of %s", key).isEqualTo(version);
            }
        });
        assertThat(warehouse.rows("SELECT total::text AS total FROM " + warehouse.name() + ".changed WHERE _key = '"
                + batch.get(2).idempotencyKey() + "'")).extracting(r -> r.get("total")).containsExactly("99.99");
    }

    @Test
    void a_batch_of_unchanged_changed_and_new_keys_writes_only_the_changed_and_the_new() {
        List<WriteRecord> batch = orders(3);
        write("mixed", batch);
        Map<Object, Object> before = rowVersions("mixed");

        Map<String, Object> changed = new LinkedHashMap<>(batch.get(1).data());
        changed.put("paid", false);
        List<WriteResult> results = write("mixed", List.of(batch.get(0),
                new WriteRecord(batch.get(1).idempotencyKey(), "", changed), record("order-new", "number", "N")));

        assertThat(results).extracting(WriteResult::outcome)
                .containsExactly(Outcome.UNCHANGED, Outcome.WRITTEN, Outcome.WRITTEN);
        Map<Object, Object> after = rowVersions("mixed");
        assertThat(after.get("order-1")).isEqualTo(before.get("order-1"));
        assertThat(after.get("order-2")).isNotEqualTo(before.get("order-2"));
        assertThat(after.get("order-3")).isEqualTo(before.get("order-3"));
        assertThat(warehouse.rows("SELECT _key, paid, number FROM " + warehouse.name() + ".mixed ORDER BY _key"))
                .extracting(r -> r.get("_key") + "=" + r.get("paid") + "/" + r.get("number"))
                .containsExactly("order-1=false/ORD-1", "order-2=false/ORD-2", "order-3=false/ORD-3", "order-new=null/N");
    }

    @Test
    void a_row_stored_with_another_content_hash_is_staged_and_given_the_current_one() {
        List<WriteRecord> batch = orders(2);
        write("rehashed", batch);
        // A version from an older hash encoding: the record is staged, and only the version differs.
        warehouse.execute("UPDATE " + warehouse.name() + ".rehashed SET _version = 'older' WHERE _key = 'order-1'");

        List<WriteResult> results = write("rehashed", batch);

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN, Outcome.UNCHANGED);
        assertThat(warehouse.rows("SELECT _version FROM " + warehouse.name() + ".rehashed WHERE _key = 'order-1'"))
                .extracting(r -> r.get("_version")).containsExactly(TableLoader.contentVersion(batch.get(0)));
    }

    @Test
    void a_scale_change_of_a_number_counts_as_a_change() {
        write("scaled", record("k", "total", new BigDecimal("1.5")));
        assertThat(write("scaled", record("k", "total", new BigDecimal("1.50"))))
                .extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN);
    }

    @Test
    void the_last_record_of_a_key_in_a_batch_wins() {
        List<WriteResult> results = write("duplicated", List.of(record("k", "note", "first"), record("k", "note", "last")));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN, Outcome.WRITTEN);
        assertThat(warehouse.rows("SELECT note FROM " + warehouse.name() + ".duplicated"))
                .extracting(r -> r.get("note")).containsExactly("last");
    }

    // --- rejections ------------------------------------------------------------------------------

    @Test
    void records_that_do_not_fit_are_rejected_with_a_reason_and_the_rest_loads() {
        warehouse.executeAsWriter("CREATE TABLE " + warehouse.name() + ".strict (_key text PRIMARY KEY, "
                + "amount numeric(5,2), code varchar(3), qty integer, at timestamptz, "
                + "positive numeric CHECK (positive > 0))");
        List<WriteResult> results = write("strict", List.of(
                record("ok", "amount", new BigDecimal("999.99"), "code", "abc", "qty", new BigDecimal("7"),
                        "at", "2026-01-31T10:00:00Z", "positive", BigDecimal.ONE),
                record("too-big", "amount", new BigDecimal("1000.00")),
                record("not-a-number", "amount", "12.50"),
                record("too-long", "code", "abcd"),
                record("fraction", "qty", new BigDecimal("1.5")),
                record("nul", "code", "a\u0000"),
                record("bad-time", "at", "not a time"),
                record("check", "positive", new BigDecimal("-1")),
                record("also-ok", "code", "xyz")));

        assertThat(results).extracting(WriteResult::idempotencyKey, WriteResult::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ok", Outcome.WRITTEN),
                org.assertj.core.groups.Tuple.tuple("too-big", Outcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("not-a-number", Outcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("too-long", Outcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("fraction", Outcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("nul", Outcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("bad-time", Outcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("check", Outcome.REJECTED),
                org.assertj.core.groups.Tuple.tuple("also-ok", Outcome.WRITTEN));
        Map<String, String> reasons = new HashMap<>();
        results.forEach(r -> reasons.put(r.idempotencyKey(), r.reason()));
        assertThat(reasons.get("too-big")).contains("amount").contains("numeric(5,2)");
        assertThat(reasons.get("not-a-number")).contains("amount").contains("not text");
        assertThat(reasons.get("too-long")).contains("code").contains("character varying(3)");
        assertThat(reasons.get("fraction")).contains("qty").contains("whole number");
        assertThat(reasons.get("nul")).contains("NUL");
        assertThat(reasons.get("bad-time")).contains("not a time");
        assertThat(reasons.get("check")).contains("check constraint");
        assertThat(warehouse.rows("SELECT _key FROM " + warehouse.name() + ".strict ORDER BY _key"))
                .extracting(r -> r.get("_key")).containsExactly("also-ok", "ok");
    }

    // --- names -----------------------------------------------------------------------------------

    @Test
    void odd_object_and_field_names_become_safe_identifiers() {
        warehouse.executeAsWriter("CREATE TABLE " + warehouse.name() + ".victim (id int)");
        String object = "orders\"; DROP TABLE " + warehouse.name() + ".victim; --";
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Total Amount", new BigDecimal("1"));
        data.put("a\"b", "quote");
        data.put("_key", "not the key");
        data.put("select", "reserved word");
        data.put("customer.email", "c@example.com");

        List<WriteResult> results = write(object, List.of(new WriteRecord("k1", "", data)));

        assertThat(results).extracting(WriteResult::outcome).containsExactly(Outcome.WRITTEN);
        assertThat(warehouse.rows("SELECT to_regclass('" + warehouse.name() + ".victim') IS NOT NULL AS present"))
                .extracting(r -> r.get("present")).containsExactly(true);
        String table = WarehouseNames.identifier(object);
        assertThat(table).matches("[a-z][a-z0-9_]*").hasSizeLessThan(64);
        Map<String, String> columns = warehouse.columnTypes(table);
        assertThat(columns.keySet()).allMatch(c -> c.matches("[a-z_][a-z0-9_]*"))
                .contains("select", WarehouseNames.identifier("Total Amount"), WarehouseNames.identifier("_key"));
        assertThat(warehouse.rows("SELECT _key, \"select\", \"" + WarehouseNames.identifier("_key") + "\" AS field_key "
                + "FROM " + warehouse.name() + "." + table))
                .extracting(r -> r.get("_key") + "|" + r.get("select") + "|" + r.get("field_key"))
                .containsExactly("k1|reserved word|not the key");
    }

    // --- check and discover ----------------------------------------------------------------------

    @Test
    void check_says_config_for_a_url_that_is_not_postgresql_or_carries_unsafe_parameters() {
        assertThat(check(warehouse.config().withJdbcUrl("jdbc:mysql://127.0.0.1/x")).status())
                .isEqualTo(CheckResult.Status.CONFIG);
        CheckResult unsafe = check(warehouse.config().withJdbcUrl(warehouse.config().jdbcUrl()
                + "?socketFactory=org.springframework.context.support.ClassPathXmlApplicationContext"));
        assertThat(unsafe.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(unsafe.message()).contains("socketFactory");
    }

    @Test
    void check_says_config_for_a_database_that_does_not_exist() {
        String url = warehouse.config().jdbcUrl().replaceFirst("/[^/]+$", "/tb_no_such_database");
        assertThat(check(warehouse.config().withJdbcUrl(url)).status()).isEqualTo(CheckResult.Status.CONFIG);
    }

    @Test
    void check_says_auth_for_a_role_the_server_refuses() {
        CheckResult result = check(warehouse.config().withCredentials("tb_no_such_role", "secret-value"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.AUTH);
        assertThat(result.message()).doesNotContain("secret-value");
    }

    @Test
    void check_says_transient_when_nothing_answers() {
        assertThat(check(warehouse.config().withJdbcUrl("jdbc:postgresql://127.0.0.1:9/warehouse")).status())
                .isEqualTo(CheckResult.Status.TRANSIENT);
    }

    @Test
    void check_says_config_when_the_user_may_not_create_the_schema() {
        assertThat(check(warehouse.config().withSchema("tb_not_allowed_here")).status())
                .isEqualTo(CheckResult.Status.CONFIG);
    }

    @Test
    void discover_lists_the_tables_with_their_column_types() {
        write("discovered", record("k1", "total", new BigDecimal("3.10"), "paid", false, "note", "n",
                "lines", List.of(BigDecimal.ONE)));
        Catalog catalog;
        try (PostgresWarehouseConnector connector = new PostgresWarehouseConnector(ConnectorContext.standalone(TestEgress.LOOPBACK))) {
            catalog = connector.discover(warehouse.config());
        }
        StreamDescriptor stream = catalog.stream("discovered").orElseThrow();
        assertThat(stream.keyField()).isEqualTo("_key");
        Map<String, FieldType> types = new HashMap<>();
        stream.fields().forEach(f -> types.put(f.name(), f.type()));
        assertThat(types).containsEntry("total", FieldType.NUMBER).containsEntry("paid", FieldType.BOOLEAN)
                .containsEntry("note", FieldType.STRING).containsEntry("lines", FieldType.OBJECT);
        assertThat(stream.fields().stream().filter(f -> f.name().equals("total")).findFirst().orElseThrow().samples())
                .containsExactly(new BigDecimal("3.10"));
        assertThat(types).as("the loader's own columns are no fields to map").doesNotContainKeys("_key", "_version",
                "_loaded_at");
    }

    // --- current rows (shadow mode) -------------------------------------------------------------

    @Test
    void current_answers_the_stored_rows_under_the_records_field_names_and_nothing_for_new_keys() {
        write("current_rows", record("k1", "Note", "first", "total", new BigDecimal("1.50")),
                record("k2", "Note", "second", "total", new BigDecimal("2.50")));

        Map<String, Map<String, Object>> current = current("current_rows",
                record("k1", "Note", "first", "total", new BigDecimal("1.50")),
                record("k2", "Note", "changed", "total", new BigDecimal("2.50")),
                record("k3", "Note", "new", "total", BigDecimal.ONE));

        assertThat(current).containsOnlyKeys("k1", "k2");
        assertThat(current.get("k1")).isEqualTo(Map.of("Note", "first", "total", new BigDecimal("1.50")));
        assertThat(current.get("k2")).isEqualTo(Map.of("Note", "second", "total", new BigDecimal("2.50")));
        assertThat(current("no_such_table", record("k1", "Note", "x"))).isEmpty();
    }

    @Test
    void current_counts_a_value_the_column_stores_as_the_same_text_as_equal() {
        warehouse.executeAsWriter("CREATE TABLE " + warehouse.name() + ".placed (_key text PRIMARY KEY,"
                + " placed_at timestamptz, total numeric(10,2), _version text, _loaded_at timestamptz)");
        write("placed", record("k1", "placed_at", "2026-01-01T10:00:00Z", "total", new BigDecimal("1.5")));

        Map<String, Object> same = current("placed", record("k1", "placed_at", "2026-01-01T11:00:00+01:00",
                "total", new BigDecimal("1.50"))).get("k1");
        assertThat(same).as("same instant, same stored amount")
                .isEqualTo(Map.of("placed_at", "2026-01-01T11:00:00+01:00", "total", new BigDecimal("1.50")));
        Map<String, Object> moved = current("placed", record("k1", "placed_at", "2026-01-02T10:00:00Z",
                "total", new BigDecimal("1.50"))).get("k1");
        assertThat(moved.get("placed_at")).as("the stored instant").isNotEqualTo("2026-01-02T10:00:00Z");
        assertThat(moved.get("total")).isEqualTo(new BigDecimal("1.50"));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static Map<String, Map<String, Object>> current(String object, WriteRecord... records) {
        try (PostgresWarehouseConnector connector = new PostgresWarehouseConnector(ConnectorContext.standalone(TestEgress.LOOPBACK))) {
            return connector.current(warehouse.config(), object, List.of(records));
        }
    }

    private static List<WriteResult> write(String object, WriteRecord... records) {
        return write(object, List.of(records));
    }

    private static List<WriteResult> write(String object, List<WriteRecord> batch) {
        try (PostgresWarehouseConnector connector = new PostgresWarehouseConnector(ConnectorContext.standalone(TestEgress.LOOPBACK))) {
            return connector.write(warehouse.config(), object, batch);
        }
    }

    private static CheckResult check(PostgresWarehouseConfig config) {
        try (PostgresWarehouseConnector connector = new PostgresWarehouseConnector(ConnectorContext.standalone(TestEgress.LOOPBACK))) {
            return connector.check(config);
        }
    }

    /** A record from key and alternating field names and values (null allowed). */
    private static WriteRecord record(String key, Object... fields) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            data.put((String) fields[i], fields[i + 1]);
        }
        return new WriteRecord(key, "", data);
    }

    private static List<WriteRecord> orders(int count) {
        List<WriteRecord> batch = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            batch.add(record("order-" + i, "number", "ORD-" + i, "total", new BigDecimal(i + ".25"),
                    "paid", i % 2 == 0, "lines", List.of(Map.of("sku", "S" + i))));
        }
        return batch;
    }

    /** Per key, the row version: a new version changes xmin and ctid, a lock changes xmax. */
    private static Map<Object, Object> rowVersions(String table) {
        Map<Object, Object> versions = new HashMap<>();
        warehouse.rows("SELECT _key, xmin::text || '/' || xmax::text || '/' || ctid::text AS version FROM "
                + warehouse.name() + "." + table).forEach(r -> versions.put(r.get("_key"), r.get("version")));
        return versions;
    }

    /** The table's statistics, polled until they show what a closed session flushed. */
    private static Map<String, Object> awaitStats(String table, java.util.function.Predicate<Map<String, Object>> until) {
        Supplier<Map<String, Object>> read = () -> warehouse.rows("SELECT n_tup_ins, n_tup_upd, n_dead_tup "
                + "FROM pg_stat_user_tables WHERE schemaname = '" + warehouse.name() + "' AND relname = '" + table + "'")
                .get(0);
        return Await.until(Duration.ofSeconds(15), "statistics of " + table + " flushed", read::get, until);
    }
}
