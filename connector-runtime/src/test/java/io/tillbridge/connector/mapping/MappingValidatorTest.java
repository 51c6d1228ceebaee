package io.tillbridge.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingValidatorTest {

    private static FieldDescriptor field(String name, FieldType type, boolean nullable, Object... samples) {
        return new FieldDescriptor(name, type, nullable, Arrays.asList(samples));
    }

    private static final StreamDescriptor ORDERS = new StreamDescriptor("orders", List.of(
            field("id", FieldType.STRING, false, "o1", "o2"),
            field("state", FieldType.STRING, false, "COMPLETED", "OPEN"),
            field("total_money", FieldType.OBJECT, false),
            field("total_money.amount", FieldType.NUMBER, false, new BigDecimal("1050"), new BigDecimal("99")),
            field("total_money.currency", FieldType.STRING, false, "USD", "USD"),
            field("tender_type", FieldType.STRING, false, "CARD", "GIFT_CARD")), "id", "updated_at");

    private static final StreamDescriptor JOURNAL = new StreamDescriptor("sales", List.of(
            field("order_id", FieldType.STRING, false),
            field("amount", FieldType.NUMBER, false),
            field("account", FieldType.STRING, true),
            field("memo", FieldType.STRING, true)), "order_id", "");

    @Test
    void a_valid_mapping_has_no_errors() {
        MappingSpec spec = Specs.spec("{'fields': [{'target': 'order_id', 'source': 'id'},"
                + "{'target': 'amount', 'source': 'total_money.amount', 'money': {'from': 'minor', 'to': 'decimal', 'currencySource': 'total_money.currency'}}]}");
        assertThat(MappingValidator.validate(spec, ORDERS, JOURNAL, MappingValidator.sampleRecords(ORDERS))).isEmpty();
    }

    @Test
    void a_required_target_field_that_nothing_maps_is_named_with_a_suggested_source() {
        MappingSpec spec = Specs.spec("{'fields': [{'target': 'order_id', 'source': 'id'}]}");
        assertThat(MappingValidator.validate(spec, ORDERS, JOURNAL, List.of())).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("amount");
            assertThat(e.category()).isEqualTo(FieldError.Category.MAPPING);
            assertThat(e.hint()).contains("total_money.amount");
        });
    }

    @Test
    void a_type_that_does_not_fit_the_target_says_which_cast_to_add() {
        MappingSpec spec = Specs.spec("{'fields': [{'target': 'order_id', 'source': 'id'}, {'target': 'amount', 'source': 'state'}]}");
        assertThat(MappingValidator.validate(spec, ORDERS, JOURNAL, List.of())).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("amount");
            assertThat(e.hint()).contains("\"type\": \"decimal\"");
        });
    }

    @Test
    void an_object_into_a_scalar_field_is_refused() {
        MappingSpec spec = Specs.spec("{'fields': [{'target': 'order_id', 'source': 'id'}, {'target': 'amount', 'source': 'total_money'}]}");
        assertThat(MappingValidator.validate(spec, ORDERS, JOURNAL, List.of())).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("object or array"));
    }

    @Test
    void a_field_the_target_does_not_have_is_refused_unless_the_target_takes_new_fields() {
        MappingSpec spec = Specs.spec("{'fields': [{'target': 'order_id', 'source': 'id'}, {'target': 'amount', 'constant': 1},"
                + "{'target': 'acount', 'source': 'tender_type'}]}");
        assertThat(MappingValidator.validate(spec, ORDERS, JOURNAL, List.of())).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("acount");
            assertThat(e.message()).isEqualTo("the target has no field 'acount'");
            assertThat(e.hint()).contains("'account'");
        });

        // A warehouse table adds a column for a field it does not have yet.
        StreamDescriptor table = new StreamDescriptor(JOURNAL.name(), JOURNAL.fields(), JOURNAL.keyField(), "", true);
        assertThat(MappingValidator.validate(spec, ORDERS, table, List.of())).isEmpty();
    }

    @Test
    void a_source_path_the_source_does_not_have_gets_a_did_you_mean() {
        MappingSpec spec = Specs.spec("{'fields': [{'target': 'order_id', 'source': 'idd'}, {'target': 'amount', 'constant': 1}]}");
        assertThat(MappingValidator.validate(spec, ORDERS, JOURNAL, List.of())).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("order_id");
            assertThat(e.hint()).contains("'id'");
        });
    }

    @Test
    void the_dry_run_over_samples_finds_unmapped_values() {
        MappingSpec spec = Specs.spec("{'valueMaps': {'ledger': {'entries': {'CARD': '1200'}}},"
                + "'fields': [{'target': 'order_id', 'source': 'id'}, {'target': 'amount', 'constant': 1},"
                + "{'target': 'account', 'source': 'tender_type', 'valueMap': 'ledger'}]}");
        assertThat(MappingValidator.validate(spec, ORDERS, JOURNAL, MappingValidator.sampleRecords(ORDERS))).singleElement()
                .satisfies(e -> {
                    assertThat(e.category()).isEqualTo(FieldError.Category.UNMAPPED_VALUE);
                    assertThat(e.value()).isEqualTo("GIFT_CARD");
                    assertThat(e.message()).startsWith("sample record 2");
                });
    }

    @Test
    void compile_errors_come_first_and_name_the_spec_path() {
        MappingSpec spec = Specs.spec("{'steps': [{}], 'fields': [{'target': 'a', 'source': 'x', 'type': 'money'}]}");
        assertThat(MappingValidator.validate(spec, ORDERS, JOURNAL, List.of())).extracting(FieldError::path)
                .containsExactly("steps[0]", "a");
    }

    @Test
    void sample_records_are_rebuilt_from_discovered_samples_with_nesting() {
        assertThat(MappingValidator.sampleRecords(ORDERS)).hasSize(2).first().satisfies(r -> {
            assertThat(r.get("id")).isEqualTo("o1");
            assertThat(r.get("total_money")).isEqualTo(java.util.Map.of("amount", new BigDecimal("1050"), "currency", "USD"));
        });
    }
}
