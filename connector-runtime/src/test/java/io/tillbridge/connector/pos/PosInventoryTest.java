package io.tillbridge.connector.pos;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PosInventoryTest {

    private static PosInventory level(String quantity, String sku, String updatedAt) {
        return new PosInventory("square", "L1", "V1", "I1", sku, "Latte, Large", new BigDecimal(quantity),
                PosInventory.IN_STOCK, updatedAt);
    }

    @Test
    void the_key_is_the_location_and_the_variation() {
        assertThat(level("3", "LAT-L", "2026-03-02T14:05:40Z").key()).isEqualTo("L1:V1");
    }

    @Test
    void the_version_is_the_level_not_the_time_it_was_counted() {
        PosInventory counted = level("22.50", "LAT-L", "2026-03-02T14:05:40Z");

        assertThat(counted.version()).isEqualTo("22.5 in_stock LAT-L");
        assertThat(level("22.5", "LAT-L", "2026-03-09T08:00:00Z").version()).isEqualTo(counted.version());
        assertThat(level("0.000", "LAT-L", null).version()).isEqualTo("0 in_stock LAT-L");
        assertThat(level("22.51", "LAT-L", null).version()).isNotEqualTo(counted.version());
        assertThat(level("22.5", "LAT-XL", null).version()).isNotEqualTo(counted.version());
    }

    @Test
    void the_quantity_is_kept_exactly_and_a_blank_sku_is_none() {
        PosInventory level = level("0.750", "  ", "2026-03-02T14:05:40Z");

        assertThat(level.toData()).containsEntry("quantity", new BigDecimal("0.750")).containsEntry("sku", null)
                .containsEntry("state", "in_stock").containsEntry("location_id", "L1")
                .containsEntry("variation_id", "V1").containsKeys("vendor", "item_id", "name", "updated_at");
        assertThat(level.version()).isEqualTo("0.75 in_stock");
    }

    @Test
    void a_name_is_the_items_then_the_variations_own() {
        assertThat(PosInventory.name("Latte", "Large")).isEqualTo("Latte, Large");
        assertThat(PosInventory.name("Latte", " ")).isEqualTo("Latte");
        assertThat(PosInventory.name(null, "Large")).isEqualTo("Large");
        assertThat(PosInventory.name(null, null)).isNull();
    }
}
