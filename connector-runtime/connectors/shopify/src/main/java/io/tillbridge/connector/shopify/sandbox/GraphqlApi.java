package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.sandbox.SandboxResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code POST /admin/api/{version}/graphql.json}: the {@code orders}, {@code products},
 * {@code inventoryItems} and {@code locations} connections ({@code first}/{@code after} or
 * {@code last}/{@code before}, at most 250, {@code query}, {@code sortKey}, {@code reverse}), the
 * {@code shop} object and the {@code inventorySetQuantities} mutation. Every answer carries
 * {@code extensions.cost}; a query that does not fit the cost bucket answers {@code THROTTLED}.
 * Anything else (unknown fields, fragments, syntax errors) answers {@code errors[]}, never empty data.
 */
final class GraphqlApi {

    static final int MAX_PAGE = 250;
    private static final int MUTATION_COST = 10;
    /** The access scope each root field needs. */
    private static final Map<String, String> SCOPES = Map.of("orders", "read_orders", "products", "read_products",
            "inventoryItems", "read_inventory", "locations", "read_locations",
            "inventorySetQuantities", "write_inventory");

    /** An error of a query, reported in {@code errors[]}. */
    static final class QueryException extends RuntimeException {
        final String code;

        QueryException(String message, String code) {
            super(message);
            this.code = code;
        }
    }

    private final Function<ShopData, LeakyBucket> buckets;
    private final Supplier<Instant> clock;
    private final ShopifySandboxOptions options;
    private final GraphqlMutations mutations;

    GraphqlApi(Function<ShopData, LeakyBucket> buckets, Supplier<Instant> clock, ShopifySandboxOptions options,
            ShopEvents events) {
        this.buckets = buckets;
        this.clock = clock;
        this.options = options;
        this.mutations = new GraphqlMutations(events, clock);
    }

    SandboxResponse execute(SandboxRequest request) {
        ObjectNode body = request.bodyObject();
        JsonNode variables = body.path("variables").isObject() ? body.path("variables") : ShopifyJson.object();
        GraphqlDocument.Operation operation;
        try {
            operation = GraphqlDocument.parse(body.path("query").asText(null), variables);
        } catch (GraphqlDocument.SyntaxException e) {
            return SandboxResponse.ok(errors(e.getMessage(), "PARSE_ERROR", null));
        }
        boolean mutation = "mutation".equals(operation.kind());
        LeakyBucket bucket = buckets.apply(request.shop());
        Instant now = clock.get();
        int requested;
        try {
            requested = mutation ? MUTATION_COST : operation.fields().stream().mapToInt(GraphqlApi::cost).sum();
        } catch (QueryException e) {
            return SandboxResponse.ok(errors(e.getMessage(), e.code, null));
        }
        if (requested > bucket.capacity()) {
            return SandboxResponse.ok(errors("Query cost is " + requested
                    + ", which exceeds the single query max cost limit (" + (int) bucket.capacity() + ").",
                    "MAX_COST_EXCEEDED", cost(requested, null, bucket, now)));
        }
        if (!bucket.pour(requested, now)) {
            ObjectNode throttled = errors("Throttled", "THROTTLED", cost(requested, null, bucket, now));
            return SandboxResponse.of(options.graphqlThrottleStatus(), throttled);
        }
        ObjectNode data = ShopifyJson.object();
        int actual = mutation ? MUTATION_COST : 0;
        try {
            GraphqlNodes nodes = new GraphqlNodes(request.shop());
            for (GraphqlDocument.Field field : operation.fields()) {
                String scope = SCOPES.get(field.name());
                if (scope != null && !request.grant().allows(scope)) {
                    throw new QueryException("Access denied for " + field.name() + " field. Required access: `"
                            + scope + "` access scope.", "ACCESS_DENIED");
                }
                JsonNode whole;
                if (mutation) {
                    whole = mutations.resolve(request.shop(), field);
                } else {
                    whole = resolve(request.shop(), nodes, field);
                    actual += actualCost(field, whole);
                }
                data.set(field.key(), project(whole, field.selections(), "QueryRoot", field.name()));
            }
        } catch (QueryException e) {
            bucket.refund(requested);
            return SandboxResponse.ok(errors(e.getMessage(), e.code, cost(requested, 0, bucket, now)));
        }
        bucket.refund(Math.max(0, requested - actual));
        ObjectNode answer = ShopifyJson.object();
        answer.set("data", data);
        answer.putObject("extensions").set("cost", cost(requested, actual, bucket, now));
        return SandboxResponse.ok(answer);
    }

    private JsonNode resolve(ShopData shop, GraphqlNodes nodes, GraphqlDocument.Field field) {
        return switch (field.name()) {
            case "orders" -> GraphqlConnections.orders(shop, nodes, field);
            case "products" -> GraphqlConnections.products(shop, nodes, field);
            case "inventoryItems" -> GraphqlConnections.inventoryItems(shop, nodes, field);
            case "locations" -> GraphqlConnections.locations(shop, nodes, field);
            case "shop" -> nodes.shop();
            default -> throw new QueryException("Field '" + field.name() + "' doesn't exist on type 'QueryRoot'",
                    "undefinedField");
        };
    }

