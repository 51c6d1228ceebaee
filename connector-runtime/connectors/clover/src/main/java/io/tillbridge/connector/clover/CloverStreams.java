package io.tillbridge.connector.clover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.clover.CloverApi.Param;
import io.tillbridge.connector.pos.PosInventory;
import io.tillbridge.connector.pos.PosOrder;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.rest.JsonValues;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The streams of a Clover connection: where each one's pages come from and what records a Clover
 * object gives. The vendor streams emit Clover's objects as they are (amounts in minor units,
 * times in epoch milliseconds); the canonical ones ({@link PosStreams}) translate the same reads.
 */
final class CloverStreams {

    static final String ORDERS = "orders";
    static final String PAYMENTS = "payments";
    static final String REFUNDS = "refunds";
    static final String ITEMS = "items";
    static final String DEVICES = "devices";

    /** Every stream, orders first (the one that holds the sales). */
    static final List<String> ALL = List.of(ORDERS, PAYMENTS, REFUNDS, ITEMS, DEVICES, PosStreams.ORDERS,
            PosStreams.PAYMENTS, PosStreams.REFUNDS, PosStreams.LOCATIONS, PosStreams.ITEMS, PosStreams.INVENTORY);

    /** The streams {@link CloverConnector#fetch} reads by id. */
    static final Set<String> FETCHABLE = Set.of(ORDERS, PAYMENTS, ITEMS, PosStreams.ORDERS, PosStreams.PAYMENTS,
            PosStreams.ITEMS);

    /** An order with its lines, their modifications, discounts and taxes, and what was paid and refunded. */
    static final String ORDER_EXPAND = "lineItems,lineItems.modifications,lineItems.discounts,lineItems.taxRates,"
            + "discounts,serviceCharge,payments,refunds,customers";

    /** Clover shows at most 100 elements of a nested list and does not page it (vendor-apis.md, Clover). */
    static final int NESTED_CAP = 100;

    private final CloverApi api;
    private final CloverConfig config;
    private final MerchantProfile merchant;
    private final Instant now;
    /**
     * The merchant's items by id with their categories and options, read at the first stock of a
     * {@code pos.inventory} read or the first item line of an orders read.
     */
    private Map<String, JsonNode> items;
    private boolean itemsReread;

    CloverStreams(CloverApi api, CloverConfig config, MerchantProfile merchant, Instant now) {
        this.api = api;
        this.config = config;
        this.merchant = merchant;
        this.now = now;
    }

    CloverWindowReader reader(String stream) {
        return switch (stream) {
            case ORDERS, PosStreams.ORDERS, PosStreams.REFUNDS ->
                    reader(stream, timed("/orders", ORDER_EXPAND, this::completeLines), records(stream));
            case PAYMENTS, PosStreams.PAYMENTS -> reader(stream, timed("/payments", "refunds", n -> n), records(stream));
            case REFUNDS -> reader(stream, timed("/refunds", "lineItems", n -> n), records(stream));
            case ITEMS, PosStreams.ITEMS -> reader(stream, timed("/items", "categories,options", n -> n),
                    records(stream));
            case DEVICES -> reader(stream, untimed(offset -> api.list("/devices", page(offset))), records(stream));
            case PosStreams.LOCATIONS -> reader(stream, untimed(offset -> offset == 0 ? List.of(merchant.node())
                    : List.of()), records(stream));
            // Every stock from the start: a level counted long ago is still the level.
            case PosStreams.INVENTORY -> new CloverWindowReader(stream, stocks(), config.lookback(), Instant.EPOCH,
                    records(stream));
            default -> throw new ConnectorException(Category.CONFIG, "Clover has no stream " + stream + "; it has "
                    + String.join(", ", ALL));
        };
    }

    /**
     * Reads the objects with these ids, one list request each ({@code filter=id=<id>}: Clover's
     * filters are all required, so there is no batch form), and emits their records; an id Clover
     * does not know gives nothing. The time filter lifts the 90-day window.
     */
    void fetch(String stream, List<String> keys, RecordSink sink) {
        if (!FETCHABLE.contains(stream)) {
            throw new ConnectorException(Category.CONFIG, "Clover's " + stream + " cannot be read by id; it can "
                    + String.join(", ", FETCHABLE.stream().sorted().toList()));
        }
        String path = stream.endsWith(ORDERS) ? "/orders" : stream.endsWith(PAYMENTS) ? "/payments" : "/items";
        String expand = stream.endsWith(ORDERS) ? ORDER_EXPAND : stream.endsWith(PAYMENTS) ? "refunds"
                : "categories,options";
        Function<JsonNode, List<SourceRecord>> records = records(stream);
        for (String key : keys) {
            List<Param> query = List.of(new Param("filter", "id=" + key), new Param("filter", "modifiedTime>=0"),
                    new Param("expand", expand));
            for (JsonNode node : api.list(path, query)) {
                JsonNode complete = stream.endsWith(ORDERS) ? completeLines(node) : node;
                for (SourceRecord record : records.apply(complete)) {
                    sink.record(record);
                    if (sink.stopRequested()) {
                        return;
                    }
                }
            }
        }
    }

