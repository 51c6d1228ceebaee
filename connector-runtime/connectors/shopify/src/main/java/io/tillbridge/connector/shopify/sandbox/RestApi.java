package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.sandbox.SandboxResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The REST resources: shop, locations, orders (with transactions), products, customers and
 * inventory levels, read with Shopify's filters and {@code Link} paging; inventory set and adjust;
 * a variant read and updated ({@code variants/{id}.json}: its SKU and price).
 */
final class RestApi {

    private final ShopEvents events;
    private final Supplier<Instant> clock;

    RestApi(ShopEvents events, Supplier<Instant> clock) {
        this.events = events;
        this.clock = clock;
    }

    SandboxResponse shop(SandboxRequest request) {
        ObjectNode body = ShopifyJson.object();
        body.set("shop", request.shop().shopJson());
        return SandboxResponse.ok(body);
    }

    SandboxResponse locations(SandboxRequest request) {
        return SandboxResponse.ok(new RestPages.Page(request.shop().locations.values().stream().toList(), null)
                .body("locations", request.param("fields")));
    }

    SandboxResponse orders(SandboxRequest request) {
        return list(request, request.shop().orders, "orders", RestApi::orderFilter);
    }

    SandboxResponse ordersCount(SandboxRequest request) {
        Predicate<ShopRecord> filter = orderFilter(request.query());
        ObjectNode body = ShopifyJson.object();
        body.put("count", request.shop().orders.values().stream().filter(filter).count());
        return SandboxResponse.ok(body);
    }

    SandboxResponse order(SandboxRequest request, long id) {
        ObjectNode body = ShopifyJson.object();
        body.set("order", RestPages.project(existingOrder(request, id).snapshot(), request.param("fields")));
        return SandboxResponse.ok(body);
    }

    SandboxResponse transactions(SandboxRequest request, long orderId) {
        ObjectNode body = ShopifyJson.object();
        body.set("transactions", existingOrder(request, orderId).transactions.deepCopy());
        return SandboxResponse.ok(body);
    }

    private static ShopRecord existingOrder(SandboxRequest request, long id) {
        ShopRecord order = request.shop().orders.get(id);
        if (order == null) {
            throw ShopifyApiException.notFound();
        }
        return order;
    }

    SandboxResponse products(SandboxRequest request) {
        return list(request, request.shop().products, "products", RestApi::commonFilter);
    }

    /** {@code GET variants/{id}.json}: {@code {"variant": {...}}}. */
    SandboxResponse variant(SandboxRequest request, long id) {
        ObjectNode body = ShopifyJson.object();
        body.set("variant", ((ObjectNode) variantOf(request.shop(), id)[1]).deepCopy());
        return SandboxResponse.ok(body);
    }

    /**
     * {@code PUT variants/{id}.json} with {@code {"variant": {"sku": ..., "price": ...}}}: the variant
     * takes the values sent, and it and its product are updated now ({@code products/update} is sent).
     * Shopify lets several variants share a SKU, and so does the sandbox. Other fields are not
     * implemented (400).
     */
    SandboxResponse updateVariant(SandboxRequest request, long id) {
        JsonNode changes = request.bodyObject().path("variant");
        if (!changes.isObject()) {
            throw ShopifyApiException.invalid("variant", "Required parameter missing or invalid");
        }
        ShopData shop = request.shop();
        JsonNode[] found = variantOf(shop, id);
        ObjectNode variant = (ObjectNode) found[1];
        changes.fieldNames().forEachRemaining(field -> {
            if (!Set.of("id", "sku", "price").contains(field)) {
                throw ShopifyApiException.badRequest("the sandbox updates only a variant's sku and price, not " + field);
            }
        });
        if (changes.has("id") && changes.path("id").asLong() != id) {
            throw ShopifyApiException.invalid("id", "does not match the variant in the address");
        }
        if (changes.has("sku")) {
            JsonNode sku = changes.path("sku");
            if (!sku.isTextual() && !sku.isNull()) {
                throw ShopifyApiException.invalid("sku", "must be text");
            }
            if (sku.isTextual() && sku.asText().length() > 255) {
                throw ShopifyApiException.invalid("sku", "is too long (maximum is 255 characters)");
            }
            variant.set("sku", sku.isNull() ? null : sku.deepCopy());
        }
        if (changes.has("price")) {
            try {
                variant.put("price", shop.money(new java.math.BigDecimal(changes.path("price").asText())));
            } catch (NumberFormatException e) {
                throw ShopifyApiException.invalid("price", "is not a number");
            }
        }
        Instant now = clock.get();
        variant.put("updated_at", shop.at(now));
        ShopRecord product = shop.products.get(found[0].path("id").asLong());
        product.touch(shop, now);
        events.changed(shop, "products/update", product.snapshot(), now);
        ObjectNode body = ShopifyJson.object();
        body.set("variant", variant.deepCopy());
        return SandboxResponse.ok(body);
    }

