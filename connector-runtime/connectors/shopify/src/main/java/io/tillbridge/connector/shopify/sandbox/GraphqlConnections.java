package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root connections: which records, in which order ({@code sortKey}, {@code reverse}), which page
 * ({@code first}/{@code after}, {@code last}/{@code before}) and which pass the search
 * {@code query} ({@code updated_at:>'2026-12-01T00:00:00Z' status:any}; terms are joined by AND).
 */
final class GraphqlConnections {

    static final Set<String> ROOTS = Set.of("orders", "products", "inventoryItems", "locations");
    private static final Pattern TERM = Pattern.compile("(\\w+):(>=|<=|>|<)?('[^']*'|\"[^\"]*\"|\\S+)");

    /** One listable thing: its id, its times and the node to show. */
    private record Entry(long id, Instant createdAt, Instant updatedAt, Map<String, String> searchable,
            Supplier<ObjectNode> node) {
    }

    private GraphqlConnections() {
    }

    static ObjectNode orders(ShopData shop, GraphqlNodes nodes, GraphqlDocument.Field field) {
        List<Entry> entries = new ArrayList<>();
        for (ShopRecord order : shop.orders.values()) {
            Instant processed = ShopifyJson.parseTime(order.json.path("processed_at").asText());
            String status = !order.json.path("cancelled_at").isNull() ? "cancelled"
                    : order.json.path("closed_at").isNull() ? "open" : "closed";
            entries.add(new Entry(order.id, order.createdAt, order.updatedAt, Map.of(
                    "processed_at", Long.toString(processed.toEpochMilli()),
                    "status", status,
                    "financial_status", order.json.path("financial_status").asText(),
                    "source_name", order.json.path("source_name").asText(),
                    "name", order.json.path("name").asText()), () -> nodes.order(order)));
        }
        return page("Order", entries, field, Set.of("ID", "CREATED_AT", "UPDATED_AT", "PROCESSED_AT"));
    }

    static ObjectNode products(ShopData shop, GraphqlNodes nodes, GraphqlDocument.Field field) {
        List<Entry> entries = new ArrayList<>();
        for (ShopRecord product : shop.products.values()) {
            entries.add(new Entry(product.id, product.createdAt, product.updatedAt, Map.of(
                    "product_type", product.json.path("product_type").asText(),
                    "status", product.json.path("status").asText()), () -> nodes.product(product)));
        }
        return page("Product", entries, field, Set.of("ID", "CREATED_AT", "UPDATED_AT"));
    }

    static ObjectNode inventoryItems(ShopData shop, GraphqlNodes nodes, GraphqlDocument.Field field) {
        List<Entry> entries = new ArrayList<>();
        for (ShopRecord product : shop.products.values()) {
            for (JsonNode variant : product.json.path("variants")) {
                long itemId = variant.path("inventory_item_id").asLong();
                List<ShopRecord> levels = shop.locations.keySet().stream()
                        .map(location -> shop.level(itemId, location)).flatMap(Optional::stream).toList();
                if (levels.isEmpty()) {
                    continue;
                }
                Instant updated = levels.stream().map(l -> l.updatedAt).max(Comparator.naturalOrder())
                        .orElse(product.createdAt);
                entries.add(new Entry(itemId, product.createdAt, updated, Map.of("sku", variant.path("sku").asText()),
                        () -> nodes.inventoryItem(product, variant, levels, updated)));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::id));
        return page("InventoryItem", entries, field, Set.of("ID"));
    }

    static ObjectNode locations(ShopData shop, GraphqlNodes nodes, GraphqlDocument.Field field) {
        List<Entry> entries = new ArrayList<>();
        for (ShopRecord location : shop.locations.values()) {
            entries.add(new Entry(location.id, location.createdAt, location.updatedAt,
                    Map.of("name", location.json.path("name").asText()), () -> nodes.location(location.id)));
        }
        return page("Location", entries, field, Set.of("ID", "NAME"));
    }

