package io.tillbridge.connector.warehouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.warehouse.WarehouseSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The binary COPY encoding against PostgreSQL itself: the same rendered values loaded once in the
 * text format (PostgreSQL parses them) and once in the binary format must read back alike, for every
 * kind of column the binary format is used for.
 */
class CopyBinaryFormatIT {

    private static final String COLUMNS = "id integer, t text, v varchar(5), c char(4), n numeric, n2 numeric(7,2),"
            + " s smallint, i integer, b bigint, flag boolean, j json, jb jsonb";
    private static final List<String> NUMBERS = List.of("0", "0.00", "1", "-1", "9999", "10000", "10000.0001",
            "0.0001", "-0.00010", "100000000", "123456789.987654321", "-12345678901234567890.123456789000",
            "0.000000000000000000000001", "5" + "0".repeat(200) + ".5");

    private static WarehouseSchema warehouse;

    @BeforeAll
    static void create_the_schema() {
        warehouse = WarehouseSchema.create();
    }

    @AfterAll
    static void drop_the_schema() {
        warehouse.close();
    }

    @Test
    void every_supported_kind_reads_back_as_the_text_format_stores_it() throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(Arrays.asList("1", null, null, null, null, null, null, null, null, null, null, null));
        rows.add(Arrays.asList("2", "", "abc", "ab", "0", "0.00", "-32768", "-2147483648", "-9223372036854775808",
                "false", "{}", "[]"));
        rows.add(Arrays.asList("3", "tab\there \\ é 中文 🧾 \\N", "é🧾", "abcd", "-1.5", "-99999.99", "32767", "2147483647",
                "9223372036854775807", "true", "{\"b\": 1, \"a\": [1.50, null]}", "{\"b\":1,\"a\":\"x\",\"c\":1.50}"));
        rows.add(Arrays.asList("4", "x", "x", "x", "1", "1.005", "0", "0", "0", "true", "null", "\"é\""));
        rows.add(Arrays.asList("5", "x", "x", "x", "1", "-1.005", "0", "0", "0", "true", "1", "12.30"));
        rows.add(Arrays.asList("6", "x", "x", "x", "1", "12.3", "0", "0", "0", "true", "1", "1"));
        for (int k = 0; k < NUMBERS.size(); k++) {
            rows.add(Arrays.asList(Integer.toString(100 + k), null, null, null, NUMBERS.get(k), null, null, null, null,
                    null, null, null));
        }
        warehouse.executeAsWriter("CREATE TABLE " + warehouse.name() + ".as_text (" + COLUMNS + ")");
        warehouse.executeAsWriter("CREATE TABLE " + warehouse.name() + ".as_binary (" + COLUMNS + ")");

        try (Connection c = DriverManager.getConnection(warehouse.config().jdbcUrl(), warehouse.config().user(),
                warehouse.config().password())) {
            ColumnType[] types = WarehouseCatalog.columns(c, warehouse.name(), "as_binary").values()
                    .toArray(ColumnType[]::new);
            assertThat(types).allMatch(CopyBinaryFormat::supports);

            CopyTextFormat.Buffer text = new CopyTextFormat.Buffer();
            rows.forEach(text::appendRow);
            copy(c, "COPY " + warehouse.name() + ".as_text FROM STDIN", text.bytes(), text.length());

            CopyBinaryFormat.Buffer binary = new CopyBinaryFormat.Buffer();
            binary.header();
            rows.forEach(row -> binary.appendRow(row, types));
            binary.trailer();
            copy(c, "COPY " + warehouse.name() + ".as_binary FROM STDIN (FORMAT binary)", binary.bytes(), binary.length());
        }

        String select = "SELECT id, ROW(t, v, c, n, n2, s, i, b, flag, j::text, jb)::text AS r, n::text AS n,"
                + " n2::text AS n2, t, jb::text AS jb, c::text AS c, scale(n) AS scale FROM " + warehouse.name() + ".%s ORDER BY id";
        List<Map<String, Object>> fromText = warehouse.rows(select.formatted("as_text"));
        List<Map<String, Object>> fromBinary = warehouse.rows(select.formatted("as_binary"));

        assertThat(fromBinary).hasSize(rows.size()).isEqualTo(fromText);
        Map<Object, Map<String, Object>> byId = new java.util.HashMap<>();
        fromBinary.forEach(r -> byId.put(r.get("id"), r));
        assertThat(byId.get(1).get("r")).isEqualTo("(,,,,,,,,,,)");
        assertThat(byId.get(2).get("t")).as("the empty string is not null").isEqualTo("");
        assertThat(byId.get(3).get("t")).isEqualTo("tab\there \\ é 中文 🧾 \\N");
        assertThat(byId.get(3).get("c")).isEqualTo("abcd");
        assertThat(byId.get(3).get("jb")).isEqualTo("{\"a\": \"x\", \"b\": 1, \"c\": 1.50}");
        assertThat(byId.get(4).get("n2")).as("rounded to the column's scale").isEqualTo("1.01");
        assertThat(byId.get(5).get("n2")).isEqualTo("-1.01");
        assertThat(byId.get(6).get("n2")).isEqualTo("12.30");
        for (int k = 0; k < NUMBERS.size(); k++) {
            assertThat(byId.get(100 + k).get("n")).as("numeric %s", NUMBERS.get(k)).isEqualTo(NUMBERS.get(k));
        }
    }

    @Test
    void a_value_that_does_not_fit_its_column_is_refused_by_the_server_in_binary_too() throws SQLException {
        warehouse.executeAsWriter("CREATE TABLE " + warehouse.name() + ".narrow (v varchar(2), n numeric(3,1))");
        try (Connection c = DriverManager.getConnection(warehouse.config().jdbcUrl(), warehouse.config().user(),
                warehouse.config().password())) {
            ColumnType[] types = WarehouseCatalog.columns(c, warehouse.name(), "narrow").values()
                    .toArray(ColumnType[]::new);
            for (List<String> row : List.of(Arrays.asList("abc", null), Arrays.asList(null, "100.0"))) {
                CopyBinaryFormat.Buffer binary = new CopyBinaryFormat.Buffer();
                binary.header();
                binary.appendRow(row, types);
                binary.trailer();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> copy(c, "COPY " + warehouse.name()
                        + ".narrow FROM STDIN (FORMAT binary)", binary.bytes(), binary.length()))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(WarehouseFailures.isAboutTheData((SQLException) e)).isTrue());
            }
        }
    }

    private static void copy(Connection c, String sql, byte[] bytes, int length) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            copy.writeToCopy(bytes, 0, length);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