    private Function<JsonNode, List<SourceRecord>> records(String stream) {
        CloverOrderTranslation orders = new CloverOrderTranslation(merchant, this::category);
        CloverTranslation other = new CloverTranslation(merchant);
        List<String> devices = config.devices();
        Function<JsonNode, Boolean> wanted = node -> devices.isEmpty()
                || devices.contains(node.path("device").path("id").asText());
        return switch (stream) {
            case PosStreams.ORDERS -> node -> !wanted.apply(node) ? List.of() : List.of(new SourceRecord(stream,
                    text(node.path("id")), CloverOrderTranslation.version(node), orders.order(node).toData()));
            case PosStreams.REFUNDS -> node -> {
                if (!wanted.apply(node)) {
                    return List.of();
                }
                PosOrder order = orders.order(node);
                return orders.refunds(node, order).stream().map(r -> new SourceRecord(stream, r.id(),
                        r.updatedAt() == null ? "" : Long.toString(Instant.parse(r.updatedAt()).toEpochMilli()), r.toData())).toList();
            };
            case PosStreams.PAYMENTS -> node -> !wanted.apply(node) ? List.of() : List.of(new SourceRecord(stream,
                    text(node.path("id")), modified(node), other.payment(node).toData()));
            case PosStreams.ITEMS -> node -> List.of(new SourceRecord(stream, text(node.path("id")), modified(node),
                    other.item(node).toData()));
            case PosStreams.LOCATIONS -> node -> List.of(new SourceRecord(stream, merchant.id(), "",
                    merchant.location().toData()));
            case PosStreams.INVENTORY -> node -> level(node).map(l -> List.of(new SourceRecord(stream, l.key(),
                    l.version(), l.toData()))).orElse(List.of());
            case ORDERS, PAYMENTS -> node -> !wanted.apply(node) ? List.of() : List.of(new SourceRecord(stream,
                    text(node.path("id")), modified(node), JsonValues.toMap(node)));
            default -> node -> List.of(new SourceRecord(stream, text(node.path("id")), modified(node),
                    JsonValues.toMap(node)));
        };
    }

    private CloverWindowReader reader(String stream, CloverWindowReader.Source source,
            Function<JsonNode, List<SourceRecord>> records) {
        return new CloverWindowReader(stream, source, config.lookback(), now.minus(config.history()), records);
    }

    /** A list by ascending {@code modifiedTime} from a time on, always with the time filter. */
    private CloverWindowReader.Source timed(String path, String expand, Function<JsonNode, JsonNode> complete) {
        return new CloverWindowReader.Source() {
            @Override
            public List<JsonNode> fetch(Long fromMillis, int offset) {
                List<Param> query = new ArrayList<>();
                query.add(new Param("filter", "modifiedTime>=" + fromMillis));
                query.add(new Param("orderBy", "modifiedTime ASC"));
                query.add(new Param("expand", expand));
                query.addAll(page(offset));
                List<JsonNode> out = new ArrayList<>();
                for (JsonNode node : api.list(path, query)) {
                    out.add(complete.apply(node));
                }
                return out;
            }

            @Override
            public boolean timed() {
                return true;
            }
        };
    }

