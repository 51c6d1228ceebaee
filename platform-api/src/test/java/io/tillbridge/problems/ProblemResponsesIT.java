package io.tillbridge.problems;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpHeaders;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.platform.TestDatabaseProperties;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Every error the HTTP server can produce answers application/problem+json with a stable type. */
@MicronautTest
class ProblemResponsesIT extends TestDatabaseProperties {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void an_unknown_path_answers_404_not_found() throws Exception {
        var response = send("GET", "/api/v1/no-such-thing", null, null);
        assertProblem(response, 404, "/problems/not-found");
        assertThat(response.body()).contains("\"instance\":\"/api/v1/no-such-thing\"");
    }

    @Test
    void a_wrong_method_answers_405_method_not_allowed() throws Exception {
        var response = send("DELETE", "/api/v1", null, null);
        assertProblem(response, 405, "/problems/method-not-allowed");
        assertThat(response.headers().firstValue(HttpHeaders.ALLOW)).isPresent();
    }

    @Test
    void a_wrong_content_type_answers_415_unsupported_media_type() throws Exception {
        var response = send("POST", "/test-probe", "name=x", "text/plain");
        assertProblem(response, 415, "/problems/unsupported-media-type");
    }

    @Test
    void malformed_json_answers_400_malformed_json() throws Exception {
        var response = send("POST", "/test-probe", "{\"name\": \"x\", ", "application/json");
        assertProblem(response, 400, "/problems/malformed-json");
    }

    @Test
    void a_value_of_the_wrong_json_type_answers_400_malformed_json() throws Exception {
        var response = send("POST", "/test-probe", "{\"name\": \"x\", \"hour\": \"noon\"}", "application/json");
        assertProblem(response, 400, "/problems/malformed-json");
    }

    @Test
    void invalid_fields_answer_400_validation_failed_naming_each_field() throws Exception {
        var response = send("POST", "/test-probe", "{\"name\": \"\", \"hour\": 24}", "application/json");
        assertProblem(response, 400, "/problems/validation-failed");
        assertThat(response.body())
                .contains("{\"field\":\"hour\",\"message\":\"must be less than or equal to 23\"}")
                .contains("{\"field\":\"name\",\"message\":\"must not be blank\"}");
    }

    @Test
    void a_query_parameter_of_the_wrong_form_answers_400() throws Exception {
        var response = send("GET", "/test-probe/number?value=abc", null, null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"/problems/");
    }

    @Test
    void a_service_problem_keeps_its_type_and_detail() throws Exception {
        var response = send("GET", "/test-probe/conflict", null, null);
        assertProblem(response, 409, "/problems/conflict");
        assertThat(response.body()).contains("A thing named 'x' exists already.");
    }

    @Test
    void an_unexpected_exception_answers_500_with_a_reference_and_no_internal_detail() throws Exception {
        var response = send("GET", "/test-probe/crash", null, null);
        assertProblem(response, 500, "/problems/internal-error");
        assertThat(response.body()).contains("\"reference\":\"").doesNotContain("secret internal detail");
    }

    @Test
    void a_browser_asking_for_html_still_gets_a_problem() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/missing"))
                .header("Accept", "text/html,application/xhtml+xml").GET().build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 404, "/problems/not-found");
    }

    @Test
    void every_problem_type_is_documented_at_its_uri() throws Exception {
        for (ProblemType type : ProblemType.values()) {
            var response = send("GET", type.uri(), null, null);
            assertThat(response.statusCode()).as(type.uri()).isEqualTo(200);
            assertThat(response.body()).contains("\"status\":" + type.status().getCode());
        }
        assertProblem(send("GET", "/problems/no-such-type", null, null), 404, "/problems/not-found");
    }

    private void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"" + type + "\"").contains("\"status\":" + status)
                .contains("\"title\":\"");
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return server.getURI().resolve(path);
    }
}
