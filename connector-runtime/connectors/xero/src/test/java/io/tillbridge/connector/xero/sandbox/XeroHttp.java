package io.tillbridge.connector.xero.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;

/** Raw HTTP to a sandbox on loopback, for tests of the wire itself. */
final class XeroHttp {

    record Answer(int status, HttpHeaders headers, JsonNode body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final XeroSandbox xero;

    XeroHttp(XeroSandbox xero) {
        this.xero = xero;
    }

    /** A call to the Accounting API with the token and tenant (either null to leave it out). */
    Answer api(String method, String pathAndQuery, String body, String token, String tenant, Map<String, String> extra) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(xero.baseUri() + "/api.xro/2.0/" + pathAndQuery))
                .timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (tenant != null) {
            request.header("xero-tenant-id", tenant);
        }
        extra.forEach(request::header);
        return send(request.build());
    }

    Answer api(String method, String pathAndQuery, String body, Map<String, String> extra) {
        return api(method, pathAndQuery, body, xero.issueToken(), xero.tenantId(), extra);
    }

    Answer get(String pathAndQuery) {
        return api("GET", pathAndQuery, null, Map.of());
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? null : XeroJson.MAPPER.readTree(response.body());
            return new Answer(response.statusCode(), response.headers(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return XeroJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
