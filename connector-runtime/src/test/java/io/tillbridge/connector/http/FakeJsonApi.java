package io.tillbridge.connector.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local vendor API that behaves like the real ones (see the vendor API notes): bearer auth (401
 * on a bad token), records sorted by {@code updated_at} then {@code id} with some timestamps shared,
 * an inclusive {@code updated_since} filter, and three pagination styles:
 * <ul>
 *   <li>{@code /cursor}: {@code {"data":[...],"next_cursor":"..."}}, no cursor on the last page,
 *       the cursor opaque (Square);</li>
 *   <li>{@code /pages?page=N}: {@code {"data":[...]}}, an empty page after the last (Toast);</li>
 *   <li>{@code /link}: a {@code Link: <...page_info=...>; rel="next"} header, none on the last
 *       page (Shopify REST).</li>
 * </ul>
 * On demand it answers 429 with {@code Retry-After: 2}, or cuts a page's body in the middle. It
 * accepts {@link #TOKEN}, or the tokens a test says are current (an OAuth2 token server's). A
 * configuration of the {@link ScriptedApi}.
 */
public final class FakeJsonApi implements AutoCloseable {

    public static final String TOKEN = "good-token";
    public static final int PAGE_SIZE = 10;

    private static final ObjectMapper JSON =
            new ObjectMapper().setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private final ScriptedApi server = ScriptedApi.start();
    private final List<ObjectNode> records = new CopyOnWriteArrayList<>();
    private final AtomicInteger truncated = new AtomicInteger();
    private final AtomicInteger stalled = new AtomicInteger();

    public FakeJsonApi() {
        server.requireBearer(TOKEN).route("/", this::page);
    }

    public URI uri(String path) {
        return server.uri(path);
    }

    /**
     * Adds records {@code rec-001}... so that the API holds {@code count}; every third record
     * shares its predecessor's {@code updated_at}.
     */
    public void holdRecords(int count) {
        for (int i = records.size() + 1; i <= count; i++) {
            add("rec-%03d".formatted(i), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * (i - i / 3)));
        }
    }

    /** Adds or replaces one record. */
    public void add(String id, Instant updatedAt) {
        records.removeIf(r -> r.get("id").asText().equals(id));
        ObjectNode record = JSON.createObjectNode();
        record.put("id", id);
        record.put("name", "Item " + id);
        record.put("amount", new java.math.BigDecimal("12.50"));
        record.put("paid", true);
        record.putNull("note");
        record.put("updated_at", updatedAt.toString());
        records.add(record);
    }

    /** The next {@code count} requests answer 429 with {@code Retry-After: 2}. */
    public void rateLimitNext(int count) {
        rateLimitNext(count, "2");
    }

    /** The next {@code count} requests answer 429 with this {@code Retry-After} (a forged one, say). */
    public void rateLimitNext(int count, String retryAfter) {
        server.rateLimitNext(count, retryAfter);
    }

    /** The next {@code count} pages send their headers, then nothing for 5 seconds. */
    public void stallNext(int count) {
        stalled.set(count);
    }

    /** The next {@code count} pages are cut in the middle of their body. */
    public void truncateNext(int count) {
        truncated.set(count);
    }

    /** From now on, a bearer token is accepted when {@code current} says so. */
    public void acceptTokens(java.util.function.Predicate<String> current) {
        server.requireBearer(current);
    }

    /** When each request arrived ({@link System#nanoTime()}), in order. */
    public List<Long> requestNanos() {
        return server.requests().stream().map(ScriptedApi.Request::atNanos).toList();
    }

    /** The requests received (path and query), in order. */
    public List<String> requests() {
        return server.requests().stream().map(ScriptedApi.Request::target).toList();
    }

    private Reply page(ScriptedApi.Request request) {
        Map<String, String> query = request.parameters();
        List<ObjectNode> matching = matching(query.get("updated_since"));
        ObjectNode page = JSON.createObjectNode();
        String next = null;
        switch (request.path()) {
            case "/cursor" -> {
                int offset = query.containsKey("cursor") ? decode(query.get("cursor")) : 0;
                page.set("data", slice(matching, offset));
                if (offset + PAGE_SIZE < matching.size()) {
                    page.put("next_cursor", encode(offset + PAGE_SIZE));
                }
            }
            case "/pages" -> {
                int number = Integer.parseInt(query.getOrDefault("page", "1"));
                page.set("data", slice(matching, (number - 1) * PAGE_SIZE));
            }
            case "/link" -> {
                int offset = query.containsKey("page_info") ? decode(query.get("page_info")) : 0;
                page.set("data", slice(matching, offset));
                if (offset + PAGE_SIZE < matching.size()) {
                    String since = query.containsKey("updated_since") ? "&updated_since=" + query.get("updated_since") : "";
                    next = "<" + uri("/link?limit=" + PAGE_SIZE + "&page_info=" + encode(offset + PAGE_SIZE) + since)
                            + ">; rel=\"next\"";
                }
            }
            default -> {
                return Reply.json(404, "{\"errors\":[{\"code\":\"NOT_FOUND\"}]}");
            }
        }
        Reply reply = next == null ? Reply.ok(page.toString()) : Reply.ok(page.toString()).header("Link", next);
        if (stalled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return reply.stalled(Duration.ofSeconds(5));
        }
        if (truncated.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return reply.truncated();
        }
        return reply;
    }

    private List<ObjectNode> matching(String since) {
        Comparator<ObjectNode> order = Comparator.comparing((ObjectNode r) -> Instant.parse(r.get("updated_at").asText()))
                .thenComparing(r -> r.get("id").asText());
        List<ObjectNode> sorted = new ArrayList<>(records);
        sorted.sort(order);
        if (since == null) {
            return sorted;
        }
        Instant from = Instant.parse(since);
        return sorted.stream().filter(r -> !Instant.parse(r.get("updated_at").asText()).isBefore(from)).toList();
    }

    private static ArrayNode slice(List<ObjectNode> records, int offset) {
        ArrayNode array = JSON.createArrayNode();
        records.stream().skip(Math.max(0, offset)).limit(PAGE_SIZE).forEach(array::add);
        return array;
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        return Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).substring(2));
    }

    @Override
    public void close() {
        server.close();
    }
}
