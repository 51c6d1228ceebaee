package io.tillbridge.connector.clover.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.sandbox.SandboxResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The REST v3 endpoints below {@code /v3/merchants/{mId}}: the merchant, orders and their line
 * items, payments, refunds, the inventory (items, item groups, categories, modifier groups, tax
 * rates, discounts, item stocks), tenders, devices, employees and customers, and the one write,
 * {@code POST /item_stocks/{itemId}}.
 */
final class RestApi {

    /**
     * One listable collection.
     *
     * @param windowed whether list queries without a time filter see only the last 90 days
     * @param defaultOrder the order of a list without {@code orderBy}, or null for the stored order
     * @param attach adds the nested lists that live elsewhere (an order's payments) before trimming
     */
    private record Collection(String name, Function<MerchantData, Map<String, ObjectNode>> store,
                              Set<String> expandable, Set<String> filterable, boolean windowed, String defaultOrder,
                              Attach attach) {
    }

    @FunctionalInterface
    private interface Attach {
        void to(MerchantData m, ObjectNode copy, Set<String> expand);
    }

    private static final Set<String> LINE_ITEM_EXPANSIONS = Set.of("modifications", "discounts", "taxRates");

    private final SandboxData data;
    private final CloverSandboxOptions options;
    private final Consumer<MerchantData> changed;
    private final Map<String, Collection> collections;

    /** {@code changed} delivers the webhook message of a write. */
    RestApi(SandboxData data, CloverSandboxOptions options, Consumer<MerchantData> changed) {
        this.data = data;
        this.options = options;
        this.changed = changed;
        Attach none = (m, copy, expand) -> { };
        Set<String> named = Set.of("id", "name");
        this.collections = Map.ofEntries(
                Map.entry("orders", new Collection("orders", m -> m.orders,
                        Set.of("lineItems", "lineItems.modifications", "lineItems.discounts", "lineItems.taxRates",
                                "discounts", "payments", "refunds", "credits", "serviceCharge", "customers"),
                        Set.of("createdTime", "modifiedTime", "clientCreatedTime", "id", "state", "paymentState",
                                "total", "payType", "title", "isVat", "employee.id", "device.id"),
                        true, "createdTime DESC", this::orderLinks)),
                Map.entry("payments", new Collection("payments", m -> m.payments, Set.of("refunds"),
                        Set.of("createdTime", "modifiedTime", "clientCreatedTime", "id", "result", "amount",
                                "offline", "order.id", "tender.labelKey", "device.id"),
                        true, "createdTime DESC", this::paymentLinks)),
                Map.entry("refunds", new Collection("refunds", m -> m.refunds, Set.of("lineItems"),
                        Set.of("createdTime", "modifiedTime", "clientCreatedTime", "id", "payment.id",
                                "orderRef.id"),
                        true, "createdTime DESC", none)),
                Map.entry("items", new Collection("items", m -> m.items,
                        Set.of("categories", "taxRates", "modifierGroups", "itemStock", "options"),
                        Set.of("modifiedTime", "id", "name", "sku", "code", "price", "priceType", "hidden",
                                "deleted", "itemGroup.id"),
                        false, null, this::itemLinks)),
                Map.entry("item_groups", new Collection("item_groups", m -> m.itemGroups,
                        Set.of("items", "attributes", "attributes.options"), named, false, null, none)),
                Map.entry("categories", new Collection("categories", m -> m.categories, Set.of("items"),
                        Set.of("id", "name", "modifiedTime"), false, null, this::categoryLinks)),
                Map.entry("modifier_groups", new Collection("modifier_groups", m -> m.modifierGroups,
                        Set.of("modifiers"), named, false, null, none)),
                Map.entry("tax_rates", new Collection("tax_rates", m -> m.taxRates, Set.of(), named, false, null,
                        none)),
                Map.entry("discounts", new Collection("discounts", m -> m.discounts, Set.of(), named, false, null,
                        none)),
                Map.entry("tenders", new Collection("tenders", m -> m.tenders, Set.of(), Set.of("id", "labelKey"),
                        false, null, none)),
                Map.entry("devices", new Collection("devices", m -> m.devices, Set.of(), named, false, null, none)),
                Map.entry("employees", new Collection("employees", m -> m.employees, Set.of(), named, false, null,
                        none)),
                Map.entry("customers", new Collection("customers", m -> m.customers,
                        Set.of("emailAddresses", "phoneNumbers", "addresses"),
                        Set.of("id", "customerSince", "firstName", "lastName", "marketingAllowed"), false, null,
                        none)),
                Map.entry("item_stocks", new Collection("item_stocks", m -> m.itemStocks, Set.of(),
                        Set.of("item.id", "quantity", "modifiedTime"), false, null, none)));
    }

