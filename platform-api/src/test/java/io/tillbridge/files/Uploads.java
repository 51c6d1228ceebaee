package io.tillbridge.files;

import io.micronaut.json.JsonMapper;
import io.tillbridge.testing.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Uploads and downloads through the API, as a client sends them. */
final class Uploads {

    private final ApiClient api;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    Uploads(ApiClient api, JsonMapper json) {
        this.api = api;
        this.json = json;
    }

    /** An answer: status, body, headers, and the body as JSON when it is. */
    record Answer(int status, byte[] body, java.net.http.HttpHeaders headers, JsonMapper json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            try {
                return json.readValue(body, Map.class);
            } catch (IOException e) {
                throw new UncheckedIOException(new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String type() {
            return (String) map().get("type");
        }

        @Override
        public String toString() {
            return status + " " + (body.length > 2000 ? text().substring(0, 2000) : text());
        }
    }

    static String files(UUID tenant, String connection) {
        return "/api/v1/tenants/" + tenant + "/connections/" + connection + "/files";
    }

    Answer raw(ApiClient.Account as, String path, String name, byte[] bytes, String... headers) {
        String uri = path + (name == null ? "" : "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        HttpRequest.Builder request = request(as, uri).POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (List.of(headers).stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
            request.header("Content-Type", "application/octet-stream");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** A raw upload whose body has no declared length (sent chunked). */
    Answer chunked(ApiClient.Account as, String path, String name, byte[] bytes) {
        HttpRequest request = request(as, path + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))).build();
        return send(request);
    }

    Answer multipart(ApiClient.Account as, String path, String part, String fileName, byte[] bytes) {
        String boundary = "----tillbridge-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bytes.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bytes, 0, body, head.length, bytes.length);
        System.arraycopy(tail, 0, body, head.length + bytes.length, tail.length);
        return send(request(as, path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    Answer get(ApiClient.Account as, String path) {
        return send(request(as, path).GET().build());
    }

    Answer delete(ApiClient.Account as, String path) {
        return send(request(as, path).DELETE().build());
    }

    private HttpRequest.Builder request(ApiClient.Account as, String path) {
        return HttpRequest.newBuilder(URI.create(api.uri(path).toString()))
                .timeout(java.time.Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + api.token(as));
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body(), response.headers(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
