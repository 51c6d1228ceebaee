package io.tillbridge.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.spi.CallGate;
import io.tillbridge.connector.spi.ConnectorException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POSTs of JSON bodies, DELETEs, and the vendor's detail of a refusal in the failure's message. */
class JsonHttpClientPostTest {

    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private JsonHttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + body);
            answer(exchange, 200, "{\"method\":\"" + exchange.getRequestMethod() + "\",\"got\":" + (body.isEmpty() ? "null" : body) + "}");
        });
        server.createContext("/gone", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/refused", exchange -> answer(exchange, 400,
                "{\"errors\":[{\"category\":\"INVALID_REQUEST_ERROR\",\"code\":\"VALUE_TOO_HIGH\",\"detail\":\"limit must be at most 1000\"}]}"));
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/echo");
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(303, -1);
            exchange.close();
        });
        server.start();
        client = new JsonHttpClient(Duration.ofSeconds(5), Duration.ofSeconds(5), RetryPolicy.DEFAULT.withMaxRetries(0),
                Sleeper.REAL, Clock.systemUTC(), () -> 0.5, CallGate.OPEN, () -> false, TestEgress.LOOPBACK,
                body -> body == null ? "" : body.path("errors").path(0).path("code").asText() + ": "
                        + body.path("errors").path(0).path("detail").asText());
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    @Test
    void a_post_sends_its_json_body_and_reads_the_answer() {
        JsonNode body = JsonHttpClient.JSON.createObjectNode().put("limit", 500);

        JsonNode answer = client.post(uri("/echo"), body, Map.of(), RequestAuth.NONE, JsonHttpClient.Response::body);

        assertThat(answer.path("method").asText()).isEqualTo("POST");
        assertThat(answer.path("got").path("limit").asInt()).isEqualTo(500);
    }

    @Test
    void a_delete_sends_no_body_and_reads_an_empty_answer_as_an_empty_object() {
        JsonNode answer = client.delete(uri("/gone"), Map.of(), RequestAuth.NONE, JsonHttpClient.Response::body);

        assertThat(seen).containsExactly("DELETE /gone");
        assertThat(answer.isObject()).isTrue();
        assertThat(answer.size()).isZero();
        JsonNode echoed = client.delete(uri("/echo"), Map.of(), RequestAuth.NONE, JsonHttpClient.Response::body);
        assertThat(echoed.path("method").asText()).isEqualTo("DELETE");
    }

    @Test
    void a_refusal_names_the_vendors_code_and_detail() {
        assertThatThrownBy(() -> client.post(uri("/refused"), JsonHttpClient.JSON.createObjectNode(), Map.of(),
                RequestAuth.NONE, JsonHttpClient.Response::body))
                .isInstanceOfSatisfying(ConnectorException.class, e -> {
                    assertThat(e.category()).isEqualTo(ConnectorException.Category.CONFIG);
                    assertThat(e.getMessage()).contains("HTTP 400").contains("VALUE_TOO_HIGH: limit must be at most 1000");
                });
    }

    @Test
    void a_303_after_a_post_is_followed_with_a_get_without_the_body() {
        JsonNode answer = client.post(uri("/moved"), JsonHttpClient.JSON.createObjectNode().put("secret", "x"), Map.of(),
                RequestAuth.NONE, JsonHttpClient.Response::body);

        assertThat(answer.path("method").asText()).isEqualTo("GET");
        assertThat(seen).containsExactly("GET /echo ");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