    /**
     * Shopify's cost model, simplified: a connection costs 2 plus, per node, 1 and the page sizes of
     * the connections nested in it; any other field costs 1.
     */
    private static int cost(GraphqlDocument.Field field) {
        int page = pageSize(field);
        return page == 0 ? 1 : 2 + page * (1 + nestedPages(field.selections()));
    }

    private static int nestedPages(List<GraphqlDocument.Field> selections) {
        int sum = 0;
        for (GraphqlDocument.Field child : selections) {
            sum += child.arguments().containsKey("first") || child.arguments().containsKey("last")
                    ? pageSize(child) : nestedPages(child.selections());
        }
        return sum;
    }

    /** {@code first} or {@code last} of a connection (0 for a field that is not one); 1..250. */
    static int pageSize(GraphqlDocument.Field field) {
        JsonNode size = field.arguments().containsKey("first") ? field.argument("first") : field.argument("last");
        if (size.isNull() || size.isMissingNode()) {
            if (GraphqlConnections.ROOTS.contains(field.name())) {
                throw new QueryException("you must provide one of first or last", "BAD_REQUEST");
            }
            return 0;
        }
        if (!size.canConvertToInt() || size.asInt() < 1 || size.asInt() > MAX_PAGE) {
            throw new QueryException("The '" + (field.arguments().containsKey("first") ? "first" : "last")
                    + "' argument of '" + field.name() + "' must be between 1 and " + MAX_PAGE, "BAD_REQUEST");
        }
        return size.asInt();
    }

    private static int actualCost(GraphqlDocument.Field field, JsonNode whole) {
        if (!GraphqlConnections.ROOTS.contains(field.name())) {
            return 1;
        }
        int requested = cost(field);
        int page = pageSize(field);
        int returned = whole.path("nodes").size();
        return 2 + (requested - 2) / page * returned;
    }

    private ObjectNode cost(int requested, Integer actual, LeakyBucket bucket, Instant now) {
        ObjectNode cost = ShopifyJson.object();
        cost.put("requestedQueryCost", requested);
        if (actual == null) {
            cost.putNull("actualQueryCost");
        } else {
            cost.put("actualQueryCost", actual);
        }
        ObjectNode status = cost.putObject("throttleStatus");
        status.put("maximumAvailable", bucket.capacity());
        status.put("currentlyAvailable", (int) Math.floor(bucket.capacity() - bucket.level(now)));
        status.put("restoreRate", bucket.leakPerSecond());
        return cost;
    }

    private static ObjectNode errors(String message, String code, ObjectNode cost) {
        ObjectNode body = ShopifyJson.object();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("message", message);
        ObjectNode extensions = error.putObject("extensions");
        extensions.put("code", code);
        if ("THROTTLED".equals(code)) {
            extensions.put("documentation", "https://shopify.dev/api/usage/rate-limits");
        }
        if (cost != null) {
            body.putObject("extensions").set("cost", cost);
        }
        return body;
    }

    /** Keeps what the selection set asks for, under its aliases; a field the type lacks is an error. */
    static JsonNode project(JsonNode whole, List<GraphqlDocument.Field> selections, String parentType, String name) {
        if (whole == null || whole.isNull()) {
            return NullNode.getInstance();
        }
        if (whole.isArray()) {
            ArrayNode list = ShopifyJson.array();
            whole.forEach(item -> list.add(project(item, selections, parentType, name)));
            return list;
        }
        if (whole.isObject()) {
            String type = whole.path("__typename").asText(parentType);
            if (selections.isEmpty()) {
                throw new QueryException("Field must have selections (field '" + name + "' returns " + type
                        + " but has no selections.", "selectionMismatch");
            }
            ObjectNode projected = ShopifyJson.object();
            for (GraphqlDocument.Field selection : selections) {
                JsonNode value = whole.get(selection.name());
                if (value == null) {
                    throw new QueryException("Field '" + selection.name() + "' doesn't exist on type '" + type + "'",
                            "undefinedField");
                }
                projected.set(selection.key(), project(value, selection.selections(), type, selection.name()));
            }
            return projected;
        }
        if (!selections.isEmpty()) {
            throw new QueryException("Selections can't be made on scalars (field '" + name + "')",
                    "selectionMismatch");
        }
        return whole;
    }

    /** An opaque cursor: the position's sort value and id, as Shopify's cursors carry them. */
    static String cursor(long sortValue, long id) {
        String json = "{\"last_id\":" + id + ",\"last_value\":" + sortValue + "}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static long[] readCursor(String cursor) {
        try {
            JsonNode json = ShopifyJson.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
            if (json.path("last_id").canConvertToLong() && json.path("last_value").canConvertToLong()) {
                return new long[] {json.path("last_value").asLong(), json.path("last_id").asLong()};
            }
        } catch (IllegalArgumentException | IOException e) {
            // answered below
        }
        throw new QueryException("Invalid cursor for current pagination sort.", "BAD_REQUEST");
    }
}
