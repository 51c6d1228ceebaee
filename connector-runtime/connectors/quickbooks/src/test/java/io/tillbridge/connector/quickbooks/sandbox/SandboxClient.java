package io.tillbridge.connector.quickbooks.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP client of the sandbox for its tests (loopback only). */
final class SandboxClient {

    record Answer(int status, HttpHeaders headers, JsonNode body, String raw) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final QuickBooksSandbox sandbox;
    private final String token;

    SandboxClient(QuickBooksSandbox sandbox, String token) {
        this.sandbox = sandbox;
        this.token = token;
    }

    /** GET {@code /v3/company/<realm>/<path>} with the token (and {@code ?minorversion=75} unless the path has one). */
    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    Answer query(String statement) {
        return get("query?query=" + URLEncoder.encode(statement, StandardCharsets.UTF_8));
    }

    Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    Answer raw(HttpRequest.Builder request) {
        return send(request, null);
    }

    URI uri(String path) {
        String full = "/v3/company/" + sandbox.realmId() + "/" + path;
        if (!path.contains("minorversion")) {
            full += (path.contains("?") ? "&" : "?") + "minorversion=75";
        }
        return sandbox.baseUri().resolve(full);
    }

    private Answer send(HttpRequest.Builder request, String bearer) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : QuickBooksJson.MAPPER.readTree(response.body());
            return new Answer(response.statusCode(), response.headers(), body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String journal(String docNumber, String debitAccount, String creditAccount, String debit, String credit) {
        return """
                {"DocNumber":"%s","TxnDate":"2026-03-01","PrivateNote":"Daily sales","Line":[
                 {"Description":"tender:card","Amount":%s,"DetailType":"JournalEntryLineDetail",
                  "JournalEntryLineDetail":{"PostingType":"Debit","AccountRef":{"value":"%s"}}},
                 {"Description":"sales:Apparel","Amount":%s,"DetailType":"JournalEntryLineDetail",
                  "JournalEntryLineDetail":{"PostingType":"Credit","AccountRef":{"value":"%s"}}}]}
                """.formatted(docNumber, debit, debitAccount, credit, creditAccount);
    }
}
