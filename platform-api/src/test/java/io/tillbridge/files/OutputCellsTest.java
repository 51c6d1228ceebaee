package io.tillbridge.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output cells as the platform keeps them, their hash, and how CSV writes them. */
class OutputCellsTest {

    @Test
    void values_become_scalars_and_numbers_decimals() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("total", new BigDecimal("12.50"));
        values.put("count", 3);
        values.put("ratio", 0.25d);
        values.put("lines", List.of(Map.of("sku", "A"), 2));
        values.put("paid", true);
        values.put("note", null);
        values.put("nul", "a\u0000b");
        Map<String, Object> cells = OutputCells.of(values);
        assertThat(cells).containsExactly(Map.entry("total", new BigDecimal("12.50")),
                Map.entry("count", new BigDecimal(3)), Map.entry("ratio", new BigDecimal("0.25")),
                Map.entry("lines", "[{\"sku\":\"A\"},2]"), Map.entry("paid", true),
                new java.util.AbstractMap.SimpleEntry<>("note", null), Map.entry("nul", "a\uFFFDb"));
    }

    @Test
    void the_hash_ignores_key_order_but_not_scale() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("x", new BigDecimal("1.50"));
        a.put("y", "t");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("y", "t");
        b.put("x", new BigDecimal("1.50"));
        Map<String, Object> c = Map.of("x", new BigDecimal("1.5"), "y", "t");
        String ha = OutputCells.hash(OutputCells.json(OutputCells.of(a)));
        assertThat(OutputCells.hash(OutputCells.json(OutputCells.of(b)))).isEqualTo(ha);
        assertThat(OutputCells.hash(OutputCells.json(OutputCells.of(c)))).isNotEqualTo(ha);
        assertThat(OutputCells.json(Map.of("big", new BigDecimal("1E+3")))).isEqualTo("{\"big\":1000}");
    }

    @Test
    void stored_cells_read_back_with_decimals_kept() {
        Map<String, Object> read = OutputCells.read("{\"total\":12.50,\"n\":7,\"s\":\"x\",\"b\":false,\"z\":null}");
        assertThat(read.get("total")).isEqualTo(new BigDecimal("12.50"));
        assertThat(read.get("n")).isEqualTo(new BigDecimal(7));
        assertThat(read).containsEntry("s", "x").containsEntry("b", false).containsKey("z");
    }

    @Test
    void csv_writes_numbers_plainly_and_defuses_formulas() {
        assertThat(OutputSheets.csvText(new BigDecimal("1E+3"))).isEqualTo("1000");
        assertThat(OutputSheets.csvText(new BigDecimal("-0.10"))).isEqualTo("-0.10");
        assertThat(OutputSheets.csvText(null)).isEmpty();
        assertThat(OutputSheets.csvText(true)).isEqualTo("true");
        assertThat(OutputSheets.csvText("=SUM(A1)")).isEqualTo("'=SUM(A1)");
        assertThat(OutputSheets.csvText("@cmd")).isEqualTo("'@cmd");
        assertThat(OutputSheets.csvText("+1 555 0100")).isEqualTo("'+1 555 0100");
        assertThat(OutputSheets.csvText("-12.50")).as("a number as text stays").isEqualTo("-12.50");
        assertThat(OutputSheets.csvText("plain")).isEqualTo("plain");
    }
}