    /**
     * {@code /item_stocks} by ascending {@code modifiedTime} (a stock changes without its item
     * changing, so the items' times would miss it). A stock has no id of its own: it is its item's, and
     * the stock is given that id for the reader. Its version is the level itself, so a stock set again
     * to the same quantity is not emitted again within the look-back.
     */
    private CloverWindowReader.Source stocks() {
        return new CloverWindowReader.Source() {
            @Override
            public List<JsonNode> fetch(Long fromMillis, int offset) {
                List<Param> query = new ArrayList<>();
                query.add(new Param("filter", "modifiedTime>=" + fromMillis));
                query.add(new Param("orderBy", "modifiedTime ASC"));
                query.addAll(page(offset));
                List<JsonNode> out = new ArrayList<>();
                for (JsonNode stock : api.list("/item_stocks", query)) {
                    ObjectNode copy = stock.deepCopy();
                    copy.set("id", stock.path("item").path("id"));
                    out.add(copy);
                }
                return out;
            }

            @Override
            public boolean timed() {
                return true;
            }

            @Override
            public String version(JsonNode stock, long modified) {
                return level(stock).map(PosInventory::version).orElse(Long.toString(modified));
            }
        };
    }

    /**
     * A stock as the merchant's one location's level of its item: Clover's {@code quantity} (a
     * decimal: items sold by weight keep decimals), or the older whole {@code stockCount}; a stock with
     * neither gives none. The item (SKU, name, item group) is looked up among the merchant's items,
     * read once per read and once more at the first stock of an item created since; a stock whose item
     * Clover no longer lists keeps its level without SKU or name.
     */
    Optional<PosInventory> level(JsonNode stock) {
        JsonNode quantity = stock.path("quantity").isNumber() ? stock.path("quantity") : stock.path("stockCount");
        if (!quantity.isNumber()) {
            return Optional.empty();
        }
        String itemId = text(stock.path("item").path("id"));
        JsonNode item = item(itemId);
        return Optional.of(new CloverTranslation(merchant).level(itemId, item, quantity.decimalValue(),
                stock.path("modifiedTime").asLong()));
    }

    /**
     * The name of the item's first category, the category of its order lines: the items are read
     * once per read (with their categories) and once more at the first item not among them (created
     * since); null for an item without a category or one Clover no longer lists.
     */
    String category(String itemId) {
        JsonNode item = itemId == null ? null : item(itemId);
        JsonNode first = item == null ? null
                : CloverOrderTranslation.elements(item.path("categories")).stream().findFirst().orElse(null);
        String name = first == null ? "" : first.path("name").asText("").strip();
        return name.isEmpty() ? null : name;
    }

    private JsonNode item(String id) {
        if (items == null) {
            items = readItems();
        }
        if (!items.containsKey(id) && !itemsReread) {
            itemsReread = true;
            items = readItems();
        }
        return items.get(id);
    }

    /** Every item of the merchant with its categories and options, offset paging to an empty page. */
    private Map<String, JsonNode> readItems() {
        Map<String, JsonNode> out = new HashMap<>();
        for (int offset = 0; ; ) {
            List<Param> query = new ArrayList<>(List.of(new Param("expand", "categories,options")));
            query.addAll(page(offset));
            List<JsonNode> page = api.list("/items", query);
            if (page.isEmpty()) {
                return out;
            }
            page.forEach(i -> out.put(text(i.path("id")), i));
            offset += page.size();
        }
    }

    private static CloverWindowReader.Source untimed(Function<Integer, List<JsonNode>> pages) {
        return new CloverWindowReader.Source() {
            @Override
            public List<JsonNode> fetch(Long fromMillis, int offset) {
                return pages.apply(offset);
            }

            @Override
            public boolean timed() {
                return false;
            }
        };
    }

    private List<Param> page(int offset) {
        return List.of(new Param("limit", Integer.toString(config.pageSize())),
                new Param("offset", Integer.toString(offset)));
    }

    /**
     * An order whose expanded line items fill the nested list's cap gets them all from
     * {@code /orders/{id}/line_items}, paged to an empty page.
     */
    private JsonNode completeLines(JsonNode order) {
        JsonNode lines = order.path("lineItems").path("elements");
        if (!lines.isArray() || lines.size() < NESTED_CAP) {
            return order;
        }
        ArrayNode all = CloverApi.JSON.createArrayNode();
        String path = "/orders/" + text(order.path("id")) + "/line_items";
        for (int offset = 0; ; ) {
            List<Param> query = new ArrayList<>(List.of(new Param("expand", "modifications,discounts,taxRates")));
            query.addAll(page(offset));
            List<JsonNode> page = api.list(path, query);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(all::add);
            offset += page.size();
        }
        ObjectNode copy = order.deepCopy();
        copy.putObject("lineItems").set("elements", all);
        return copy;
    }

    private static String modified(JsonNode node) {
        return node.path("modifiedTime").isNumber() ? node.path("modifiedTime").asText() : "";
    }

    static String text(JsonNode node) {
        return JsonValues.text(node);
    }
}
