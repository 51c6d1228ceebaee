package io.tillbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.spi.ConfigProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

    enum Method { GET, POST }

    record Auth(@ConfigProperty(title = "User") @NotBlank String user,
                @ConfigProperty(title = "Password", secret = true) @NotBlank String password) {
    }

    record ShopConfig(
            @ConfigProperty(title = "Page size", order = 3, defaultValue = "50") @Min(1) @Max(250) Integer pageSize,
            @ConfigProperty(title = "Shop URL", description = "Where the API lives", order = 1,
                    example = "https://shop.example/api") @NotNull URI url,
            @ConfigProperty(title = "Token", secret = true, order = 2) @NotBlank String token,
            @ConfigProperty(defaultValue = "GET") Method method,
            @Size(max = 10) List<String> locations,
            @Pattern(regexp = "[A-Z]{3}") String currency,
            BigDecimal threshold,
            boolean sandbox,
            Duration timeout,
            Map<String, String> headers,
            Auth auth) {
    }

    private final JsonNode schema = ConfigSchema.of(ShopConfig.class);

    @Test
    void the_schema_declares_draft_2020_12_and_an_object() {
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("type").asText()).isEqualTo("object");
        assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
    }

    @Test
    void properties_follow_the_form_order_then_declaration_order() {
        assertThat(schema.get("properties").fieldNames()).toIterable().containsExactly(
                "url", "token", "pageSize", "method", "locations", "currency", "threshold", "sandbox", "timeout",
                "headers", "auth");
    }

    @Test
    void java_types_become_json_schema_types_and_formats() {
        JsonNode p = schema.get("properties");
        assertThat(p.at("/url/type").asText()).isEqualTo("string");
        assertThat(p.at("/url/format").asText()).isEqualTo("uri");
        assertThat(p.at("/pageSize/type").asText()).isEqualTo("integer");
        assertThat(p.at("/threshold/type").asText()).isEqualTo("number");
        assertThat(p.at("/sandbox/type").asText()).isEqualTo("boolean");
        assertThat(p.at("/timeout/format").asText()).isEqualTo("duration");
        assertThat(p.at("/locations/type").asText()).isEqualTo("array");
        assertThat(p.at("/locations/items/type").asText()).isEqualTo("string");
        assertThat(p.at("/headers/additionalProperties/type").asText()).isEqualTo("string");
    }

    @Test
    void enums_list_their_constants() {
        assertThat(schema.at("/properties/method/enum").toString()).isEqualTo("[\"GET\",\"POST\"]");
        assertThat(schema.at("/properties/method/default").asText()).isEqualTo("GET");
    }

    @Test
    void required_comes_from_not_null_not_blank_and_primitives() {
        assertThat(schema.get("required").toString()).isEqualTo("[\"url\",\"token\",\"sandbox\"]");
        assertThat(schema.at("/properties/token/minLength").asInt()).isEqualTo(1);
    }

    @Test
    void bounds_and_patterns_come_from_jakarta_validation() {
        JsonNode p = schema.get("properties");
        assertThat(p.at("/pageSize/minimum").asInt()).isEqualTo(1);
        assertThat(p.at("/pageSize/maximum").asInt()).isEqualTo(250);
        assertThat(p.at("/locations/maxItems").asInt()).isEqualTo(10);
        assertThat(p.at("/currency/pattern").asText()).isEqualTo("[A-Z]{3}");
    }

    @Test
    void titles_descriptions_defaults_and_examples_come_from_config_property() {
        JsonNode url = schema.at("/properties/url");
        assertThat(url.get("title").asText()).isEqualTo("Shop URL");
        assertThat(url.get("description").asText()).isEqualTo("Where the API lives");
        assertThat(url.at("/examples/0").asText()).isEqualTo("https://shop.example/api");
        assertThat(url.get("x-order").asInt()).isEqualTo(1);
        assertThat(schema.at("/properties/pageSize/default").isInt()).isTrue();
        assertThat(schema.at("/properties/currency/title").asText()).isEqualTo("currency");
    }

    @Test
    void secret_fields_are_write_only_and_marked_secret() {
        assertThat(schema.at("/properties/token/writeOnly").asBoolean()).isTrue();
        assertThat(schema.at("/properties/token/x-secret").asBoolean()).isTrue();
        assertThat(schema.at("/properties/url/writeOnly").isMissingNode()).isTrue();
        assertThat(schema.at("/properties/url/x-secret").isMissingNode()).isTrue();
    }

    record Endpoints(
            @ConfigProperty(title = "Server", target = true) String server,
            String jdbcUrl,
            String apiHost,
            String tokenEndpoint,
            URI callback,
            String name,
            @ConfigProperty(secret = true) String webhookUrl) {
    }

    @Test
    void fields_naming_where_the_connector_connects_are_marked_target() {
        JsonNode p = ConfigSchema.of(Endpoints.class).get("properties");
        assertThat(p.at("/server/x-target").asBoolean()).as("marked").isTrue();
        assertThat(p.at("/jdbcUrl/x-target").asBoolean()).as("name ends in url").isTrue();
        assertThat(p.at("/apiHost/x-target").asBoolean()).as("name ends in host").isTrue();
        assertThat(p.at("/tokenEndpoint/x-target").asBoolean()).as("name ends in endpoint").isTrue();
        assertThat(p.at("/callback/x-target").asBoolean()).as("a URI").isTrue();
        assertThat(p.at("/name/x-target").isMissingNode()).isTrue();
        assertThat(p.at("/webhookUrl/x-target").isMissingNode()).as("a secret is not a target").isTrue();
        assertThat(schema.at("/properties/url/x-target").asBoolean()).isTrue();
        assertThat(schema.at("/properties/token/x-target").isMissingNode()).isTrue();
    }

    @Test
    void nested_records_become_nested_objects_with_their_own_secrets() {
        JsonNode auth = schema.at("/properties/auth");
        assertThat(auth.get("type").asText()).isEqualTo("object");
        assertThat(auth.at("/properties/password/x-secret").asBoolean()).isTrue();
        assertThat(auth.get("required").toString()).isEqualTo("[\"user\",\"password\"]");
        assertThat(ConfigSchema.secretPaths(ShopConfig.class)).containsExactly("token", "auth.password");
    }

    record Unsupported(Object anything) {
    }

    @Test
    void a_component_type_without_a_json_schema_type_is_refused() {
        assertThatThrownBy(() -> ConfigSchema.of(Unsupported.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
    }
}
