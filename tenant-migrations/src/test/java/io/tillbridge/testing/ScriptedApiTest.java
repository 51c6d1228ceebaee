package io.tillbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.testing.ScriptedApi.Reply;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScriptedApiTest {

    private final ScriptedApi api = ScriptedApi.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void the_longest_matching_route_answers_and_an_unknown_path_answers_404() throws Exception {
        api.route("/orders", Reply.ok("[1]")).route("/orders/open", Reply.ok("[2]"));

        assertThat(get("/orders?page=1", null).body()).isEqualTo("[1]");
        assertThat(get("/orders/open", null).body()).isEqualTo("[2]");
        assertThat(get("/customers", null).statusCode()).isEqualTo(404);
    }

    @Test
    void queued_replies_come_first_then_the_route_answers_again() throws Exception {
        api.route("/orders", Reply.ok("[]")).next("/orders", Reply.json(503, "{}"), Reply.tooManyRequests("7"));

        assertThat(get("/orders", null).statusCode()).isEqualTo(503);
        HttpResponse<String> limited = get("/orders", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(get("/orders", null).statusCode()).isEqualTo(200);
    }

    @Test
    void rate_limited_requests_answer_429_with_retry_after_then_the_route() throws Exception {
        api.route("/orders", Reply.ok("[]")).rateLimitNext(2, "3");

        assertThat(get("/orders", null).headers().firstValue("Retry-After")).hasValue("3");
        assertThat(get("/a", null).statusCode()).isEqualTo(429);
        assertThat(get("/orders", null).statusCode()).isEqualTo(200);
    }

    @Test
    void a_required_bearer_token_is_checked_first() throws Exception {
        api.route("/orders", Reply.ok("[]")).requireBearer("good");

        assertThat(get("/orders", "bad").statusCode()).isEqualTo(401);
        assertThat(get("/orders", "good").statusCode()).isEqualTo(200);
    }

    @Test
    void a_truncated_reply_is_a_complete_answer_with_half_its_body() throws Exception {
        api.route("/orders", Reply.ok("[\"abcd\",\"efgh\"]").truncated());

        assertThat(get("/orders", null).body()).isEqualTo("[\"abcd\"");
    }

    @Test
    void a_delayed_reply_comes_after_its_delay() throws Exception {
        api.route("/slow", Reply.ok("[]").after(Duration.ofMillis(300)));
        long started = System.nanoTime();

        get("/slow", null);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void every_request_is_recorded_with_its_query_headers_and_body() throws Exception {
        api.route("/token", request -> Reply.ok("{\"grant\":\"" + request.form().get("grant_type") + "\"}"));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(api.uri("/token?x=1"))
                .header("Authorization", "Bearer t-1").POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("{\"grant\":\"refresh_token\"}");
        assertThat(api.requests("/token")).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.target()).isEqualTo("/token?x=1");
            assertThat(request.parameters()).containsEntry("x", "1");
            assertThat(request.bearer()).hasValue("t-1");
            assertThat(request.body()).isEqualTo("grant_type=refresh_token");
        });
    }

    private HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(path));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
