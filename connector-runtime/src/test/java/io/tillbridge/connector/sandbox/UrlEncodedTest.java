package io.tillbridge.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UrlEncodedTest {

    @Test
    void names_and_values_are_decoded_and_repeated_names_keep_every_value_in_order() {
        Map<String, List<String>> query = UrlEncoded.parse("filter=modifiedTime%3E%3D5&filter=state%3Dopen&q=a+b&flag");
        assertThat(query).containsExactly(Map.entry("filter", List.of("modifiedTime>=5", "state=open")),
                Map.entry("q", List.of("a b")), Map.entry("flag", List.of("")));
    }

    @Test
    void one_value_per_name_is_the_last_and_empty_pairs_are_passed_over() {
        assertThat(UrlEncoded.parseLast("limit=1&&limit=2&cursor=")).containsExactly(Map.entry("limit", "2"),
                Map.entry("cursor", ""));
        assertThat(UrlEncoded.parseLast(null)).isEmpty();
        assertThat(UrlEncoded.parse("")).isEmpty();
    }

    @Test
    void a_malformed_escape_is_refused() {
        assertThatThrownBy(() -> UrlEncoded.parse("a=%zz")).isInstanceOf(IllegalArgumentException.class);
    }
}
