package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.LinkHeader;
import io.tillbridge.connector.rest.RequestAuth;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.rest.UriQuery;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shopify's REST Admin API as the connector calls it: the {@code X-Shopify-Access-Token} header,
 * {@code Link} paging (the next page's URL is followed only on the shop's own origin, so that a
 * forged header cannot send the token elsewhere), Shopify's error bodies in the messages, and the
 * leaky bucket: after every answer the {@code X-Shopify-Shop-Api-Call-Limit} ({@code 32/40}) is read,
 * and when the bucket is nearly full the next request waits until it has leaked enough at the
 * standard plan's 2 requests a second (vendor-apis.md, section 2; faster plans just wait a little
 * more than needed). A 429 is retried by the {@link JsonHttpClient} after its {@code Retry-After};
 * when the client's retries run out on 429s alone, the call starts again, up to
 * {@value #RATE_LIMIT_ROUNDS} times, so that a busy bucket slows a sync down without failing it. A
 * {@code Retry-After} longer than the client waits in a call still fails TRANSIENT, for the run
 * engine to reschedule.
 */
final class ShopifyApi {

    /**
     * Exact decimals, as the runtime's client reads answers: a webhook's {@code 1.10} is the same
     * {@code 1.10} a read gives, so a carried record equals a read one.
     */
    static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Calls started again after the client gave up on 429s. */
    static final int RATE_LIMIT_ROUNDS = 20;

    /** Requests kept free in the bucket, for other runs of the app on the same shop. */
    private static final int HEADROOM = 4;

    /** The standard plan's leak rate (requests a second). */
    private static final double LEAK_PER_SECOND = 2.0;

    private static final Pattern CALL_LIMIT = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");

    /** One page of a REST list: the records and the next page's URL, null on the last page. */
    record Page(List<JsonNode> records, URI next) {
    }

    private final ShopifyConfig config;
    private final JsonHttpClient client;
    private final RequestAuth auth;
    private final Sleeper sleeper;
    private Duration pause = Duration.ZERO;

    ShopifyApi(ShopifyConfig config, JsonHttpClient client, Sleeper sleeper) {
        this.config = config;
        this.client = client;
        this.sleeper = sleeper;
        String token = config.accessToken();
        this.auth = new RequestAuth() {
            @Override
            public Map<String, String> headers() {
                return Map.of("X-Shopify-Access-Token", token == null ? "" : token);
            }

            @Override
            public boolean renew() {
                return false;
            }
        };
    }

    ShopifyConfig config() {
        return config;
    }

    /** {@code GET <resource>.json} with the query; the answer's body. */
    JsonNode get(String resource, Map<String, String> query) {
        URI uri = config.api(resource);
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (e.getValue() != null) {
                uri = UriQuery.with(uri, e.getKey(), e.getValue());
            }
        }
        URI target = uri;
        return limited(() -> client.get(target, Map.of(), auth, this::body));
    }

    /** The first page of a list ({@code field} names the array in the body), or the page at {@code next}. */
    Page page(String resource, String field, Map<String, String> query, URI next) {
        URI uri;
        if (next != null) {
            uri = sameOrigin(next);
        } else {
            uri = config.api(resource);
            for (Map.Entry<String, String> e : query.entrySet()) {
                if (e.getValue() != null) {
                    uri = UriQuery.with(uri, e.getKey(), e.getValue());
                }
            }
        }
        URI target = uri;
        return limited(() -> client.get(target, Map.of(), auth, response -> {
            JsonNode body = body(response);
            JsonNode array = body.path(field);
            if (!array.isArray()) {
                throw new io.tillbridge.connector.rest.MalformedResponseException("the answer has no " + field + " list");
            }
            List<JsonNode> records = new ArrayList<>();
            array.forEach(records::add);
            URI following = LinkHeader.find(response.headers(), "next").map(link -> {
                try {
                    return URI.create(link.trim());
                } catch (IllegalArgumentException e) {
                    throw new ConnectorException(Category.SYSTEM, "Shopify sent a next-page link that is not a URL");
                }
            }).orElse(null);
            return new Page(records, following);
        }));
    }

    /** {@code POST <resource>.json} with a JSON body. */
    JsonNode post(String resource, JsonNode body) {
        return limited(() -> client.post(config.api(resource), body, Map.of(), auth, this::body));
    }

    /** {@code DELETE <resource>.json}. */
    JsonNode delete(String resource) {
        return limited(() -> client.delete(config.api(resource), Map.of(), auth, this::body));
    }

    /**
     * Runs one call: first the wait the last answer's call limit asked for, then the call; a call
     * whose retries ran out on 429s alone is started again.
     */
    private <T> T limited(Supplier<T> call) {
        for (int round = 1; ; round++) {
            if (!pause.isZero()) {
                Duration wait = pause;
                pause = Duration.ZERO;
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConnectorException(Category.TRANSIENT, "interrupted while waiting for Shopify's bucket", e);
                }
            }
            try {
                return call.get();
            } catch (ConnectorException e) {
                // Only a 429 gives a TRANSIENT failure its Retry-After (JsonHttpClient); one the client would
                // not wait for in a call (longer than its limit) is for the run engine to wait out.
                boolean rateLimited = e.category() == Category.TRANSIENT && e.retryAfter().isPresent()
                        && e.retryAfter().get().compareTo(Duration.ofMinutes(2)) <= 0;
                if (!rateLimited || round >= RATE_LIMIT_ROUNDS) {
                    throw e;
                }
                pause = e.retryAfter().get().isZero() ? Duration.ofSeconds(1) : e.retryAfter().get();
            }
        }
    }

    private JsonNode body(JsonHttpClient.Response response) {
        response.headers().firstValue("X-Shopify-Shop-Api-Call-Limit").ifPresent(this::pace);
        return response.body();
    }

    /** Waits before the next request when the bucket is within {@link #HEADROOM} of full. */
    private void pace(String callLimit) {
        Matcher m = CALL_LIMIT.matcher(callLimit);
        if (!m.matches()) {
            return;
        }
        long used = Long.parseLong(m.group(1));
        long size = Long.parseLong(m.group(2));
        long over = used - Math.max(0, size - HEADROOM);
        if (over > 0) {
            pause = Duration.ofMillis((long) Math.ceil(over / LEAK_PER_SECOND * 1000));
        }
    }

    /** The next page's URL, if it is on the shop's origin; anything else fails SYSTEM. */
    private URI sameOrigin(URI next) {
        URI base = config.shopUrl();
        boolean same = Objects.equals(lower(next.getScheme()), lower(base.getScheme()))
                && Objects.equals(lower(next.getHost()), lower(base.getHost())) && port(next) == port(base)
                && next.getRawPath() != null && next.getRawPath().startsWith(base.getRawPath() == null ? ""
                : base.getRawPath());
        if (!same) {
            throw new ConnectorException(Category.SYSTEM, "Shopify's next-page link points away from the shop");
        }
        return next;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Shopify's error body as a sentence: {@code {"errors": "message"}}, {@code {"errors": {"field":
     * ["message"]}}} or an OAuth {@code {"error", "error_description"}}; empty when the body has none.
     */
    static String describe(JsonNode body) {
        if (body == null) {
            return "";
        }
        JsonNode errors = body.path("errors");
        String text;
        if (errors.isTextual()) {
            text = errors.asText();
        } else if (errors.isObject()) {
            List<String> parts = new ArrayList<>();
            errors.fields().forEachRemaining(e -> {
                List<String> messages = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().forEach(m -> messages.add(m.asText()));
                } else {
                    messages.add(e.getValue().asText());
                }
                parts.add(e.getKey() + " " + String.join(", ", messages));
            });
            text = String.join("; ", parts);
        } else if (errors.isArray()) {
            List<String> parts = new ArrayList<>();
            errors.forEach(m -> parts.add(m.isTextual() ? m.asText() : m.path("message").asText()));
            text = String.join("; ", parts);
        } else if (body.hasNonNull("error")) {
            text = body.path("error").asText() + (body.hasNonNull("error_description")
                    ? ": " + body.path("error_description").asText() : "");
        } else {
            return "";
        }
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
