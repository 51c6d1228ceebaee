package io.tillbridge.connector.xero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.rest.UriQuery;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Xero's Accounting API for one organisation: every call under {@code <base>/api.xro/2.0/} with the
 * {@code xero-tenant-id} header (xero_accounting.yaml: required on every operation) and the bearer
 * token. Reads go through a client that retries (a GET is safe to repeat). Writes go through a
 * client that never retries on its own, so that a write whose outcome is unknown is first looked up
 * ({@link WriteOutcome}); a 429 is waited out here, up to {@link #LONGEST_WAIT}: a longer
 * {@code Retry-After} is Xero's daily limit (a minute's limit frees within 60 seconds), and the
 * batch then fails TRANSIENT instead of holding a worker for hours.
 */
final class XeroApi {

    static final String PATH = "/api.xro/2.0/";

    /** The longest {@code Retry-After} waited inside a write: Xero's minute limit frees within a minute. */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(61);

    static final ObjectMapper JSON = new ObjectMapper().setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");

    /** What a write came to: Xero's answer, or nothing known (the connection broke, a timeout, a 5xx). */
    sealed interface WriteOutcome {
        /** Xero answered 200 with this body. */
        record Answered(JsonNode body) implements WriteOutcome {
        }

        /** No answer: the write may or may not have been committed. */
        record Unknown(String problem) implements WriteOutcome {
        }
    }

    private final URI base;
    private final String tenantId;
    private final JsonHttpClient reads;
    private final JsonHttpClient writes;
    private final RequestAuth auth;
    private final Sleeper sleeper;
    private final int maxRetries;

    XeroApi(URI base, String tenantId, JsonHttpClient reads, JsonHttpClient writes, RequestAuth auth, Sleeper sleeper,
            int maxRetries) {
        this.base = base;
        this.tenantId = tenantId;
        this.reads = reads;
        this.writes = writes;
        this.auth = auth;
        this.sleeper = sleeper;
        this.maxRetries = maxRetries;
    }

    /** GETs a resource ({@code Accounts}, {@code ManualJournals/<id>}) with query parameters. */
    JsonNode get(String resource, Map<String, String> query, Map<String, String> extraHeaders) {
        URI uri = base.resolve(PATH + resource);
        for (Map.Entry<String, String> q : query.entrySet()) {
            uri = UriQuery.with(uri, q.getKey(), q.getValue());
        }
        Map<String, String> headers = new LinkedHashMap<>(headers());
        headers.putAll(extraHeaders);
        return reads.get(uri, headers, auth, JsonHttpClient.Response::body);
    }

    JsonNode get(String resource, Map<String, String> query) {
        return get(resource, query, Map.of());
    }

    /**
     * POSTs a write ({@code ManualJournals}, {@code Invoices}, ...) with {@code summarizeErrors=false}
     * and the idempotency key. Waits out a minute's 429 (at most the config's retries); fails TRANSIENT
     * on the daily limit; a broken exchange is {@link WriteOutcome.Unknown}. Other refusals (401, 403,
     * 400 of the whole request) throw as the client reports them.
     */
    WriteOutcome write(String resource, JsonNode body, String idempotencyKey) {
        URI uri = UriQuery.with(base.resolve(PATH + resource), "summarizeErrors", "false");
        Map<String, String> headers = new LinkedHashMap<>(headers());
        headers.put("Idempotency-Key", idempotencyKey);
        for (int attempt = 0; ; attempt++) {
            try {
                return new WriteOutcome.Answered(writes.post(uri, body, headers, auth, JsonHttpClient.Response::body));
            } catch (ConnectorException e) {
                if (e.category() != Category.TRANSIENT) {
                    throw e;
                }
                boolean rateLimited = e.getMessage() != null && e.getMessage().contains("HTTP 429");
                if (!rateLimited) {
                    return new WriteOutcome.Unknown(e.getMessage());
                }
                Duration wait = e.retryAfter().orElse(Duration.ofSeconds(1));
                if (wait.compareTo(LONGEST_WAIT) > 0) {
                    throw new ConnectorException(Category.TRANSIENT, "Xero's daily call limit for this organisation "
                            + "is used up (HTTP 429, Retry-After " + wait.toSeconds() + " s); writing resumes after it",
                            wait, e);
                }
                if (attempt >= maxRetries) {
                    throw new ConnectorException(Category.TRANSIENT, "Xero kept rate limiting the writes (HTTP 429) after "
                            + maxRetries + " waits", wait, e);
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException(Category.TRANSIENT, "interrupted while waiting for Xero's rate limit",
                            interrupted);
                }
            }
        }
    }

    private Map<String, String> headers() {
        return Map.of("xero-tenant-id", tenantId);
    }

    /** Xero's error bodies in a failure message: the ValidationException, the gateway's problem, an OAuth error. */
    static String describe(JsonNode body) {
        if (body == null) {
            return "";
        }
        if (body.has("Message")) {
            StringBuilder out = new StringBuilder(body.path("Type").asText("Error")).append(": ")
                    .append(body.path("Message").asText());
            for (JsonNode element : body.path("Elements")) {
                for (JsonNode error : element.path("ValidationErrors")) {
                    out.append("; ").append(error.path("Message").asText());
                }
            }
            return out.length() > 500 ? out.substring(0, 500) : out.toString();
        }
        if (body.has("Title") || body.has("Detail")) {
            return body.path("Title").asText("") + " " + body.path("Detail").asText("");
        }
        return body.path("error").asText("");
    }

    /** A Microsoft JSON date ({@code /Date(ms+0000)/}) or ISO text as an instant; null when neither. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher ms = MS_DATE.matcher(text.trim());
        if (ms.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(ms.group(1)));
        }
        try {
            return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : java.time.LocalDateTime.parse(text.replace("Z", "")).toInstant(ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The day of a Xero date (UTC, as Xero keeps document dates). */
    static LocalDate date(String text) {
        Instant at = instant(text);
        return at == null ? null : at.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