    private static ObjectNode page(String type, List<Entry> entries, GraphqlDocument.Field field,
            Set<String> sortKeys) {
        for (String argument : field.arguments().keySet()) {
            if (!Set.of("first", "after", "last", "before", "query", "sortKey", "reverse").contains(argument)) {
                throw new GraphqlApi.QueryException("Field '" + field.name() + "' doesn't accept argument '"
                        + argument + "'", "argumentNotAccepted");
            }
        }
        String sortKey = field.argument("sortKey").asText("ID");
        if (!sortKeys.contains(sortKey)) {
            throw new GraphqlApi.QueryException("Argument 'sortKey' on Field '" + field.name()
                    + "' has an invalid value (" + sortKey + "). Expected one of " + sortKeys,
                    "argumentLiteralsIncompatible");
        }
        Function<Entry, Long> value = switch (sortKey) {
            case "CREATED_AT" -> e -> e.createdAt().toEpochMilli();
            case "UPDATED_AT" -> e -> e.updatedAt().toEpochMilli();
            case "PROCESSED_AT" -> e -> Long.parseLong(e.searchable().get("processed_at"));
            default -> Entry::id;
        };
        Comparator<Entry> order = Comparator.comparing(value).thenComparingLong(Entry::id);
        boolean reverse = field.argument("reverse").asBoolean(false);
        if (reverse) {
            order = order.reversed();
        }
        Predicate<Entry> wanted = search(field.argument("query").asText(""));
        List<Entry> list = new ArrayList<>(entries.stream().filter(wanted).toList());
        list.sort(order);
        boolean backwards = field.arguments().containsKey("last");
        int size = GraphqlApi.pageSize(field);
        String anchor = backwards ? field.argument("before").asText(null) : field.argument("after").asText(null);
        int from = 0;
        int to = list.size();
        if (anchor != null) {
            long[] position = GraphqlApi.readCursor(anchor);
            int index = 0;
            if (backwards) {
                while (index < list.size() && position(list.get(index), value, position, reverse) < 0) {
                    index++;
                }
                to = index;
            } else {
                while (index < list.size() && position(list.get(index), value, position, reverse) <= 0) {
                    index++;
                }
                from = index;
            }
        }
        int start = backwards ? Math.max(from, to - size) : from;
        int end = backwards ? to : Math.min(to, from + size);
        List<Entry> pageEntries = list.subList(start, end);
        List<ObjectNode> nodes = pageEntries.stream().map(e -> e.node().get()).toList();
        List<String> cursors = pageEntries.stream().map(e -> GraphqlApi.cursor(value.apply(e), e.id())).toList();
        return GraphqlNodes.connection(type, nodes, cursors, end < list.size(), start > 0);
    }

    /** Where {@code entry} sits against a cursor's (sort value, id) in the connection's order: before is negative. */
    private static int position(Entry entry, Function<Entry, Long> value, long[] cursor, boolean reverse) {
        int byValue = Long.compare(value.apply(entry), cursor[0]);
        int natural = byValue != 0 ? byValue : Long.compare(entry.id(), cursor[1]);
        return reverse ? -natural : natural;
    }

    /** The search syntax's terms that the sandbox understands; any other term is an error, not ignored. */
    static Predicate<Entry> search(String query) {
        Predicate<Entry> all = e -> true;
        if (query.isBlank()) {
            return all;
        }
        Matcher matcher = TERM.matcher(query.trim());
        int consumed = 0;
        List<Predicate<Entry>> terms = new ArrayList<>();
        while (matcher.find()) {
            if (!query.trim().substring(consumed, matcher.start()).isBlank()
                    && !query.trim().substring(consumed, matcher.start()).trim().equalsIgnoreCase("AND")) {
                throw unsupported(query);
            }
            consumed = matcher.end();
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            String op = matcher.group(2) == null ? "=" : matcher.group(2);
            String raw = matcher.group(3).replaceAll("^['\"]|['\"]$", "");
            terms.add(term(name, op, raw, query));
        }
        if (consumed == 0 || !query.trim().substring(consumed).isBlank()) {
            throw unsupported(query);
        }
        return terms.stream().reduce(all, Predicate::and);
    }

    private static Predicate<Entry> term(String name, String op, String raw, String query) {
        switch (name) {
            case "updated_at", "created_at", "processed_at" -> {
                Instant at = ShopifyJson.parseTime(raw);
                if (at == null) {
                    throw new GraphqlApi.QueryException("Invalid date in search query: " + raw, "BAD_REQUEST");
                }
                long millis = at.toEpochMilli();
                Function<Entry, Long> of = switch (name) {
                    case "updated_at" -> e -> e.updatedAt().toEpochMilli();
                    case "created_at" -> e -> e.createdAt().toEpochMilli();
                    default -> e -> Long.parseLong(e.searchable().getOrDefault("processed_at", "0"));
                };
                return e -> compare(of.apply(e), op, millis);
            }
            case "id" -> {
                long id = Long.parseLong(raw.replaceAll("\\D", ""));
                return e -> compare(e.id(), op, id);
            }
            case "status", "financial_status", "source_name", "sku", "product_type", "name" -> {
                if (!"=".equals(op)) {
                    throw unsupported(query);
                }
                if ("status".equals(name) && "any".equals(raw)) {
                    return e -> true;
                }
                return e -> raw.equalsIgnoreCase(e.searchable().get(name));
            }
            default -> throw unsupported(query);
        }
    }

    private static boolean compare(long value, String op, long than) {
        return switch (op) {
            case ">" -> value > than;
            case ">=" -> value >= than;
            case "<" -> value < than;
            case "<=" -> value <= than;
            default -> value == than;
        };
    }

    private static GraphqlApi.QueryException unsupported(String query) {
        return new GraphqlApi.QueryException("The sandbox does not understand the search query '" + query
                + "': it reads field:value terms joined by AND (updated_at, created_at, processed_at, id, status,"
                + " financial_status, source_name, sku, product_type, name)", "BAD_REQUEST");
    }
}
