package io.tillbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Health, metrics and API documentation, as an operator and a partner developer reach them. */
@MicronautTest
class OperationsEndpointsIT extends TestDatabaseProperties {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void liveness_answers_up() throws Exception {
        var response = get("/health/liveness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void readiness_answers_up() throws Exception {
        var response = get("/health/readiness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void health_details_are_not_shown_to_anonymous_callers() throws Exception {
        assertThat(get("/health").body()).doesNotContain("jdbc:postgresql").doesNotContain("diskSpace");
    }

    @Test
    void health_answers_up() throws Exception {
        var response = get("/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void prometheus_metrics_are_exposed() throws Exception {
        get("/api/v1");
        var response = get("/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("http_server_requests_seconds");
    }

    @Test
    void the_openapi_document_describes_the_api() throws Exception {
        var response = get("/swagger/tillbridge-api.yml");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("openapi: 3").contains("title: Tillbridge API").contains("/api/v1:")
                .contains("/problems/{slug}:");
    }

    @Test
    void the_api_docs_page_is_served() throws Exception {
        var redirect = get("/api/docs");
        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("location")).hasValue("/swagger-ui/index.html");
        var page = get("/swagger-ui/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").contains("/swagger/tillbridge-api.yml");
        assertThat(get("/swagger-ui/res/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }

    @Test
    void the_api_root_links_to_the_docs() throws Exception {
        var response = get("/api/v1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).contains("\"name\":\"Tillbridge API\"").contains("\"docs\":\"/api/docs\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.getURI().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
