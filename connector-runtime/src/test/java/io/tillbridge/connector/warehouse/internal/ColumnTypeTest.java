package io.tillbridge.connector.warehouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {

    // atttypmod of numeric(p,s) is ((p << 16) | (s & 0x7ff)) + 4
    private static ColumnType numeric(int precision, int scale) {
        return ColumnType.of("n", "numeric(" + precision + "," + scale + ")", "numeric",
                ((precision << 16) | (scale & 0x7ff)) + 4);
    }

    @Test
    void a_number_fits_a_numeric_column_after_rounding_to_its_scale() {
        assertThat(numeric(5, 2).render(new BigDecimal("999.994")).refused()).isFalse();
        assertThat(numeric(5, 2).render(new BigDecimal("999.995")).refused()).isTrue();
        assertThat(numeric(5, 2).render(new BigDecimal("-999.99")).text()).isEqualTo("-999.99");
    }

    @Test
    void a_negative_scale_is_read_from_the_typmod() {
        ColumnType thousands = numeric(2, -3);
        assertThat(thousands.scale()).isEqualTo(-3);
        assertThat(thousands.render(new BigDecimal("12345")).refused()).isFalse();
        assertThat(thousands.render(new BigDecimal("123456")).refused()).isTrue();
    }

    @Test
    void an_unconstrained_numeric_keeps_the_scale_as_given() {
        ColumnType any = ColumnType.of("n", "numeric", "numeric", -1);
        assertThat(any.render(new BigDecimal("1.500")).text()).isEqualTo("1.500");
        assertThat(any.render(new BigDecimal("1E+3")).text()).isEqualTo("1000");
    }

    @Test
    void integers_must_be_whole_and_in_range() {
        ColumnType integer = ColumnType.of("i", "integer", "int4", -1);
        assertThat(integer.render(new BigDecimal("7.00")).text()).isEqualTo("7");
        assertThat(integer.render(new BigDecimal("7.5")).refused()).isTrue();
        assertThat(integer.render(new BigDecimal("2147483648")).refused()).isTrue();
    }

    @Test
    void text_holds_no_nul_and_no_lone_surrogate_even_nested_in_json() {
        ColumnType json = ColumnType.of("j", "jsonb", "jsonb", -1);
        assertThat(json.render(Map.of("a", List.of("x\u0000"))).refusal()).contains("NUL");
        assertThat(ColumnType.of("t", "text", "text", -1).render("\uD83E").refusal()).contains("surrogate");
        assertThat(ColumnType.of("t", "text", "text", -1).render("🧾").refused()).isFalse();
    }

    @Test
    void a_new_column_takes_its_type_from_the_values() {
        assertThat(ColumnType.newColumnType(List.of(BigDecimal.ONE))).isEqualTo("numeric");
        assertThat(ColumnType.newColumnType(List.of(true))).isEqualTo("boolean");
        assertThat(ColumnType.newColumnType(List.of("x"))).isEqualTo("text");
        assertThat(ColumnType.newColumnType(List.of(Map.of()))).isEqualTo("jsonb");
        assertThat(ColumnType.newColumnType(List.of("x", BigDecimal.ONE))).isEqualTo("jsonb");
    }
}
