package io.tillbridge.connector.warehouse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarehouseNamesTest {

    @Test
    void a_plain_lower_case_name_is_kept() {
        assertThat(WarehouseNames.identifier("total_money")).isEqualTo("total_money");
        assertThat(WarehouseNames.identifier("select")).isEqualTo("select");
    }

    @Test
    void any_other_name_becomes_a_plain_identifier_with_a_stable_hash() {
        String mapped = WarehouseNames.identifier("Total Amount");
        assertThat(mapped).matches("total_amount_[0-9a-f]{8}").isEqualTo(WarehouseNames.identifier("Total Amount"));
        assertThat(WarehouseNames.identifier("total amount")).isNotEqualTo(mapped);
    }

    @Test
    void names_of_our_own_columns_and_hostile_names_are_mapped_away() {
        assertThat(WarehouseNames.identifier("_key")).matches("key_[0-9a-f]{8}");
        assertThat(WarehouseNames.identifier("x\"; DROP TABLE t; --")).matches("x_drop_table_t_[0-9a-f]{8}");
        assertThat(WarehouseNames.identifier("123")).matches("f_123_[0-9a-f]{8}");
        assertThat(WarehouseNames.identifier("中文")).matches("f_[0-9a-f]{8}");
        assertThat(WarehouseNames.identifier("a".repeat(200))).hasSizeLessThan(64);
    }

    @Test
    void quoting_doubles_quotes() {
        assertThat(WarehouseNames.quote("a\"b")).isEqualTo("\"a\"\"b\"");
        assertThat(WarehouseNames.qualified("s", "t")).isEqualTo("\"s\".\"t\"");
    }
}
