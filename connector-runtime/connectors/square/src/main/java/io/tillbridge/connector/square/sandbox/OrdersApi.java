package io.tillbridge.connector.square.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /v2/orders/search} and {@code POST /v2/orders/batch-retrieve} (scope
 * {@code ORDERS_READ}), with the spec's rules: at most 10 {@code location_ids}; {@code limit}
 * 1..1000, 500 by default; one time range in {@code date_time_filter}, and it must name the same
 * timestamp as {@code sort.sort_field} (default {@code CREATED_AT}); a range without
 * {@code end_at} ends at the time of the first request of the cursor; orders without the sorted
 * timestamp ({@code closed_at} of an open order) are left out.
 */
final class OrdersApi {

    private static final Set<String> STATES = Set.of("OPEN", "COMPLETED", "CANCELED", "DRAFT");
    private static final List<String> TIME_FIELDS = List.of("created_at", "updated_at", "closed_at");

    private final SandboxData data;
    private final PageCursors cursors;
    private final SquareSandboxOptions options;
    private final Map<String, OrderTimeIndex> indexes = new HashMap<>();

    OrdersApi(SandboxData data, PageCursors cursors, SquareSandboxOptions options) {
        this.data = data;
        this.cursors = cursors;
        this.options = options;
        TIME_FIELDS.forEach(field -> indexes.put(field, new OrderTimeIndex(data, field)));
    }

    SandboxResponse search(SandboxRequest request) {
        ObjectNode body = request.bodyObject();
        Set<String> locations = locationIds(body.path("location_ids"));
        int limit = body.has("limit") ? body.path("limit").asInt() : options.ordersDefaultLimit();
        if (limit < 1) {
            throw SquareApiException.badRequest("VALUE_TOO_LOW", "limit must be at least 1", "limit");
        }
        if (limit > options.ordersMaxLimit()) {
            throw SquareApiException.badRequest("VALUE_TOO_HIGH",
                    "limit must be at most " + options.ordersMaxLimit(), "limit");
        }
        JsonNode filter = body.path("query").path("filter");
        Set<String> states = states(filter.path("state_filter"));
        String rangeField = null;
        JsonNode range = null;
        for (String field : TIME_FIELDS) {
            if (filter.path("date_time_filter").has(field)) {
                if (rangeField != null) {
                    throw SquareApiException.badRequest("BAD_REQUEST",
                            "date_time_filter takes one time range at a time", "query.filter.date_time_filter");
                }
                rangeField = field;
                range = filter.path("date_time_filter").path(field);
            }
        }
        JsonNode sort = body.path("query").path("sort");
        String sortField = sort.path("sort_field").asText("CREATED_AT");
        if (!Set.of("CREATED_AT", "UPDATED_AT", "CLOSED_AT").contains(sortField)) {
            throw SquareApiException.badRequest("INVALID_ENUM_VALUE", "Unknown sort_field " + sortField,
                    "query.sort.sort_field");
        }
        String sortOrder = sort.path("sort_order").asText("DESC");
        if (!Set.of("ASC", "DESC").contains(sortOrder)) {
            throw SquareApiException.badRequest("INVALID_SORT_ORDER", "Unknown sort_order " + sortOrder,
                    "query.sort.sort_order");
        }
        String timeField = sortField.toLowerCase();
        if (rangeField != null && !rangeField.equals(timeField)) {
            throw SquareApiException.badRequest("BAD_REQUEST", "A date_time_filter on " + rangeField
                    + " needs sort_field " + rangeField.toUpperCase(), "query.sort.sort_field");
        }
        PageCursors.Position position = cursors.start(request, body.path("cursor").asText(null), data.now());
        Instant start = range == null || !range.has("start_at") ? Instant.MIN
                : SquareJson.instant(range.path("start_at").asText(), "start_at");
        Instant end = range != null && range.has("end_at")
                ? SquareJson.instant(range.path("end_at").asText(), "end_at") : position.asOf();
        // The page and one more (whether there is a next page) after the cursor's offset.
        List<ObjectNode> found = indexes.get(timeField).find(start, end, "ASC".equals(sortOrder), data.now(),
                o -> locations.contains(o.path("location_id").asText())
                        && (states == null || states.contains(o.path("state").asText())),
                (int) Math.min(Integer.MAX_VALUE, (long) position.offset() + limit + 1));
        PageCursors.Page<ObjectNode> page = cursors.page(found, position, limit);
        if (!body.path("return_entries").asBoolean()) {
            return SandboxResponse.ok(PageCursors.body("orders", page));
        }
        List<ObjectNode> entries = page.items().stream().map(o -> SquareJson.object()
                .put("order_id", o.path("id").asText()).put("version", o.path("version").asInt())
                .put("location_id", o.path("location_id").asText())).toList();
        return SandboxResponse.ok(PageCursors.body("order_entries", new PageCursors.Page<>(entries, page.cursor())));
    }

    SandboxResponse batchRetrieve(SandboxRequest request) {
        JsonNode ids = request.bodyObject().path("order_ids");
        if (!ids.isArray() || ids.isEmpty()) {
            throw SquareApiException.badRequest("MISSING_REQUIRED_PARAMETER", "order_ids is required", "order_ids");
        }
        if (ids.size() > 100) {
            throw SquareApiException.badRequest("ARRAY_LENGTH_TOO_LONG", "At most 100 order_ids", "order_ids");
        }
        String location = request.bodyObject().path("location_id").asText(null);
        ObjectNode out = SquareJson.object();
        ArrayNode orders = out.putArray("orders");
        for (JsonNode id : ids) {
            data.order(id.asText()).filter(o -> location == null || location.equals(o.path("location_id").asText()))
                    .ifPresent(orders::add);
        }
        return SandboxResponse.ok(out);
    }

    private Set<String> locationIds(JsonNode ids) {
        if (!ids.isArray() || ids.isEmpty()) {
            throw SquareApiException.badRequest("MISSING_REQUIRED_PARAMETER", "location_ids is required",
                    "location_ids");
        }
        if (ids.size() > 10) {
            throw SquareApiException.badRequest("ARRAY_LENGTH_TOO_LONG", "At most 10 location_ids", "location_ids");
        }
        Set<String> known = new HashSet<>();
        data.locationsLive().forEach(l -> known.add(l.path("id").asText()));
        Set<String> out = new HashSet<>();
        for (JsonNode id : ids) {
            if (!known.contains(id.asText())) {
                throw SquareApiException.badRequest("INVALID_VALUE",
                        "Location " + id.asText() + " does not belong to this merchant", "location_ids");
            }
            out.add(id.asText());
        }
        return out;
    }

    private static Set<String> states(JsonNode stateFilter) {
        if (stateFilter.isMissingNode()) {
            return null;
        }
        JsonNode states = stateFilter.path("states");
        if (!states.isArray() || states.isEmpty()) {
            throw SquareApiException.badRequest("MISSING_REQUIRED_PARAMETER", "state_filter.states is required",
                    "query.filter.state_filter.states");
        }
        Set<String> out = new HashSet<>();
        for (JsonNode s : states) {
            if (!STATES.contains(s.asText())) {
                throw SquareApiException.badRequest("INVALID_ENUM_VALUE", "Unknown order state " + s.asText(),
                        "query.filter.state_filter.states");
            }
            out.add(s.asText());
        }
        return out;
    }
}
