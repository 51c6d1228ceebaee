package io.tillbridge.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.mapping.CompiledMapping;
import io.tillbridge.connector.mapping.FieldError;
import io.tillbridge.connector.mapping.MappingCompiler;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.mapping.RecordOutcome;
import io.tillbridge.connector.pos.PosInventory;
import io.tillbridge.connector.pos.PosStreams;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/**
 * The template "POS inventory -> Shopify inventory levels" as a file: its shape, and its mapping run by
 * the mapping engine over canonical {@code pos.inventory} records.
 */
class PosInventoryTemplateTest {

    static final String FILE = "/templates/pos-inventory-to-shopify.json";

    static JsonNode template() throws IOException {
        try (InputStream in = PosInventoryTemplateTest.class.getResourceAsStream(FILE)) {
            assertThat(in).as(FILE + " on the class path").isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    /** The template's mapping as the mappings API reads it, with the location pairs the merchant adds. */
    static MappingSpec mapping(Map<String, Object> pairs) throws IOException {
        ObjectNode json = (ObjectNode) template().path("integrations").get(0).path("mapping").deepCopy();
        ObjectNode entries = ((ObjectNode) json.path("valueMaps").path("locations")).putObject("entries");
        pairs.forEach((pos, shopify) -> entries.put(pos, (String) shopify));
        MappingSpecJson.Parsed parsed = MappingSpecJson.read(json);
        assertThat(parsed.errors()).isEmpty();
        return parsed.spec();
    }

    private static Map<String, Object> level(String location, String sku, String quantity) {
        return new PosInventory("square", location, "VAR1", "ITEM1", sku, "Latte, Large", new BigDecimal(quantity),
                PosInventory.IN_STOCK, "2026-03-02T14:05:40Z").toData();
    }

    private static CompiledMapping compiled(Map<String, Object> pairs) throws IOException {
        MappingCompiler.Compilation compilation = MappingCompiler.compile(mapping(pairs));
        assertThat(compilation.errors()).isEmpty();
        return compilation.mapping();
    }

    @Test
    void the_template_reads_pos_inventory_into_shopify_levels_by_sku_in_shadow_every_quarter_hour() throws Exception {
        JsonNode t = template();

        assertThat(t.path("id").asText()).isEqualTo("pos-inventory-to-shopify");
        assertThat(t.path("version").asInt()).isEqualTo(1);
        assertThat(t.path("name").asText()).isEqualTo("POS inventory -> Shopify inventory levels");
        assertThat(t.path("description").asText()).isNotBlank();
        assertThat(t.path("source").path("kind").asText()).isEqualTo("pos");
        assertThat(t.path("target").path("connectors")).extracting(JsonNode::asText).containsExactly("shopify");
        assertThat(t.path("integrations")).hasSize(1);
        JsonNode integration = t.path("integrations").get(0);
        assertThat(integration.path("key").asText()).isEqualTo("inventory");
        assertThat(integration.path("name").asText()).isNotBlank();
        assertThat(integration.path("sourceStream").asText()).isEqualTo(PosStreams.INVENTORY);
        assertThat(integration.path("targetObject").asText()).isEqualTo("inventory_levels.set_by_sku");
        assertThat(integration.path("mode").asText()).isEqualTo("shadow");
        assertThat(CronExpression.isValidExpression(integration.path("schedule").path("cron").asText())).isTrue();
        assertThat(integration.path("mapping").path("valueMaps").path("locations").path("entries")).isEmpty();
        assertThat(integration.path("mapping").path("valueMaps").path("locations").path("unmapped").asText())
                .isEqualTo("hold");
    }

    @Test
    void a_level_at_a_paired_location_becomes_its_sku_the_shopify_location_and_the_exact_quantity() throws Exception {
        RecordOutcome outcome = compiled(Map.of("L1", "487838322")).map(level("L1", " FLA-2041-R ", "22"));

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.outputs()).singleElement().isEqualTo(Map.of("sku", "FLA-2041-R", "location_id", "487838322",
                "available", new BigDecimal("22")));
    }

    @Test
    void a_fractional_quantity_is_passed_on_unrounded_for_the_target_to_judge() throws Exception {
        RecordOutcome outcome = compiled(Map.of("L1", "487838322")).map(level("L1", "COF-1", "0.750"));

        assertThat(outcome.outputs()).singleElement()
                .satisfies(row -> assertThat(row.get("available")).isEqualTo(new BigDecimal("0.750")));
    }

    @Test
    void a_level_at_a_location_without_a_pair_is_held_naming_the_location() throws Exception {
        RecordOutcome outcome = compiled(Map.of("L1", "487838322")).map(level("L2", "FLA-2041-R", "5"));

        assertThat(outcome.outputs()).isEmpty();
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.category()).isEqualTo(FieldError.Category.UNMAPPED_VALUE);
            assertThat(e.path()).isEqualTo("location_id");
            assertThat(e.value()).isEqualTo("L2");
            assertThat(e.message()).contains("'L2'").contains("'locations'");
        });
        assertThat(compiled(Map.of()).map(level("L1", "FLA-2041-R", "5")).errors())
                .as("as installed, with no pairs, every location waits").singleElement()
                .satisfies(e -> assertThat(e.value()).isEqualTo("L1"));
    }

    @Test
    void a_level_without_a_sku_is_left_out_without_an_error() throws Exception {
        CompiledMapping mapping = compiled(Map.of("L1", "487838322"));
        Map<String, Object> empty = new java.util.LinkedHashMap<>(level("L1", "X", "5"));
        empty.put("sku", "");

        for (Map<String, Object> record : java.util.List.of(level("L1", null, "5"), empty)) {
            RecordOutcome outcome = mapping.map(record);
            assertThat(outcome.outputs()).as("sku %s", record.get("sku")).isEmpty();
            assertThat(outcome.errors()).as("sku %s", record.get("sku")).isEmpty();
        }
    }
}
