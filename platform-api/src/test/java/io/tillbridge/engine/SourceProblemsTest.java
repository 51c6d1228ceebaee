package io.tillbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.errors.ErrorCategory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The problems a source reports on a record, as the one inbox failure the run engine records. */
class SourceProblemsTest {

    @Test
    void a_record_without_problems_has_no_failure() {
        assertThat(SourceProblems.of(record(Map.of("id", "1")))).isNull();
        assertThat(SourceProblems.of(record(Map.of("id", "1", SourceRecord.PROBLEMS, List.of())))).isNull();
    }

    @Test
    void one_problem_keeps_its_field_message_and_value() {
        RecordMapper.Failure failure = SourceProblems.of(record(Map.of(SourceRecord.PROBLEMS,
                List.of(Map.of("field", "total", "message", "line 4: 'abc' is not a number", "value", "abc")))));
        assertThat(failure.category()).isEqualTo(ErrorCategory.VALUE);
        assertThat(failure.fieldPath()).isEqualTo("total");
        assertThat(failure.message()).isEqualTo("line 4: 'abc' is not a number");
        assertThat(failure.value()).isEqualTo("abc");
        assertThat(failure.hint()).contains("uploaded again");
    }

    @Test
    void several_problems_make_one_failure_naming_each_with_the_first_field_and_value() {
        Map<String, Object> whole = new HashMap<>();
        whole.put("field", null);
        whole.put("message", "line 6: 9 cells, the header has 7");
        whole.put("value", null);
        RecordMapper.Failure failure = SourceProblems.of(record(Map.of(SourceRecord.PROBLEMS, List.of(
                Map.of("field", "date", "message", "line 6: '31/02' is not a date", "value", "31/02"), whole))));
        assertThat(failure.fieldPath()).isEqualTo("date");
        assertThat(failure.value()).isEqualTo("31/02");
        assertThat(failure.message()).isEqualTo("2 problems: date: line 6: '31/02' is not a date;"
                + " line 6: 9 cells, the header has 7");
    }

    @Test
    void problems_of_an_unexpected_shape_still_hold_the_record_with_a_bounded_message() {
        RecordMapper.Failure text = SourceProblems.of(record(Map.of(SourceRecord.PROBLEMS, "line 2 is broken")));
        assertThat(text.message()).isEqualTo("line 2 is broken");
        assertThat(text.fieldPath()).isNull();
        RecordMapper.Failure blank = SourceProblems.of(record(Map.of(SourceRecord.PROBLEMS, List.of(Map.of()))));
        assertThat(blank.message()).isEqualTo("the source could not read this record in full");
        Object[] many = new Object[500];
        Arrays.fill(many, Map.of("field", "f", "message", "line 3: a long explanation of what is wrong here"));
        RecordMapper.Failure bounded = SourceProblems.of(record(Map.of(SourceRecord.PROBLEMS, Arrays.asList(many))));
        assertThat(bounded.message()).hasSize(SourceProblems.MAX_MESSAGE).startsWith("500 problems: ");
    }

    private static SourceRecord record(Map<String, Object> data) {
        return new SourceRecord("rows", "line-1", "", data);
    }
}
