package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A plain HTTP client of the sandbox, as a connector would call Clover: Bearer token, JSON. */
final class CloverClient {

    record Response(int status, JsonNode body, HttpResponse<String> raw) {

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger throttled = new AtomicInteger();
    private final URI base;
    private final String token;

    CloverClient(CloverSandbox sandbox, String token) {
        this.base = sandbox.baseUri();
        this.token = token;
    }

    /** {@code GET /v3/merchants/{mId}<path>}; {@code query} pairs are encoded, e.g. "filter", "createdTime>=0". */
    Response get(String merchantId, String path, String... query) {
        return send(HttpRequest.newBuilder(uri("/v3/merchants/" + merchantId + path, query)).GET());
    }

    Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response getRaw(String path, String... query) {
        return send(HttpRequest.newBuilder(uri(path, query)).GET());
    }

    /**
     * Every element of a list, page by page with {@code offset} and {@code limit}, as a connector reads
     * it: a 429 is waited out ({@code Retry-After}, else a quarter second) and the page asked again.
     */
    List<JsonNode> all(String merchantId, String path, int limit, List<Integer> pageSizes, String... query) {
        List<JsonNode> out = new ArrayList<>();
        for (int offset = 0; ; offset += limit) {
            String[] q = new String[query.length + 4];
            System.arraycopy(query, 0, q, 0, query.length);
            q[query.length] = "offset";
            q[query.length + 1] = Integer.toString(offset);
            q[query.length + 2] = "limit";
            q[query.length + 3] = Integer.toString(limit);
            Response page = get(merchantId, path, q);
            while (page.status() == 429) {
                throttled.incrementAndGet();
                String retryAfter = page.header("Retry-After");
                pause(retryAfter == null ? Duration.ofMillis(250) : Duration.ofSeconds(Long.parseLong(retryAfter)));
                page = get(merchantId, path, q);
            }
            if (page.status() != 200) {
                throw new IllegalStateException("page at " + offset + ": " + page.status() + " " + page.body());
            }
            JsonNode elements = page.body().path("elements");
            pageSizes.add(elements.size());
            elements.forEach(out::add);
            if (elements.size() < limit) {
                return out;
            }
        }
    }

    /** How many 429 answers {@link #all} has waited out. */
    int throttled() {
        return throttled.get();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path, String... query) {
        StringBuilder uri = new StringBuilder(base.toString()).append(path);
        for (int i = 0; i < query.length; i += 2) {
            uri.append(i == 0 ? '?' : '&').append(URLEncoder.encode(query[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(query[i + 1], StandardCharsets.UTF_8));
        }
        return URI.create(uri.toString());
    }

    private Response send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : CloverJson.MAPPER.readTree(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
