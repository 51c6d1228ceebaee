package io.tillbridge.connector.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.CallGate;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/**
 * GETs JSON with a connect timeout and a request timeout (for the whole exchange, body included) on
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
 */
public final class JsonHttpClient {

    /** A parsed 2xx response. */
    public record Response(URI uri, int status, HttpHeaders headers, JsonNode body) {
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

    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;
    private final CallGate gate;
    private final BooleanSupplier stopRequested;

    /**
     * @param gate the provider account's gate, asked before every request
     * @param stopRequested polled while the gate makes a request wait; when true the call throws
     *     {@link StopRequested}
     */
    public JsonHttpClient(Duration connectTimeout, Duration requestTimeout, RetryPolicy policy, Sleeper sleeper,
                          Clock clock, DoubleSupplier random, CallGate gate, BooleanSupplier stopRequested) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Objects.requireNonNull(connectTimeout, "connectTimeout"))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
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
                          Clock clock, DoubleSupplier random) {
        this(connectTimeout, requestTimeout, policy, sleeper, clock, random, CallGate.OPEN, () -> false);
    }

    public JsonHttpClient(Duration connectTimeout, Duration requestTimeout, RetryPolicy policy) {
        this(connectTimeout, requestTimeout, policy, Sleeper.REAL, Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble());
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
                HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
                        .header("Accept", "application/json");
                headers.forEach(request::header);
                auth.headers().forEach(request::setHeader);
                // The request timeout bounds the whole exchange, body included.
                HttpResponse<byte[]> response = TimedExchange.send(http, request.build(), requestTimeout);
                int status = response.statusCode();
                if (status == 401 && !renewed && auth.renew()) {
                    // A stale access token: refreshed once, the request is repeated once (not a retry).
                    renewed = true;
                    retry--;
                    continue;
                } else if (status == 401 || status == 403) {
                    throw new ConnectorException(Category.AUTH,
                            where + " refused the credentials (HTTP " + status + ")");
                } else if (status == 429) {
                    rateLimited = true;
                    retryAfter = retryAfter(response.headers()).orElse(null);
                    problem = where + " is rate limiting us (HTTP 429)";
                } else if (status >= 500) {
                    problem = where + " failed (HTTP " + status + ")";
                } else if (status >= 300) {
                    throw new ConnectorException(Category.CONFIG, where + " refused the request (HTTP " + status + ")");
                } else {
                    try {
                        return reader.read(new Response(uri, status, response.headers(), parse(response.body())));
                    } catch (MalformedResponseException e) {
                        problem = where + " sent a malformed page: " + e.getMessage();
                    }
                }
            } catch (IOException e) {
                problem = where + " could not be reached: " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException(Category.TRANSIENT, "interrupted while calling " + where, e);
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
