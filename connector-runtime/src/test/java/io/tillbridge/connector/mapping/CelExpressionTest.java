package io.tillbridge.connector.mapping;

import static io.tillbridge.connector.mapping.Specs.compile;
import static io.tillbridge.connector.mapping.Specs.only;
import static io.tillbridge.connector.mapping.Specs.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CelExpressionTest {

    @Test
    void an_expression_reads_nested_fields_and_arrays_of_the_record() {
        CompiledMapping m = compile("{'fields': [{'target': 'units', 'expression':"
                + "'record.line_items.map(i, int(i.quantity)).exists(q, q > 2) ? \\'bulk\\' : \\'single\\''}]}");
        assertThat(only(m.map(record("{'line_items': [{'quantity': '1'}, {'quantity': '3'}]}")))).containsEntry("units", "bulk");
    }

    @Test
    void whole_numbers_are_ints_and_results_come_back_as_decimals() {
        CompiledMapping m = compile("{'fields': [{'target': 'net', 'expression': 'record.total - record.tax'},"
                + "{'target': 'half', 'expression': 'double(record.total) / 2.0'}]}");
        Map<String, Object> out = only(m.map(record("{'total': 1050, 'tax': 50}")));
        assertThat(out.get("net")).isEqualTo(new BigDecimal("1000"));
        assertThat((BigDecimal) out.get("half")).isEqualByComparingTo("525");
    }

    @Test
    void simple_arithmetic_answers_what_cel_answers_including_its_errors() {
        CompiledMapping m = compile("{'steps': [{'flatten': {'path': 'xs', 'as': 'x'}}], 'fields': ["
                + "{'target': 'net', 'expression': 'x.total.amount - x.tax'},"
                + "{'target': 'twice', 'expression': 'x.tax * 2 + 1'},"
                + "{'target': 'label', 'expression': 'x.name + \\'!\\''}]}");
        assertThat(m.map(record("{'xs': [{'total': {'amount': 1050}, 'tax': 50, 'name': 'a'}]}")).outputs()).containsExactly(
                Map.of("net", new BigDecimal("1000"), "twice", new BigDecimal("101"), "label", "a!"));
        // int and double do not mix in CEL; an overflow and a missing field are errors too.
        assertThat(m.map(record("{'xs': [{'total': {'amount': 10.5}, 'tax': 50, 'name': 'a'}]}")).errors())
                .singleElement().satisfies(e -> assertThat(e.path()).isEqualTo("net"));
        assertThat(m.map(record("{'xs': [{'total': {'amount': 1}, 'tax': 9223372036854775807, 'name': 'a'}]}")).errors())
                .extracting(FieldError::path).containsExactly("twice");
        assertThat(m.map(record("{'xs': [{'total': {}, 'tax': 1, 'name': 'a'}]}")).errors())
                .extracting(FieldError::path).containsExactly("net");
    }

    @Test
    void a_missing_field_is_a_record_error_not_an_exception() {
        RecordOutcome outcome = compile("{'fields': [{'target': 'x', 'expression': 'record.nope + 1'}]}").map(record("{}"));
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("x");
            assertThat(e.message()).startsWith("expression failed");
        });
    }

    @Test
    void has_guards_missing_fields() {
        CompiledMapping m = compile("{'fields': [{'target': 'x', 'expression': 'has(record.note) ? record.note : \\'-\\''}]}");
        assertThat(only(m.map(record("{}")))).containsEntry("x", "-");
    }

    @Test
    void an_expression_that_does_not_compile_names_the_field() {
        MappingCompiler.Compilation c = MappingCompiler.compile(Specs.spec("{'fields': [{'target': 'x', 'expression': 'record.a +'}]}"));
        assertThat(c.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("x");
            assertThat(e.message()).contains("does not compile");
        });
    }

    @Test
    void java_classes_and_unknown_functions_are_not_reachable() {
        assertThat(MappingCompiler.compile(Specs.spec(
                "{'fields': [{'target': 'x', 'expression': 'java.lang.Runtime.getRuntime()'}]}")).ok()).isFalse();
        assertThat(MappingCompiler.compile(Specs.spec(
                "{'fields': [{'target': 'x', 'expression': 'readFile(\\'/etc/passwd\\')'}]}")).ok()).isFalse();
    }

    @Test
    void a_runaway_expression_becomes_a_record_error_and_the_thread_returns() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            many.add(BigDecimal.valueOf(i));
        }
        // 3000^3 iterations unbounded; the step budget stops it.
        CompiledMapping m = compile("{'fields': [{'target': 'x', 'expression':"
                + "'record.xs.all(a, record.xs.all(b, record.xs.all(c, a + b + c >= 0)))'}]}");
        RecordOutcome outcome = m.map(Specs.map("xs", many));
        assertThat(outcome.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("limit"));
    }

    @Test
    void an_expression_doing_too_much_work_per_element_is_stopped_by_its_step_budget() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 9000; i++) {
            many.add(BigDecimal.valueOf(i));
        }
        String body = String.join(" + ", java.util.Collections.nCopies(30, "a"));
        RecordOutcome outcome = compile("{'fields': [{'target': 'x', 'expression': 'record.xs.all(a, " + body + " >= 0)'}]}")
                .map(Specs.map("xs", many));
        assertThat(outcome.errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("limit").contains("evaluation steps"));
    }

    @Test
    void comprehensions_over_too_many_elements_are_stopped() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < CelExpression.MAX_ITERATIONS + 5; i++) {
            many.add(BigDecimal.ONE);
        }
        RecordOutcome outcome = compile("{'fields': [{'target': 'x', 'expression': 'record.xs.map(a, a).size()'}]}")
                .map(Specs.map("xs", many));
        assertThat(outcome.ok()).isFalse();
    }
}