    /** The product and the variant with this id; 404 when the shop has none. */
    private static JsonNode[] variantOf(ShopData shop, long id) {
        for (ShopRecord product : shop.products.values()) {
            for (JsonNode v : product.json.path("variants")) {
                if (v.path("id").asLong() == id) {
                    return new JsonNode[] {product.json, v};
                }
            }
        }
        throw ShopifyApiException.notFound();
    }

    SandboxResponse customers(SandboxRequest request) {
        return list(request, request.shop().customers, "customers", RestApi::commonFilter);
    }

    private static SandboxResponse list(SandboxRequest request, NavigableMap<Long, ShopRecord> all, String name,
            Function<Map<String, String>, Predicate<ShopRecord>> filter) {
        RestPages.Page page = RestPages.page(request, all, filter);
        return SandboxResponse.ok(page.body(name, request.param("fields"))).withHeader("Link", page.link());
    }

    SandboxResponse inventoryLevels(SandboxRequest request) {
        if (request.param("inventory_item_ids") == null && request.param("location_ids") == null
                && request.param("page_info") == null) {
            throw ShopifyApiException.invalid("base", "inventory_item_ids or location_ids must be present");
        }
        RestPages.Page page = RestPages.page(request, request.shop().inventoryLevels, filters -> {
            Set<Long> items = ids(filters.get("inventory_item_ids"));
            Set<Long> locations = ids(filters.get("location_ids"));
            Instant updatedMin = time(filters, "updated_at_min");
            return level -> (items == null || items.contains(level.json.path("inventory_item_id").asLong()))
                    && (locations == null || locations.contains(level.json.path("location_id").asLong()))
                    && (updatedMin == null || !level.updatedAt.isBefore(updatedMin));
        });
        return SandboxResponse.ok(page.body("inventory_levels", null)).withHeader("Link", page.link());
    }

    /** {@code POST inventory_levels/set.json}: {@code {location_id, inventory_item_id, available}}. */
    SandboxResponse setLevel(SandboxRequest request) {
        ShopRecord level = level(request, request.bodyObject());
        return changeLevel(request, level, integer(request.bodyObject(), "available"));
    }

    /** {@code POST inventory_levels/adjust.json}: {@code {location_id, inventory_item_id, available_adjustment}}. */
    SandboxResponse adjustLevel(SandboxRequest request) {
        ShopRecord level = level(request, request.bodyObject());
        int adjustment = integer(request.bodyObject(), "available_adjustment");
        return changeLevel(request, level, level.json.path("available").asInt() + adjustment);
    }

