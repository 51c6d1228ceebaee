package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SquareApiSpecTest {

    @Test
    void the_spec_check_rejects_a_field_the_schema_does_not_declare() {
        assertThatThrownBy(() -> SquareApiSpec.get().assertValid("GET", "/v2/locations", 200,
                SquareClient.json("{\"locations\":[{\"id\":\"L1\",\"time_zone\":\"Europe/London\"}]}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("time_zone");
    }

    @Test
    void the_spec_check_rejects_a_value_of_the_wrong_type() {
        assertThatThrownBy(() -> SquareApiSpec.get().assertValid("POST", "/v2/orders/search", 200,
                SquareClient.json("{\"orders\":[{\"location_id\":\"L1\",\"version\":\"one\"}]}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("version");
    }

    @Test
    void the_spec_check_rejects_an_error_without_a_category() {
        assertThatThrownBy(() -> SquareApiSpec.get().assertValid("GET", "/v2/locations", 401,
                SquareClient.json("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("category");
    }
}
