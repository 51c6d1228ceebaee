package io.tillbridge.connector.square.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SquareSandboxServerIT {

    private static SquareSandbox square;

    @BeforeAll
    static void start() {
        square = SquareSandbox.start(SandboxFixture.options().withOrders(5));
    }

    @AfterAll
    static void stop() {
        square.close();
    }

    @Test
    void the_sandbox_listens_on_the_loopback_address_on_a_free_port() throws Exception {
        URI base = square.baseUri();

        assertThat(InetAddress.getByName(base.getHost()).isLoopbackAddress()).isTrue();
        assertThat(base.getPort()).isPositive();
    }

    @Test
    void an_unknown_endpoint_answers_404_not_found() {
        SquareClient.Reply reply = new SquareClient(square, square.issueToken()).get("/v2/nothing-here");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error()).isEqualTo("NOT_FOUND");
    }

    @Test
    void a_body_that_is_not_json_answers_400_expected_json_body() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(square.baseUri().resolve("/v2/orders/search"))
                .header("Authorization", "Bearer " + square.issueToken())
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SquareClient.json(response.body()).path("errors").path(0).path("code").asText())
                .isEqualTo("EXPECTED_JSON_BODY");
    }
}
