package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * REST cursor pagination as Shopify does it: {@code limit} (default 50, at most 250) and an opaque
 * {@code page_info} that carries the filters of the first request. The {@code Link} header names the
 * next and previous pages ({@code rel="next"}, {@code rel="previous"}); the last page has no next
 * link, and a single page no header at all. A request with {@code page_info} may add only
 * {@code limit} and {@code fields}; any other parameter answers 400.
 */
final class RestPages {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 250;
    private static final Set<String> WITH_PAGE_INFO = Set.of("page_info", "limit", "fields");

    /** One page: the records, the {@code Link} header (null for none). */
    record Page(List<ShopRecord> records, String link) {

        /** {@code {name: [...]}} with each record (or only {@code fields} of it). */
        ObjectNode body(String name, String fields) {
            ObjectNode body = ShopifyJson.object();
            ArrayNode list = body.putArray(name);
            records.forEach(r -> list.add(project(r.snapshot(), fields)));
            return body;
        }
    }

    private RestPages() {
    }

    /**
     * The page {@code request} asks for, of {@code all} (in key order) that pass {@code filter} built
     * from the request's filters (or those kept in its {@code page_info}).
     */
    static Page page(SandboxRequest request, NavigableMap<Long, ShopRecord> all,
            Function<Map<String, String>, Predicate<ShopRecord>> filter) {
        int limit = (int) request.longParam("limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ShopifyApiException(400, ShopifyJson.fieldErrors("limit",
                    "must be between 1 and " + MAX_LIMIT));
        }
        String pageInfo = request.param("page_info");
        Map<String, String> filters;
        NavigableMap<Long, ShopRecord> range;
        boolean previous = false;
        if (pageInfo != null) {
            List<String> others = request.query().keySet().stream().filter(k -> !WITH_PAGE_INFO.contains(k))
                    .sorted().toList();
            if (!others.isEmpty()) {
                throw ShopifyApiException.badRequest("page_info cannot be combined with other parameters: "
                        + String.join(", ", others) + ". Use only page_info, limit and fields.");
            }
            JsonNode state = decode(pageInfo, request.resource());
            filters = new TreeMap<>();
            state.path("f").fields().forEachRemaining(e -> filters.put(e.getKey(), e.getValue().asText()));
            long anchor = state.path("a").asLong();
            previous = "prev".equals(state.path("d").asText());
            range = previous ? all.headMap(anchor, false).descendingMap() : all.tailMap(anchor, false);
        } else {
            filters = new TreeMap<>(request.query());
            filters.keySet().removeAll(WITH_PAGE_INFO);
            range = all;
        }
        Predicate<ShopRecord> wanted = filter.apply(filters);
        List<ShopRecord> records = new ArrayList<>();
        boolean more = false;
        for (ShopRecord record : range.values()) {
            if (wanted.test(record)) {
                if (records.size() == limit) {
                    more = true;
                    break;
                }
                records.add(record);
            }
        }
        if (previous) {
            Collections.reverse(records);
        }
        boolean hasNext = previous ? !records.isEmpty() : more;
        boolean hasPrevious = pageInfo != null && (previous ? more : !records.isEmpty());
        List<String> links = new ArrayList<>();
        if (hasPrevious) {
            links.add(link(request, limit, encode(request.resource(), filters, records.get(0).id, "prev"),
                    "previous"));
        }
        if (hasNext) {
            links.add(link(request, limit, encode(request.resource(), filters,
                    records.get(records.size() - 1).id, "next"), "next"));
        }
        return new Page(records, links.isEmpty() ? null : String.join(", ", links));
    }

    private static String link(SandboxRequest request, int limit, String pageInfo, String rel) {
        StringBuilder url = new StringBuilder(request.linkBase()).append("?limit=").append(limit);
        String fields = request.param("fields");
        if (fields != null) {
            url.append("&fields=").append(URLEncoder.encode(fields, StandardCharsets.UTF_8));
        }
        url.append("&page_info=").append(pageInfo);
        return "<" + url + ">; rel=\"" + rel + "\"";
    }

    private static String encode(String resource, Map<String, String> filters, long anchor, String direction) {
        ObjectNode state = ShopifyJson.object();
        state.put("r", resource);
        ObjectNode f = state.putObject("f");
        new TreeMap<>(filters).forEach(f::put);
        state.put("a", anchor);
        state.put("d", direction);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ShopifyJson.bytes(state));
    }

    private static JsonNode decode(String pageInfo, String resource) {
        try {
            JsonNode state = ShopifyJson.MAPPER.readTree(Base64.getUrlDecoder().decode(pageInfo));
            if (state != null && resource.equals(state.path("r").asText()) && state.path("a").canConvertToLong()) {
                return state;
            }
        } catch (IllegalArgumentException | IOException e) {
            // answered below
        }
        throw new ShopifyApiException(400, ShopifyJson.fieldErrors("page_info", "Invalid value."));
    }

    /** Only the top-level {@code fields} (comma-separated) of {@code json}; all of it when none are named. */
    static ObjectNode project(ObjectNode json, String fields) {
        if (fields == null || fields.isBlank()) {
            return json;
        }
        ObjectNode projected = ShopifyJson.object();
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        for (String field : fields.split(",")) {
            JsonNode value = json.get(field.trim());
            if (value != null) {
                kept.put(field.trim(), value);
            }
        }
        kept.forEach(projected::set);
        return projected;
    }
}
