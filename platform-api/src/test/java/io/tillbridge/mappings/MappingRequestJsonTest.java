package io.tillbridge.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.spi.FieldDescriptor.FieldType;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The API's JSON of the mapping requests read into their typed records, and the records' own checks. */
class MappingRequestJsonTest {

    @Test
    void a_spec_binds_to_the_engines_spec_with_exact_numbers() {
        MappingSpec spec = MappingRequestJson.spec("{\"fields\":[{\"target\":\"fee\",\"constant\":0.10}],"
                + "\"rates\":{\"EUR\":{\"USD\":1.0812345678901234567}}}");
        assertThat(spec.fields().get(0).constant()).isEqualTo(new BigDecimal("0.10"));
        assertThat(spec.rates().get("EUR").get("USD")).isEqualTo(new BigDecimal("1.0812345678901234567"));
    }

    @Test
    void an_unknown_spec_property_answers_422_naming_its_path() {
        assertThatThrownBy(() -> MappingRequestJson.spec("{\"fields\":[{\"target\":\"a\",\"sorce\":\"id\"}]}"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.UNPROCESSABLE);
                    assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactly("fields[0].sorce");
                });
    }

    @Test
    void a_preview_binds_its_records_in_the_record_value_model_and_ignores_unknown_members() {
        MappingPreviewRequest request = MappingRequestJson.preview(
                "{\"version\":2,\"records\":[{\"n\":1,\"nested\":{\"xs\":[1.5]}}],\"comment\":\"ignored\"}");
        assertThat(request.spec()).isNull();
        assertThat(request.version()).isEqualTo(2);
        assertThat(request.records()).containsExactly(Map.of("n", new BigDecimal("1"),
                "nested", Map.of("xs", List.of(new BigDecimal("1.5")))));
    }

    @Test
    void a_preview_spec_takes_precedence_and_its_errors_name_paths_inside_the_spec() {
        MappingPreviewRequest request = MappingRequestJson.preview("{\"spec\":{\"fields\":[]},\"version\":\"x\"}");
        assertThat(request.spec()).isNotNull();
        assertThat(request.version()).isNull();
        assertThatThrownBy(() -> MappingRequestJson.preview("{\"spec\":{\"fields\":[{\"target\":\"a\",\"sorce\":\"id\"}]}}"))
                .isInstanceOfSatisfying(InvalidMappingException.class, e -> assertThat(e.errors())
                        .extracting(Problem.FieldError::field).containsExactly("fields[0].sorce"));
    }

    @Test
    void a_version_that_is_not_a_positive_integer_answers_400_naming_version() {
        assertRefused(() -> MappingRequestJson.preview("{\"version\":\"one\"}"), "version");
        assertRefused(() -> MappingRequestJson.preview("{\"version\":0}"), "version");
        assertRefused(() -> new MappingPreviewRequest(null, 0, null), "version");
    }

    @Test
    void more_than_100_records_answer_400_naming_records_as_json_or_typed() {
        String many = String.join(",", Collections.nCopies(101, "{}"));
        assertRefused(() -> MappingRequestJson.preview("{\"records\":[" + many + "]}"), "records");
        assertRefused(() -> new MappingPreviewRequest(null, null, Collections.nCopies(101, Map.of())), "records");
        assertThat(new MappingPreviewRequest(null, null, Collections.nCopies(100, Map.of())).records()).hasSize(100);
    }

    @Test
    void records_that_are_not_an_array_of_objects_answer_400_naming_the_member() {
        assertRefused(() -> MappingRequestJson.preview("{\"records\":{\"id\":1}}"), "records");
        assertRefused(() -> MappingRequestJson.preview("{\"records\":[{},[]]}"), "records[1]");
    }

    @Test
    void a_body_that_is_not_a_json_object_answers_400_and_a_blank_one_is_empty() {
        assertThatThrownBy(() -> MappingRequestJson.preview("{\"records\": ["))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_JSON));
        assertThatThrownBy(() -> MappingRequestJson.suggestion("[1]"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED));
        assertThat(MappingRequestJson.preview(" ")).isEqualTo(MappingPreviewRequest.pinned());
        assertThat(MappingRequestJson.suggestion("")).isEqualTo(FieldSuggestionRequest.discovered());
    }

    @Test
    void a_suggestion_binds_typed_fields_with_lenient_types() {
        FieldSuggestionRequest request = MappingRequestJson.suggestion("{\"source\":[{\"name\":\"item_code\",\"type\":\"String\"}],"
                + "\"target\":[{\"name\":\"sku\",\"type\":\"money\",\"required\":true}]}");
        assertThat(request.source()).containsExactly(new FieldSuggestionRequest.Field("item_code", FieldType.STRING, false));
        assertThat(request.target()).containsExactly(new FieldSuggestionRequest.Field("sku", FieldType.UNKNOWN, true));
    }

    @Test
    void a_suggestion_field_without_a_name_answers_400_naming_it_as_json_or_typed() {
        assertRefused(() -> MappingRequestJson.suggestion("{\"target\":[{\"name\":\"a\"},{\"name\":\" \"}]}"), "target[1].name");
        assertRefused(() -> MappingRequestJson.suggestion("{\"source\":[{\"name\":7}]}"), "source[0].name");
        assertRefused(() -> MappingRequestJson.suggestion("{\"source\":{\"name\":\"a\"}}"), "source");
        assertRefused(() -> new FieldSuggestionRequest(List.of(new FieldSuggestionRequest.Field("", null, false)), null),
                "source[0].name");
    }

    private static void assertRefused(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED);
            assertThat(e.errors()).extracting(Problem.FieldError::field).containsExactly(field);
        });
    }
}
