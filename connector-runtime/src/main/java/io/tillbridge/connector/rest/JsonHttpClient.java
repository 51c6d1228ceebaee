package io.tillbridge.connector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.CallGate;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.connector.egress.EgressHttpClients;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * GETs (or POSTs) JSON with a connect timeout and a request timeout (for the whole exchange, body included) on
 * every call and retries what is worth retrying:
 * 429 (never before its {@code Retry-After}), 5xx, timeouts, broken connections and malformed
 * bodies, with exponential backoff and jitter, at most {@link RetryPolicy#maxRetries()} times; then
 * it fails TRANSIENT. 403 fails AUTH at once, other 4xx CONFIG; a 401 fails AUTH unless the
 * {@link RequestAuth} renews its credentials, and then the request is repeated once.
 *
 * <p>Every request, retries included, first takes a permit from the {@link CallGate} of the
 * provider account, and every 429 is reported to it with its {@code Retry-After} (or, without one,
 * the backoff this client waits), so that no other run calls the account before then either.
 *
 * <p>{@code Retry-After} is seconds (Shopify sends {@code 2.0}, so fractions are accepted) or an
 * HTTP date (RFC 9110, section 10.2.3).
 *
 * <p>Every connection goes through the {@link EgressPolicy} (DD-017): the host of every request and
 * of every redirect hop is resolved and checked by it, and the connection is made to a checked
 * address; a refusal fails CONFIG at once. Redirects are followed here, at most
 * {@value #MAX_REDIRECTS} hops, never from https to http, and credentials are sent only to the
 * origin of the request. A body larger than the policy's page size fails CONFIG, not retried. Close
 * the client after the connector call it serves.
 *
 * <p>A POST sends a JSON body; it is retried like a GET, so POST only what is safe to repeat: a
 * search, or a write that carries the vendor's idempotency key. A 301, 302 or 303 after a POST is
 * followed with a GET (RFC 9110, 15.4), a 307 or 308 with the same POST.
 *
 * <p>The body of a 4xx answer other than 429 is read too (within the same size limit) and its {@link
 * ErrorDetail} (the vendor's code and message) is added to the failure's message.
 */
public final class JsonHttpClient implements AutoCloseable {

    /** Redirect hops followed for one request (RFC 9110, 15.4: a client should detect cycles). */
    static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    /** A parsed 2xx response. */
    public record Response(URI uri, int status, HttpHeaders headers, JsonNode body) {
    }

    /**
     * Reads a vendor's error body (Square's {@code errors[]}, an OAuth {@code error}) into a short
     * sentence for a failure's message; never returns secrets. {@link #NONE} adds nothing.
     */
    @FunctionalInterface
    public interface ErrorDetail {
        ErrorDetail NONE = body -> "";

        /** @param body the error body, or null when it was empty or not JSON */
        String describe(JsonNode body);
    }

    /** Turns a response into a page; throws {@link MalformedResponseException} to have it retried. */
    @FunctionalInterface
    public interface ResponseReader<T> {
        T read(Response response);
    }

    // Exact decimals: 12.50 stays 12.50 (money keeps its scale; Jackson's default factory strips zeros).
    static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final CloseableHttpClient http;
    private final EgressPolicy egress;
    private final Duration requestTimeout;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;
    private final CallGate gate;
    private final BooleanSupplier stopRequested;
    private final ErrorDetail errorDetail;

    /**
     * @param gate the provider account's gate, asked before every request
     * @param stopRequested polled while the gate makes a request wait; when true the call throws
     *     {@link StopRequested}
     * @param egress where requests may go, and the largest page
     */
    public JsonHttpClient(Duration connectTimeout, Duration requestTimeout, RetryPolicy policy, Sleeper sleeper,
                          Clock clock, DoubleSupplier random, CallGate gate, BooleanSupplier stopRequested,
                          EgressPolicy egress) {
        this(connectTimeout, requestTimeout, policy, sleeper, clock, random, gate, stopRequested, egress,
                ErrorDetail.NONE);
    }

    /** As above, with the vendor's error bodies read into the failures' messages. */
    public JsonHttpClient(Duration connectTimeout, Duration requestTimeout, RetryPolicy policy, Sleeper sleeper,
                          Clock clock, DoubleSupplier random, CallGate gate, BooleanSupplier stopRequested,
                          EgressPolicy egress, ErrorDetail errorDetail) {
        this.errorDetail = Objects.requireNonNull(errorDetail, "errorDetail");
        this.egress = Objects.requireNonNull(egress, "egress");
        this.http = EgressHttpClients.create(egress, Objects.requireNonNull(connectTimeout, "connectTimeout"),
                Objects.requireNonNull(requestTimeout, "requestTimeout"));
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
    }

    /** Without a quota: only this client's own waits after a 429. */
    public JsonHttpClient(Duration connectTimeout, Duration requestTimeout, RetryPolicy policy, Sleeper sleeper,
                          Clock clock, DoubleSupplier random, EgressPolicy egress) {
        this(connectTimeout, requestTimeout, policy, sleeper, clock, random, CallGate.OPEN, () -> false, egress);
    }

    public JsonHttpClient(Duration connectTimeout, Duration requestTimeout, RetryPolicy policy, EgressPolicy egress) {
        this(connectTimeout, requestTimeout, policy, Sleeper.REAL, Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(), egress);
    }

    /** Closes the connections this client keeps. */
    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // Closing idle connections: nothing to report.
        }
    }

    /** GETs {@code uri} with {@code headers} and reads the response, retrying as described above. */
    public <T> T get(URI uri, Map<String, String> headers, ResponseReader<T> reader) {
        return get(uri, headers, RequestAuth.NONE, reader);
    }

    /**
     * GETs {@code uri} with {@code headers} and the headers of {@code auth}, and reads the response,
     * retrying as described above.
     *
     * @throws StopRequested when the read was asked to stop while the gate made it wait
     */
    public <T> T get(URI uri, Map<String, String> headers, RequestAuth auth, ResponseReader<T> reader) {
        return send(uri, null, headers, auth, reader);
    }

    /**
     * POSTs {@code body} as JSON to {@code uri} with {@code headers} and the headers of {@code auth},
     * and reads the response, retrying as described above (so only what is safe to repeat).
     *
     * @throws StopRequested when the read was asked to stop while the gate made it wait
     */
    public <T> T post(URI uri, JsonNode body, Map<String, String> headers, RequestAuth auth,
                      ResponseReader<T> reader) {
        return send(uri, "POST", Objects.requireNonNull(body, "body").toString(), headers, auth, reader);
    }

    /**
     * DELETEs {@code uri} with {@code headers} and the headers of {@code auth}, and reads the response,
     * retrying as described above (a DELETE is idempotent, RFC 9110, 9.2.2). An empty 2xx body reads as
     * an empty object.
     *
     * @throws StopRequested when the call was asked to stop while the gate made it wait
     */
    public <T> T delete(URI uri, Map<String, String> headers, RequestAuth auth, ResponseReader<T> reader) {
        return send(uri, "DELETE", null, headers, auth, reader);
    }

    private <T> T send(URI uri, String body, Map<String, String> headers, RequestAuth auth, ResponseReader<T> reader) {
        return send(uri, body == null ? "GET" : "POST", body, headers, auth, reader);
    }

    private <T> T send(URI uri, String method, String body, Map<String, String> headers, RequestAuth auth,
                       ResponseReader<T> reader) {
        String where = uri.getHost() + uri.getPath();
        boolean renewed = false;
        for (int retry = 1; ; retry++) {
            String problem;
            Duration retryAfter = null;
            boolean rateLimited = false;
            try {
                if (!gate.acquire(stopRequested)) {
                    throw new StopRequested();
                }
                // The request timeout bounds the whole exchange, redirects and body included.
                TimedExchange.Result response = exchange(uri, method, body, headers, auth, where);
                int status = response.status();
                if (status == 401 && !renewed && auth.renew()) {
                    // A stale access token: refreshed once, the request is repeated once (not a retry).
                    renewed = true;
                    retry--;
                    continue;
                } else if (status == 401 || status == 403) {
                    throw new ConnectorException(Category.AUTH,
                            where + " refused the credentials (HTTP " + status + ")" + detail(response));
                } else if (status == 429) {
                    rateLimited = true;
                    retryAfter = retryAfter(response.headers()).orElse(null);
                    problem = where + " is rate limiting us (HTTP 429)" + detail(response);
                } else if (status >= 500) {
                    problem = where + " failed (HTTP " + status + ")" + detail(response);
                } else if (status >= 300) {
                    throw new ConnectorException(Category.CONFIG, where + " refused the request (HTTP " + status + ")"
                            + detail(response));
                } else {
                    try {
                        JsonNode parsed = "DELETE".equals(method) && response.body().length == 0
                                ? JSON.createObjectNode() : parse(response.body());
                        return reader.read(new Response(uri, status, response.headers(), parsed));
                    } catch (MalformedResponseException e) {
                        problem = where + " sent a malformed page: " + e.getMessage();
                    }
                }
            } catch (IOException e) {
                ConnectorException refused = EgressHttpClients.refusal(e);
                if (refused != null) {
                    throw refused;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new ConnectorException(Category.TRANSIENT, "interrupted while calling " + where, e);
                }
                problem = where + " could not be reached: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
            }
            Duration backoff = policy.backoff(retry, random);
            if (rateLimited) {
                // Every run of this account waits too, not only this one.
                gate.backOff(retryAfter == null ? backoff : retryAfter);
            }
            if (retryAfter != null && retryAfter.compareTo(policy.maxRetryAfter()) > 0) {
                throw new ConnectorException(Category.TRANSIENT, problem + "; asked to wait " + retryAfter,
                        retryAfter, null);
            }
            if (retry > policy.maxRetries()) {
                throw new ConnectorException(Category.TRANSIENT,
                        problem + " (gave up after " + policy.maxRetries() + " retries)", retryAfter, null);
            }
            waitFor(retryAfter == null || backoff.compareTo(retryAfter) > 0 ? backoff : retryAfter, where);
        }
    }

    /**
     * A 2xx body, and a 4xx body for its detail; not a 429's or a 5xx's, which are retried whatever
     * they say (a large error page must not turn a retry into a failure).
     */
    private static boolean bodyWanted(int status) {
        return status >= 200 && status < 300 || status >= 400 && status < 500 && status != 429;
    }

    /** ": <the vendor's detail>" from an error body, or nothing. */
    private String detail(TimedExchange.Result response) {
        JsonNode body;
        try {
            body = response.body().length == 0 ? null : JSON.readTree(response.body());
        } catch (IOException notJson) {
            body = null;
        }
        String detail;
        try {
            detail = errorDetail.describe(body);
        } catch (RuntimeException unreadable) {
            detail = "";
        }
        return detail == null || detail.isBlank() ? "" : ": " + detail;
    }

    /**
     * Sends {@code start} (a GET, or a POST of {@code body}), following redirects by hand: each hop
     * is a new request through the same egress-checked client; the bodies {@link #bodyWanted} names
     * are read.
     */
    private TimedExchange.Result exchange(URI start, String method, String body, Map<String, String> headers,
                                          RequestAuth auth, String where) throws IOException {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        URI uri = start;
        String content = body;
        for (int hop = 0; ; hop++) {
            HttpUriRequestBase request;
            try {
                if ("DELETE".equals(method) && hop == 0) {
                    request = new HttpDelete(uri);
                } else if (content == null) {
                    request = new HttpGet(uri);
                } else {
                    HttpPost post = new HttpPost(uri);
                    post.setEntity(new StringEntity(content, ContentType.APPLICATION_JSON));
                    request = post;
                }
            } catch (IllegalArgumentException e) {
                throw new ConnectorException(Category.CONFIG, where + " redirected to an unusable address");
            }
            request.setHeader("Accept", "application/json");
            if (sameOrigin(uri, start)) {
                headers.forEach(request::setHeader);
                auth.headers().forEach(request::setHeader);
            }
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                throw new java.net.SocketTimeoutException("no complete response within " + requestTimeout);
            }
            TimedExchange.Result response = TimedExchange.send(http, request, left,
                    JsonHttpClient::bodyWanted, egress.maxResponseBytes(), where);
            String location = response.headers().firstValue("Location").orElse(null);
            if (!REDIRECTS.contains(response.status()) || location == null) {
                return response;
            }
            if (hop >= MAX_REDIRECTS) {
                throw new ConnectorException(Category.CONFIG, where + " redirected more than " + MAX_REDIRECTS + " times");
            }
            URI next;
            try {
                next = uri.resolve(location.trim());
            } catch (IllegalArgumentException e) {
                throw new ConnectorException(Category.CONFIG, where + " redirected to an unusable address");
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(scheme.equals("http") && "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new ConnectorException(Category.CONFIG, where + " redirected to " + scheme
                        + (scheme.equals("http") ? " from https" : "") + "; only https (or http from http) is followed");
            }
            uri = next;
            if (content != null && response.status() != 307 && response.status() != 308) {
                content = null;
            }
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()),
                lower(b.getHost())) && port(a) == port(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new MalformedResponseException("empty body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException("not JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new MalformedResponseException("unreadable body", e);
        }
    }

    /** Sleeps until the clock has passed the deadline, so that a short sleep never sends early. */
    private void waitFor(Duration wait, String where) {
        Instant deadline = clock.instant().plus(wait);
        try {
            for (Duration left = wait; !left.isNegative() && !left.isZero();
                 left = Duration.between(clock.instant(), deadline)) {
                sleeper.sleep(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(Category.TRANSIENT, "interrupted while waiting to call " + where, e);
        }
    }

    Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(String::trim).flatMap(this::parseRetryAfter);
    }

    private Optional<Duration> parseRetryAfter(String value) {
        try {
            BigDecimal seconds = new BigDecimal(value);
            return Optional.of(Duration.ofMillis(seconds.movePointRight(3).max(BigDecimal.ZERO).longValue()));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
