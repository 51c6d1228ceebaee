package io.tillbridge.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.ConnectorRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The template files: every shipped one loads and passes every check against the connectors
 * installed on this build, and a broken one is refused with every problem named by file and path,
 * without taking the others with it.
 */
class TemplateCatalogTest {

    private static final ConnectorRegistry CONNECTORS = ConnectorRegistry.load();

    /** A valid template; the cases below change one thing in it. */
    private static final String VALID = """
            {"id": "sample-orders", "version": 2, "name": "Sample", "description": "Orders somewhere.",
             "source": {"kind": "pos"}, "target": {"connectors": ["postgres-warehouse"]},
             "targetConfig": {"schema": "sales"},
             "integrations": [{"key": "orders", "name": "Orders", "sourceStream": "pos.orders",
               "targetObject": "orders", "mapping": {"fields": [{"target": "id", "source": "id"}]},
               "schedule": {"cron": "0 0/15 * * * ?"}, "mode": "live"}]}
            """;

    @Test
    void every_shipped_template_loads_and_passes_every_check() {
        TemplateCatalog catalog = new TemplateCatalog(CONNECTORS);

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.list()).extracting(Template::id).contains(ShippedTemplates.WAREHOUSE,
                ShippedTemplates.DAILY_SALES, ShippedTemplates.REFUNDS_AND_VOIDS, "pos-inventory-to-shopify");
        assertThat(catalog.list()).allSatisfy(t -> {
            assertThat(t.source().connectors()).as(t.id()).contains("square", "shopify", "clover");
            assertThat(t.integrations()).as(t.id()).isNotEmpty();
        });
    }

    @Test
    void the_warehouse_template_reads_orders_twice_and_writes_the_warehouse() {
        Template template = new TemplateCatalog(CONNECTORS).find(ShippedTemplates.WAREHOUSE).orElseThrow();

        assertThat(template.version()).isEqualTo(1);
        assertThat(template.source().kind()).isEqualTo("pos");
        assertThat(template.source().streams()).containsExactly("pos.orders");
        assertThat(template.target().connectors()).containsExactly("postgres-warehouse");
        assertThat(template.integrations()).extracting(Template.Integration::key, Template.Integration::targetObject,
                Template.Integration::mode).containsExactly(org.assertj.core.groups.Tuple.tuple("orders", "pos_orders",
                "shadow"), org.assertj.core.groups.Tuple.tuple("lines", "pos_order_lines", "shadow"));
        assertThat(template.integrations().get(0).schedule().cron()).isEqualTo("0 0/15 * * * ?");
        assertThat(template.integrations().get(1).mapping()).containsKey("steps");
    }

    @Test
    void the_spreadsheet_templates_suggest_one_file_per_business_day() {
        TemplateCatalog catalog = new TemplateCatalog(CONNECTORS);

        for (String id : List.of(ShippedTemplates.DAILY_SALES, ShippedTemplates.REFUNDS_AND_VOIDS)) {
            Template template = catalog.find(id).orElseThrow();
            assertThat(template.target().connectors()).as(id).containsExactly("spreadsheet-target");
            assertThat(template.targetConfig()).as(id).containsEntry("split", "per_business_day");
        }
        assertThat(catalog.find(ShippedTemplates.REFUNDS_AND_VOIDS).orElseThrow().source().streams())
                .containsExactlyInAnyOrder("pos.refunds", "pos.orders");
    }

    @Test
    void a_valid_template_is_offered_with_its_defaults_filled_in() {
        TemplateCatalog catalog = catalog(VALID);

        assertThat(catalog.problems()).isEmpty();
        Template template = catalog.find("sample-orders").orElseThrow();
        assertThat(template.version()).isEqualTo(2);
        assertThat(template.targetConfig()).containsEntry("schema", "sales");
        assertThat(template.integrations().get(0).mode()).isEqualTo("live");
    }

    @Test
    void a_mode_left_out_is_shadow_and_a_schedule_left_out_is_none() {
        Template template = catalog(VALID.replace("\"schedule\": {\"cron\": \"0 0/15 * * * ?\"}, \"mode\": \"live\"",
                "\"schedule\": null")).find("sample-orders").orElseThrow();

        assertThat(template.integrations().get(0).mode()).isEqualTo("shadow");
        assertThat(template.integrations().get(0).schedule()).isNull();
    }

    @Test
    void an_unknown_target_connector_is_refused_naming_the_file_and_path() {
        assertRefused(VALID.replace("[\"postgres-warehouse\"]", "[\"postgres-warehous\"]"),
                "templates/sample-orders.json: target.connectors[0]: no installed connector has the id 'postgres-warehous'");
    }

    @Test
    void a_source_connector_as_the_target_is_refused() {
        assertRefused(VALID.replace("[\"postgres-warehouse\"]", "[\"http-json\"]").replace(
                "\"targetConfig\": {\"schema\": \"sales\"},", ""), "target.connectors[0]: the connector 'http-json' cannot be a target");
    }

    @Test
    void a_mapping_that_does_not_compile_is_refused_naming_its_path() {
        assertRefused(VALID.replace("\"source\": \"id\"}", "\"expression\": \"record.id +\"}"),
                "integrations[0].mapping.id: the expression does not compile");
    }

    @Test
    void a_mapping_reading_a_field_the_canonical_stream_does_not_have_is_refused() {
        assertRefused(VALID.replace("\"source\": \"id\"}", "\"source\": \"totalz.total\"}"),
                "integrations[0].mapping.id: ");
    }

    @Test
    void a_mapping_that_fails_on_the_canonical_sample_records_is_refused() {
        assertRefused(VALID.replace("\"source\": \"id\"}", "\"source\": \"state\", \"type\": \"boolean\"}"),
                "sample record 1");
    }

    @Test
    void a_value_map_left_for_the_merchant_to_fill_in_is_not_a_problem() {
        TemplateCatalog catalog = catalog(VALID.replace("\"mapping\": {\"fields\": [{\"target\": \"id\", \"source\": \"id\"}]}",
                "\"mapping\": {\"fields\": [{\"target\": \"id\", \"source\": \"id\"}, {\"target\": \"store\","
                        + " \"source\": \"location_id\", \"valueMap\": \"stores\"}], \"valueMaps\": {\"stores\":"
                        + " {\"entries\": {}}}}"));

        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.find("sample-orders")).isPresent();
    }

    @Test
    void a_mapping_member_the_engine_does_not_know_is_refused() {
        assertRefused(VALID.replace("\"source\": \"id\"}", "\"source\": \"id\", \"sauce\": 1}"),
                "integrations[0].mapping");
    }

    @Test
    void a_member_the_format_does_not_have_is_refused_rather_than_ignored() {
        assertRefused(VALID.replace("\"mode\": \"live\"", "\"mode\": \"live\", \"shedule\": {}"),
                "integrations[0].shedule: is not a member of a template here");
    }

    @Test
    void an_id_that_is_not_the_files_name_or_not_lower_case_with_dashes_is_refused() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("other-name.json", VALID);
        files.put("Sample_Orders.json", VALID.replace("\"sample-orders\"", "\"Sample_Orders\""));
        TemplateCatalog catalog = new TemplateCatalog(files, CONNECTORS);

        assertThat(catalog.list()).isEmpty();
        assertThat(catalog.problems()).anySatisfy(p -> assertThat(p).startsWith("templates/other-name.json: id:")
                .contains("name the file sample-orders.json"));
        assertThat(catalog.problems()).anySatisfy(p -> assertThat(p).startsWith("templates/Sample_Orders.json: id:")
                .contains("not lower case letters and digits joined by dashes"));
    }

    @Test
    void a_version_below_one_is_refused() {
        assertRefused(VALID.replace("\"version\": 2", "\"version\": 0"), "version: must be a whole number from 1 up");
    }

    @Test
    void a_stream_that_is_not_canonical_is_refused() {
        assertRefused(VALID.replace("\"pos.orders\"", "\"orders\""),
                "integrations[0].sourceStream: 'orders' is not a canonical POS stream");
    }

    @Test
    void a_source_kind_other_than_pos_is_refused() {
        assertRefused(VALID.replace("\"kind\": \"pos\"", "\"kind\": \"ecommerce\""), "source.kind: 'ecommerce'");
    }

    @Test
    void a_cron_that_is_not_a_quartz_expression_is_refused() {
        assertRefused(VALID.replace("0 0/15 * * * ?", "*/15 * * * *"), "integrations[0].schedule.cron: is not a Quartz cron");
    }

    @Test
    void two_integrations_with_one_key_are_refused() {
        String twice = VALID.replace("\"mode\": \"live\"}]}", "\"mode\": \"live\"}, {\"key\": \"orders\", \"name\": \"Again\","
                + " \"sourceStream\": \"pos.orders\", \"targetObject\": \"again\", \"mapping\": {\"fields\":"
                + " [{\"target\": \"id\", \"source\": \"id\"}]}}]}");
        assertRefused(twice, "integrations[1].key: 'orders' is the key of an earlier integration");
    }

    @Test
    void a_target_config_naming_a_secret_or_an_unknown_setting_is_refused() {
        assertRefused(VALID.replace("{\"schema\": \"sales\"}", "{\"password\": \"hunter2\"}"),
                "targetConfig.password: is a secret of 'postgres-warehouse'");
        assertRefused(VALID.replace("{\"schema\": \"sales\"}", "{\"colour\": \"blue\"}"),
                "targetConfig.colour: the connector 'postgres-warehouse' has no such setting");
    }

    @Test
    void text_that_is_not_json_is_refused() {
        assertRefused("{\"id\": ", "templates/sample-orders.json: not valid JSON");
    }

    @Test
    void a_refused_file_leaves_the_others_offered() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("broken.json", "[]");
        files.put("sample-orders.json", VALID);

        TemplateCatalog catalog = new TemplateCatalog(files, CONNECTORS);

        assertThat(catalog.list()).extracting(Template::id).containsExactly("sample-orders");
        assertThat(catalog.problems()).containsExactly("templates/broken.json: a template is a JSON object");
    }

    private static TemplateCatalog catalog(String json) {
        return new TemplateCatalog(Map.of("sample-orders.json", json), CONNECTORS);
    }

    private static void assertRefused(String json, String problem) {
        TemplateCatalog catalog = catalog(json);
        assertThat(catalog.list()).as("nothing offered").isEmpty();
        assertThat(catalog.problems()).as(catalog.problems().toString()).anySatisfy(p -> assertThat(p).contains(problem));
    }
}
