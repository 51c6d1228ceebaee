package io.tillbridge.connector.mapping;

import static io.tillbridge.connector.mapping.Specs.compile;
import static io.tillbridge.connector.mapping.Specs.only;
import static io.tillbridge.connector.mapping.Specs.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldRulesTest {

    @Test
    void copy_keeps_the_value_and_rename_writes_a_nested_target() {
        Map<String, Object> out = only(compile("{'fields': [{'target': 'id', 'source': 'id'},"
                + "{'target': 'amount.value', 'source': 'total.amount'}]}").map(record("{'id': 'o1', 'total': {'amount': 1050}}")));
        assertThat(out).containsEntry("id", "o1");
        assertThat(out.get("amount")).isEqualTo(Map.of("value", new BigDecimal("1050")));
    }

    @Test
    void constant_ignores_the_record() {
        assertThat(only(compile("{'fields': [{'target': 'src', 'constant': 'square'}]}").map(record("{}"))))
                .containsEntry("src", "square");
    }

    @Test
    void default_fills_null_missing_and_blank_values() {
        CompiledMapping m = compile("{'fields': [{'target': 'note', 'source': 'note', 'default': 'none'}]}");
        assertThat(only(m.map(record("{}")))).containsEntry("note", "none");
        assertThat(only(m.map(record("{'note': null}")))).containsEntry("note", "none");
        assertThat(only(m.map(record("{'note': '  '}")))).containsEntry("note", "none");
        assertThat(only(m.map(record("{'note': 'x'}")))).containsEntry("note", "x");
    }

    @Test
    void a_missing_required_value_holds_the_record_with_an_error_naming_the_field() {
        RecordOutcome outcome = compile("{'fields': [{'target': 'order_id', 'source': 'id', 'required': true}]}").map(record("{}"));
        assertThat(outcome.outputs()).isEmpty();
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("order_id");
            assertThat(e.category()).isEqualTo(FieldError.Category.VALUE);
            assertThat(e.hint()).isNotBlank();
        });
    }

    @Test
    void casts_convert_between_the_value_types() {
        CompiledMapping m = compile("{'fields': ["
                + "{'target': 's', 'source': 'n', 'type': 'string'},"
                + "{'target': 'i', 'source': 'qty', 'type': 'integer'},"
                + "{'target': 'd', 'source': 'price', 'type': 'decimal'},"
                + "{'target': 'b', 'source': 'flag', 'type': 'boolean'},"
                + "{'target': 'day', 'source': 'at', 'type': 'date'},"
                + "{'target': 'ts', 'source': 'at', 'type': 'date-time'}]}");
        Map<String, Object> out = only(m.map(record(
                "{'n': 12.50, 'qty': '3', 'price': '9.99', 'flag': 'yes', 'at': '2026-11-27T01:30:00+01:00'}")));
        assertThat(out).containsEntry("s", "12.50").containsEntry("i", new BigDecimal("3"))
                .containsEntry("d", new BigDecimal("9.99")).containsEntry("b", true)
                .containsEntry("day", "2026-11-27").containsEntry("ts", "2026-11-27T01:30:00+01:00");
    }

    @Test
    void a_failed_cast_is_a_value_error_with_the_value() {
        RecordOutcome outcome = compile("{'fields': [{'target': 'i', 'source': 'qty', 'type': 'integer'}]}")
                .map(record("{'qty': '2.5'}"));
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("i");
            assertThat(e.value()).isEqualTo("2.5");
        });
    }

    @Test
    void trim_and_case_normalise_text() {
        assertThat(only(compile("{'fields': [{'target': 'state', 'source': 'state', 'trim': true, 'case': 'lower'}]}")
                .map(record("{'state': '  COMPLETED '}")))).containsEntry("state", "completed");
    }

    @Test
    void concatenate_joins_present_values_and_split_takes_one_part() {
        CompiledMapping m = compile("{'fields': ["
                + "{'target': 'name', 'sources': ['given', 'family'], 'separator': ' '},"
                + "{'target': 'first', 'source': 'full', 'split': {'separator': ' ', 'index': 0}},"
                + "{'target': 'third', 'source': 'full', 'split': {'separator': ' ', 'index': 2}}]}");
        assertThat(only(m.map(record("{'given': 'Ada', 'family': 'Lovelace', 'full': 'Ada Lovelace'}"))))
                .containsEntry("name", "Ada Lovelace").containsEntry("first", "Ada").containsEntry("third", null);
    }

    @Test
    void array_indexes_read_elements() {
        assertThat(only(compile("{'fields': [{'target': 't', 'source': 'tenders[1].type'}]}")
                .map(record("{'tenders': [{'type': 'CARD'}, {'type': 'CASH'}]}")))).containsEntry("t", "CASH");
    }

    @Test
    void date_time_rule_re_zones_an_instant() {
        assertThat(only(compile("{'fields': [{'target': 'local', 'source': 'at', 'dateTime': {'zone': 'Europe/Berlin'}}]}")
                .map(record("{'at': '2026-07-01T10:00:00Z'}")))).containsEntry("local", "2026-07-01T12:00:00+02:00");
    }

    @Test
    void every_failing_field_is_reported_not_only_the_first() {
        RecordOutcome outcome = compile("{'fields': [{'target': 'a', 'source': 'a', 'required': true},"
                + "{'target': 'b', 'source': 'b', 'type': 'integer'}]}").map(record("{'b': 'x'}"));
        assertThat(outcome.errors()).extracting(FieldError::path).containsExactly("a", "b");
    }
}
