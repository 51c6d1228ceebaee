package io.tillbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The published OpenAPI document describes every route of the public API. */
@MicronautTest(transactional = false)
class OpenApiDocumentIT extends TestDatabaseProperties {

    @Inject
    Router router;

    @Inject
    EmbeddedServer server;

    @Test
    @SuppressWarnings("unchecked")
    void every_api_route_is_documented_with_a_summary() throws Exception {
        String yaml = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.getURI().resolve("/swagger/tillbridge-api.yml")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Map<String, Map<String, Object>>> paths =
                (Map<String, Map<String, Map<String, Object>>>) new Yaml().<Map<String, Object>>load(yaml).get("paths");
        List<String> undocumented = new ArrayList<>();
        List<String> withoutSummary = new ArrayList<>();
        router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/v1"))
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD)
                .forEach(r -> {
                    String path = r.getUriMatchTemplate().toString().replaceAll("\\{([^}:/]+):[^}]*}", "{$1}");
                    String method = r.getHttpMethod().name().toLowerCase(Locale.ROOT);
                    Map<String, Object> operation = paths.getOrDefault(path, Map.of()).get(method);
                    if (operation == null) {
                        undocumented.add(method + " " + path);
                    } else if (operation.get("summary") == null) {
                        withoutSummary.add(method + " " + path);
                    }
                });
        assertThat(undocumented).as("routes missing from the OpenAPI document").isEmpty();
        assertThat(withoutSummary).as("operations without a summary").isEmpty();
    }
}