    SandboxResponse handle(SandboxRequest request) {
        MerchantData m = request.merchant();
        String[] parts = request.path().isEmpty() ? new String[0] : request.path().substring(1).split("/");
        boolean get = "GET".equals(request.method());
        if (parts.length == 0 && get) {
            return SandboxResponse.ok(merchant(request));
        }
        if (parts.length == 1 && get && "properties".equals(parts[0])) {
            return SandboxResponse.ok(m.merchant.path("properties").deepCopy());
        }
        Collection collection = parts.length == 0 ? null : collections.get(parts[0]);
        if (collection == null) {
            throw CloverApiException.notFound("Not found: " + request.path());
        }
        if (parts.length == 2 && "item_stocks".equals(parts[0]) && "POST".equals(request.method())) {
            return SandboxResponse.ok(setStock(request, parts[1]));
        }
        if (!get) {
            throw new CloverApiException(405, "Method not allowed: " + request.method() + " " + request.path());
        }
        if (parts.length == 1) {
            return SandboxResponse.ok(list(request, collection));
        }
        ObjectNode stored = collection.store().apply(m).get(parts[1]);
        if (stored == null) {
            throw CloverApiException.notFound(collection.name() + " " + parts[1] + " not found");
        }
        if (parts.length == 2) {
            return SandboxResponse.ok(render(request, collection, stored, ListQuery.expansions(request)));
        }
        if (parts.length == 3 && "orders".equals(parts[0]) && "line_items".equals(parts[2])) {
            return SandboxResponse.ok(lineItems(request, stored));
        }
        throw CloverApiException.notFound("Not found: " + request.path());
    }

    private ObjectNode merchant(SandboxRequest request) {
        ObjectNode copy = request.merchant().merchant.deepCopy();
        copy.put("href", request.base() + "/v3/merchants/" + request.merchant().id);
        ListQuery.trim(copy, Set.of("properties"), ListQuery.expansions(request), options.nestedCap());
        return copy;
    }

    private ObjectNode list(SandboxRequest request, Collection collection) {
        ListQuery query = new ListQuery(request, options, collection.filterable(), collection.defaultOrder());
        List<ObjectNode> selected = query.select(collection.store().apply(request.merchant()).values(),
                collection.windowed(), data.now());
        List<ObjectNode> rendered = new ArrayList<>();
        for (ObjectNode stored : query.page(selected)) {
            rendered.add(render(request, collection, stored, query.expand()));
        }
        return query.envelope(rendered, href(request, collection.name(), null));
    }

    private ObjectNode lineItems(SandboxRequest request, ObjectNode order) {
        ListQuery query = new ListQuery(request, options, Set.of("id", "createdTime", "refunded", "exchanged",
                "item.id"), null);
        List<ObjectNode> lines = new ArrayList<>();
        CloverJson.elementsOf(order, "lineItems").forEach(l -> lines.add((ObjectNode) l));
        List<ObjectNode> rendered = new ArrayList<>();
        for (ObjectNode line : query.page(query.select(lines, false, data.now()))) {
            ObjectNode copy = line.deepCopy();
            ListQuery.trim(copy, LINE_ITEM_EXPANSIONS, query.expand(), options.nestedCap());
            rendered.add(copy);
        }
        return query.envelope(rendered, href(request, "orders", order.path("id").asText()) + "/line_items");
    }