    private static int integer(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.canConvertToInt()) {
            throw ShopifyApiException.invalid(field, "is required and must be a number");
        }
        return value.asInt();
    }

    private ShopRecord level(SandboxRequest request, ObjectNode body) {
        for (String field : new String[] {"location_id", "inventory_item_id"}) {
            if (!body.path(field).canConvertToLong()) {
                throw ShopifyApiException.invalid(field, "is required");
            }
        }
        ShopData shop = request.shop();
        long location = body.path("location_id").asLong();
        long item = body.path("inventory_item_id").asLong();
        if (!shop.locations.containsKey(location)) {
            throw ShopifyApiException.invalid("location_id", "Location could not be found");
        }
        return shop.level(item, location).orElseThrow(() -> ShopifyApiException.invalid("inventory_item_id",
                "Inventory item does not exist or is not stocked at this location"));
    }

    private SandboxResponse changeLevel(SandboxRequest request, ShopRecord level, int available) {
        Instant now = clock.get();
        level.json.put("available", available);
        level.touch(request.shop(), now);
        events.changed(request.shop(), "inventory_levels/update", level.snapshot(), now);
        ObjectNode body = ShopifyJson.object();
        body.set("inventory_level", level.snapshot());
        return SandboxResponse.ok(body);
    }

    /** Orders: {@code status} (open by default, closed, cancelled, any), times, ids, financial status. */
    static Predicate<ShopRecord> orderFilter(Map<String, String> filters) {
        String status = filters.getOrDefault("status", "open");
        if (!Set.of("open", "closed", "cancelled", "any").contains(status)) {
            throw ShopifyApiException.badRequest("status must be one of open, closed, cancelled, any");
        }
        String financial = filters.get("financial_status");
        Instant processedMin = time(filters, "processed_at_min");
        Instant processedMax = time(filters, "processed_at_max");
        Predicate<ShopRecord> common = commonFilter(filters);
        return order -> {
            boolean cancelled = !order.json.path("cancelled_at").isNull();
            boolean closed = !order.json.path("closed_at").isNull();
            boolean statusOk = switch (status) {
                case "open" -> !cancelled && !closed;
                case "closed" -> closed;
                case "cancelled" -> cancelled;
                default -> true;
            };
            Instant processed = ShopifyJson.parseTime(order.json.path("processed_at").asText());
            return statusOk && common.test(order)
                    && (financial == null || "any".equals(financial)
                            || financial.equals(order.json.path("financial_status").asText()))
                    && (processedMin == null || !processed.isBefore(processedMin))
                    && (processedMax == null || !processed.isAfter(processedMax));
        };
    }

    /** {@code ids}, {@code since_id}, {@code created_at_min/max}, {@code updated_at_min/max}. */
    static Predicate<ShopRecord> commonFilter(Map<String, String> filters) {
        Set<Long> ids = ids(filters.get("ids"));
        long sinceId = filters.containsKey("since_id") ? number(filters.get("since_id"), "since_id") : 0;
        Instant createdMin = time(filters, "created_at_min");
        Instant createdMax = time(filters, "created_at_max");
        Instant updatedMin = time(filters, "updated_at_min");
        Instant updatedMax = time(filters, "updated_at_max");
        return r -> (ids == null || ids.contains(r.id)) && r.id > sinceId
                && (createdMin == null || !r.createdAt.isBefore(createdMin))
                && (createdMax == null || !r.createdAt.isAfter(createdMax))
                && (updatedMin == null || !r.updatedAt.isBefore(updatedMin))
                && (updatedMax == null || !r.updatedAt.isAfter(updatedMax));
    }

    private static Instant time(Map<String, String> filters, String name) {
        String value = filters.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        Instant at = ShopifyJson.parseTime(value);
        if (at == null) {
            throw ShopifyApiException.badRequest(name + " is not an ISO 8601 time: " + value);
        }
        return at;
    }

    private static Set<Long> ids(String list) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        return Arrays.stream(list.split(",")).map(String::trim).map(id -> number(id, "ids"))
                .collect(Collectors.toSet());
    }

    private static long number(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ShopifyApiException.badRequest(name + " is not a number: " + value);
        }
    }

}
