package io.tillbridge.connections.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The public connector catalog over real HTTP, without a credential: the installed connectors
 * (the built-in ones and Square) with their roles, fixed streams, OAuth2 scopes and config schemas.
 * Its per-address rate limit is tested with the other anonymous routes (AnonymousRateLimitsIT).
 */
@MicronautTest(transactional = false)
class ConnectorCatalogIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    private Response anonymous(String path, String... headers) {
        return api.bearer(null).send("GET", path, null, headers);
    }

    private Map<String, Object> connector(String id) {
        Response list = anonymous("/api/v1/connectors");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return readList(list).stream().filter(c -> id.equals(c.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("no connector " + id + " in " + list.body()));
    }

    private static List<Map<String, Object>> readList(Response response) {
        try {
            return response.mapper().readValue(response.body(),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(Map<String, Object> connector, String name) {
        Map<String, Object> schema = (Map<String, Object>) connector.get("configSchema");
        return (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get(name);
    }

    @Test
    void anyone_lists_the_installed_connectors_with_their_roles() {
        assertThat(connector("http-json").get("roles")).isEqualTo(List.of("source"));
        assertThat(connector("postgres-warehouse").get("roles")).isEqualTo(List.of("target"));
        assertThat(connector("square").get("roles")).isEqualTo(List.of("source", "target"));
        assertThat(connector("square").get("name")).isEqualTo("Square");
        assertThat((String) connector("square").get("description")).contains("Square orders");
        assertThat(connector("square").get("version")).isEqualTo("1.0.0");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_three_pos_connectors_are_installed_each_with_the_canonical_streams() {
        for (String id : List.of("square", "shopify", "clover")) {
            assertThat((List<String>) connector(id).get("streams")).as(id)
                    .contains("pos.orders", "pos.payments", "pos.refunds", "pos.locations", "pos.items");
            assertThat((List<String>) connector(id).get("roles")).as(id).contains("source");
        }
    }

    @Test
    void the_spreadsheet_connectors_are_installed_with_their_lower_case_choices() {
        assertThat(connector("spreadsheet-source").get("roles")).isEqualTo(List.of("source"));
        assertThat(connector("spreadsheet-target").get("roles")).isEqualTo(List.of("target"));
        assertThat(property(connector("spreadsheet-source"), "format")).containsEntry("enum", List.of("auto", "csv", "xlsx"))
                .containsEntry("default", "auto");
        assertThat(property(connector("spreadsheet-target"), "split"))
                .containsEntry("enum", List.of("per_run", "per_business_day")).containsEntry("default", "per_run");
    }

    @Test
    @SuppressWarnings("unchecked")
    void square_lists_its_fixed_streams_and_a_generic_source_none() {
        assertThat((List<String>) connector("square").get("streams")).contains("pos.orders");
        assertThat((List<String>) connector("http-json").get("streams")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void square_shows_its_oauth_scopes_and_a_connector_without_oauth_shows_null() {
        Map<String, Object> oauth = (Map<String, Object>) connector("square").get("oauth");
        assertThat((List<String>) oauth.get("scopes")).contains("ORDERS_READ", "INVENTORY_WRITE");
        assertThat(oauth.get("authorizeUrl")).isEqualTo("https://connect.squareup.com/oauth2/authorize");
        assertThat(oauth.get("scopeSeparator")).isEqualTo(" ");
        assertThat(connector("http-json")).containsEntry("oauth", null);
    }

    @Test
    void the_config_schema_marks_secret_fields_and_shows_defaults() {
        Map<String, Object> password = property(connector("postgres-warehouse"), "password");
        assertThat(password).containsEntry("x-secret", true).containsEntry("writeOnly", true)
                .doesNotContainKeys("default", "examples");
        assertThat(property(connector("postgres-warehouse"), "schema")).containsEntry("default", "tillbridge")
                .doesNotContainKey("x-secret");
        assertThat(property(connector("http-json"), "bearerToken")).containsEntry("x-secret", true);
        assertThat(property(connector("square"), "accessToken")).containsEntry("x-secret", true);
        assertThat(property(connector("http-json"), "maxRetries")).containsEntry("default", 4);
    }

    @Test
    void one_connector_is_described_by_its_id() {
        Response square = anonymous("/api/v1/connectors/square");
        assertThat(square.status()).as(square.body()).isEqualTo(200);
        assertThat(square.get("id")).isEqualTo("square");
        assertThat(square.get("configSchema")).isEqualTo(connector("square").get("configSchema"));
    }

    @Test
    void an_unknown_connector_answers_404_problem_json() {
        Response unknown = anonymous("/api/v1/connectors/no-such-connector");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).hasValue("application/problem+json");
        assertThat(unknown.problemType()).isEqualTo("/problems/not-found");
    }

    @Test
    void answers_carry_an_etag_and_a_matching_if_none_match_answers_304() {
        Response list = anonymous("/api/v1/connectors");
        String etag = list.header("ETag").orElseThrow();
        assertThat(list.header("Cache-Control")).hasValue("public, max-age=300");

        assertThat(anonymous("/api/v1/connectors", "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(anonymous("/api/v1/connectors", "If-None-Match", "\"stale\"").status()).isEqualTo(200);

        Response square = anonymous("/api/v1/connectors/square");
        assertThat(square.header("ETag")).isPresent().isNotEqualTo(list.header("ETag"));
        assertThat(anonymous("/api/v1/connectors/square", "If-None-Match", square.header("ETag").orElseThrow())
                .status()).isEqualTo(304);
    }
}
