package io.tillbridge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.platform.TestDatabaseProperties;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every API answer, errors included, refuses framing and content sniffing. */
@MicronautTest(transactional = false)
class SecurityHeadersIT extends TestDatabaseProperties {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1", "/api/v1/me", "/api/v1/no-such-route", "/problems/rate-limited"})
    void the_api_refuses_framing_and_sniffing(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.getURI().resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).hasValue("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
    }
}