    private ObjectNode render(SandboxRequest request, Collection collection, ObjectNode stored, Set<String> expand) {
        ObjectNode copy = stored.deepCopy();
        collection.attach().to(request.merchant(), copy, expand);
        ListQuery.trim(copy, collection.expandable(), expand, options.nestedCap());
        if (copy.has("id")) {
            copy.put("href", href(request, collection.name(), copy.path("id").asText()));
        }
        return copy;
    }

    private void orderLinks(MerchantData m, ObjectNode order, Set<String> expand) {
        String id = order.path("id").asText();
        if (expand.contains("payments")) {
            ArrayNode list = CloverJson.array();
            m.paymentsOf(id).forEach(p -> list.add(plain(p, "refunds")));
            order.set("payments", CloverJson.elements(list));
        }
        if (expand.contains("refunds")) {
            ArrayNode list = CloverJson.array();
            m.refundsOf(id).forEach(r -> list.add(plain(r, "lineItems")));
            order.set("refunds", CloverJson.elements(list));
        }
    }

    private void paymentLinks(MerchantData m, ObjectNode payment, Set<String> expand) {
        if (expand.contains("refunds")) {
            ArrayNode list = CloverJson.array();
            m.refundsOfPayment(payment.path("id").asText()).forEach(r -> list.add(plain(r, "lineItems")));
            payment.set("refunds", CloverJson.elements(list));
        }
    }

    private void itemLinks(MerchantData m, ObjectNode item, Set<String> expand) {
        ObjectNode stock = m.itemStocks.get(item.path("id").asText());
        if (expand.contains("itemStock") && stock != null) {
            item.set("itemStock", stock.deepCopy());
        }
    }

    private void categoryLinks(MerchantData m, ObjectNode category, Set<String> expand) {
        if (expand.contains("items")) {
            ArrayNode list = CloverJson.array();
            String id = category.path("id").asText();
            for (ObjectNode item : m.items.values()) {
                for (JsonNode c : CloverJson.elementsOf(item, "categories")) {
                    if (c.path("id").asText().equals(id)) {
                        ObjectNode r = CloverJson.ref(item.path("id").asText());
                        r.put("name", item.path("name").asText());
                        list.add(r);
                    }
                }
            }
            category.set("items", CloverJson.elements(list));
        }
    }

    /** A copy of a nested object without its own nested lists. */
    private static ObjectNode plain(ObjectNode stored, String... lists) {
        ObjectNode copy = stored.deepCopy();
        copy.remove(List.of(lists));
        return copy;
    }

    /** {@code POST /item_stocks/{itemId}} with {@code {"quantity": n}}: sets the item's stock. */
    private ObjectNode setStock(SandboxRequest request, String itemId) {
        MerchantData m = request.merchant();
        if (!m.items.containsKey(itemId)) {
            throw CloverApiException.notFound("item " + itemId + " not found");
        }
        JsonNode body = request.body();
        JsonNode quantity = body == null ? null : body.has("quantity") ? body.get("quantity") : body.get("stockCount");
        if (quantity == null || !quantity.isNumber()) {
            throw CloverApiException.badRequest("quantity must be a number");
        }
        long now = data.now().toEpochMilli();
        ObjectNode stock = m.itemStocks.computeIfAbsent(itemId, id -> {
            ObjectNode s = CloverJson.object();
            s.set("item", CloverJson.ref(id));
            return s;
        });
        stock.put("quantity", quantity.asDouble());
        stock.put("modifiedTime", now);
        m.changed("IC", itemId, "UPDATE", data.now());
        changed.accept(m);
        return stock.deepCopy();
    }

    private static String href(SandboxRequest request, String collection, String id) {
        return request.base() + "/v3/merchants/" + request.merchant().id + "/" + collection
                + (id == null ? "" : "/" + id);
    }
}
