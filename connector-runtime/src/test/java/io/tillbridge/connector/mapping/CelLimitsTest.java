package io.tillbridge.connector.mapping;

import static io.tillbridge.connector.mapping.Specs.compile;
import static io.tillbridge.connector.mapping.Specs.only;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounds on what one evaluation may build: strings, lists, values and a record's outputs (DD-018). */
class CelLimitsTest {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void a_string_doubling_in_a_comprehension_is_a_record_error_within_a_few_megabytes() {
        // Thirty chained maps double a 1,000-character string thirty times: a terabyte unbounded.
        String doubling = "[record.s]" + ".map(x, x + x)".repeat(30) + "[0]";
        CompiledMapping m = compile("{'fields': [{'target': 'x', 'expression': '" + doubling + "'}]}");
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        RecordOutcome outcome = m.map(Specs.map("s", "a".repeat(1_000)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        System.out.printf("cel limits: doubling stopped after %d ms, %.1f MiB allocated%n", took.toMillis(),
                bytes / 1048576.0);
        assertThat(outcome.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("x");
            assertThat(e.message()).contains("exceeded its limit").contains("string of " + CelExpression.MAX_STRING);
        });
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(bytes).as("bytes allocated by the evaluation").isLessThan(64L << 20);
    }

    @Test
    void a_long_chain_of_concatenations_without_loops_is_stopped_as_it_grows() {
        // Not a comprehension, and not the fast path (size() is a call it does not know).
        String chain = "(" + String.join(" + ", Collections.nCopies(200, "record.s")) + ").size()";
        CompiledMapping m = compile("{'fields': [{'target': 'x', 'expression': '" + chain + "'}]}");
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        RecordOutcome outcome = m.map(Specs.map("s", "b".repeat(100_000)));
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        assertThat(outcome.errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("string of " + CelExpression.MAX_STRING));
        // Unbounded, the chain builds 200 strings of up to 20 MB: some 2 GB.
        assertThat(bytes).as("bytes allocated by the evaluation").isLessThan(64L << 20);
    }

    @Test
    void the_fast_path_stops_a_concatenation_at_the_same_bound_with_the_same_error() {
        Map<String, Object> record = Specs.map("s", "c".repeat(CelExpression.MAX_STRING / 2 + 1));
        // record.s + record.s is evaluated by the fast path; the size() call sends the same + through CEL.
        RecordOutcome fast = compile("{'fields': [{'target': 'x', 'expression': 'record.s + record.s'}]}").map(record);
        RecordOutcome cel = compile("{'fields': [{'target': 'x', 'expression': '(record.s + record.s).size()'}]}")
                .map(record);
        assertThat(fast.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .isEqualTo("expression exceeded its limit of a string of " + CelExpression.MAX_STRING + " characters"));
        assertThat(cel.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .isEqualTo(fast.errors().get(0).message()));
        // At the bound CEL answers; the fast path answers just under it (a record's outputs weigh at most 1 MiB).
        Map<String, Object> fits = Specs.map("s", "c".repeat(CelExpression.MAX_STRING / 2));
        assertThat(only(compile("{'fields': [{'target': 'x', 'expression': '(record.s + record.s).size()'}]}")
                .map(fits))).containsEntry("x", BigDecimal.valueOf(CelExpression.MAX_STRING));
        Map<String, Object> under = Specs.map("s", "c".repeat(CelExpression.MAX_STRING / 2 - 1_000));
        assertThat(only(compile("{'fields': [{'target': 'x', 'expression': 'record.s + record.s'}]}").map(under))
                .get("x")).asString().hasSize(CelExpression.MAX_STRING - 2_000);
    }

    @Test
    void a_list_nesting_one_list_many_times_is_stopped_before_it_is_copied() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            many.add(BigDecimal.valueOf(i));
        }
        // 200 references to one list: little memory, but copied into the value model 4 million elements.
        String nested = "[" + String.join(", ", Collections.nCopies(200, "record.xs")) + "]";
        long allocated = THREADS.getCurrentThreadAllocatedBytes();
        RecordOutcome outcome = compile("{'fields': [{'target': 'x', 'expression': '" + nested + "'}]}")
                .map(Specs.map("xs", many));
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - allocated;
        assertThat(outcome.errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("exceeded its limit").contains("MiB in its result"));
        assertThat(bytes).as("bytes allocated by the evaluation").isLessThan(64L << 20);
    }

    @Test
    void strings_built_again_and_again_are_stopped_by_the_characters_built() {
        // Each term builds a string just under the string bound; twenty of them build 20 million characters.
        String terms = String.join(" + ", Collections.nCopies(20, "(record.s + record.s).size()"));
        RecordOutcome outcome = compile("{'fields': [{'target': 'x', 'expression': '" + terms + "'}]}")
                .map(Specs.map("s", "d".repeat(CelExpression.MAX_STRING / 2 - 10)));
        assertThat(outcome.errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("exceeded its limit").contains("characters of strings built"));
    }

    @Test
    void ordinary_comprehensions_and_concatenations_still_answer() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            items.add(Specs.map("name", "item-" + i, "qty", BigDecimal.ONE));
        }
        Map<String, Object> out = only(compile("{'fields': [{'target': 'names', 'expression':"
                + " 'record.items.map(i, i.name + \\':\\' + string(i.qty)).size()'},"
                + " {'target': 'label', 'expression': 'record.first + \\' \\' + record.last'}]}")
                .map(Specs.map("items", items, "first", "Ada", "last", "Lovelace")));
        assertThat(out).containsEntry("names", BigDecimal.valueOf(20)).containsEntry("label", "Ada Lovelace");
    }

    @Test
    void a_record_whose_outputs_weigh_more_than_a_mebibyte_is_a_record_error() {
        List<Object> lines = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            lines.add(Specs.map("note", "n".repeat(1_000)));
        }
        CompiledMapping m = compile("{'steps': [{'flatten': {'path': 'lines', 'as': 'l'}}],"
                + " 'fields': [{'target': 'note', 'source': 'l.note'}]}");
        RecordOutcome outcome = m.map(Specs.map("lines", lines));
        assertThat(outcome.outputs()).isEmpty();
        assertThat(outcome.errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("the mapped record is larger than 1 MiB"));
        // Half as many lines fit.
        assertThat(m.map(Specs.map("lines", lines.subList(0, 900))).outputs()).hasSize(900);
    }
}
