package io.tillbridge.connector.square;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.pos.PosInventory;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.rest.JsonValues;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.SourceRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;

/**
 * The streams of a Square connection: where each one's pages come from and what records a vendor
 * object gives. The vendor streams emit Square's objects as they are; the canonical ones
 * ({@link PosStreams}) translate the same reads.
 */
final class SquareStreams {

    static final String ORDERS = "orders";
    static final String PAYMENTS = "payments";
    static final String REFUNDS = "refunds";
    static final String CATALOG = "catalog";
    static final String INVENTORY = "inventory";
    static final String CUSTOMERS = "customers";
    static final String LOCATIONS = "locations";

    /** Every stream, orders first (the one that holds the sales). */
    static final List<String> ALL = List.of(ORDERS, PAYMENTS, REFUNDS, CATALOG, INVENTORY, CUSTOMERS, LOCATIONS,
            PosStreams.ORDERS, PosStreams.PAYMENTS, PosStreams.REFUNDS, PosStreams.LOCATIONS, PosStreams.ITEMS,
            PosStreams.INVENTORY);

    /** SearchOrders takes at most 10 {@code location_ids} (vendor-apis.md, section 1). */
    static final int LOCATIONS_PER_SEARCH = 10;

    /** ListPayments and ListPaymentRefunds: at most 100 per page. */
    private static final String LIST_LIMIT = "100";

    private static final List<String> ORDER_STATES = List.of("OPEN", "COMPLETED", "CANCELED", "DRAFT");

    private final SquareApi api;
    private final SquareConfig config;
    private final SquareLocations locations;
    private final Map<String, String> categories = new HashMap<>();
    /** Items related to the variations of catalog pages read so far, by id. */
    private final Map<String, JsonNode> parentItems = new HashMap<>();
    /** The order lines' items, SKUs and categories, looked up once per variation for this read or fetch. */
    private final SquareVariations variations;
    /** The inventory counts' items, SKUs and names, looked up once per variation for this read. */
    private final SquareVariations stocked;

    SquareStreams(SquareApi api, SquareConfig config, SquareLocations locations) {
        this.api = api;
        this.config = config;
        this.locations = locations;
        this.variations = new SquareVariations(api);
        this.stocked = new SquareVariations(api, true, false);
    }

    WindowedReader reader(String stream) {
        String vendor = switch (stream) {
            case PosStreams.ORDERS, PosStreams.REFUNDS -> ORDERS;
            case PosStreams.PAYMENTS -> PAYMENTS;
            case PosStreams.LOCATIONS -> LOCATIONS;
            case PosStreams.ITEMS -> CATALOG;
            default -> stream;
        };
        WindowedReader.Source source = stream.equals(PosStreams.INVENTORY) ? stockLevels() : source(vendor);
        if (stream.equals(PosStreams.ORDERS) || stream.equals(PosStreams.REFUNDS)) {
            source = new CatalogLookup(source);
        }
        return reader(stream, source, records(stream, source));
    }

    /** Looks up the catalog variations (and categories) these orders sell, in as few calls as can be. */
    void lookUpCatalog(List<JsonNode> orders) {
        variations.load(SquareOrderTranslation.variationIds(orders));
    }

    /**
     * An orders source that looks up each page's catalog variations (with their items' categories)
     * before its records are made, in one {@link SquareVariations#load} for the whole page rather than
     * one per order: a read costs at most two catalog calls per page of orders, and none once the
     * page sells only variations seen before in the read.
     */
    private final class CatalogLookup implements WindowedReader.Source {
        private final WindowedReader.Source orders;

        CatalogLookup(WindowedReader.Source orders) {
            this.orders = orders;
        }

        @Override
        public int batches() {
            return orders.batches();
        }

        @Override
        public WindowedReader.Page fetch(int batch, String from, String cursor) {
            WindowedReader.Page page = orders.fetch(batch, from, cursor);
            variations.load(SquareOrderTranslation.variationIds(page.records()));
            return page;
        }

        @Override
        public boolean keyset() {
            return orders.keyset();
        }

        @Override
        public String key(JsonNode record) {
            return orders.key(record);
        }

        @Override
        public String version(JsonNode record) {
            return orders.version(record);
        }

        @Override
        public String updatedAt(JsonNode record) {
            return orders.updatedAt(record);
        }
    }

    /**
     * The records one vendor object of {@code stream}'s source gives, as a read emits them; also
     * what a targeted fetch emits for the objects it retrieves.
     */
    Function<JsonNode, List<SourceRecord>> records(String stream, WindowedReader.Source source) {
        SquareOrderTranslation orders = new SquareOrderTranslation(locations, variations);
        SquareTranslation other = new SquareTranslation(locations);
        return switch (stream) {
            case PosStreams.ORDERS -> o -> List.of(record(stream, o.path("id").asText(),
                    SquareOrderTranslation.version(o), orders.order(o).toData()));
            case PosStreams.REFUNDS -> o -> orders.refunds(o).stream()
                    .map(r -> record(stream, r.id(), SquareOrderTranslation.version(o), r.toData())).toList();
            case PosStreams.PAYMENTS -> p -> List.of(record(stream,
                    p.path("id").asText(), p.path("updated_at").asText(), other.payment(p).toData()));
            case PosStreams.LOCATIONS -> l -> List.of(record(stream,
                    l.path("id").asText(), "", locations.canonical(l.path("id").asText()).toData()));
            // A variation changed on its own and also inside its changed item is one record per read.
            case PosStreams.ITEMS -> new Function<>() {
                private final Set<String> read = new HashSet<>();

                @Override
                public List<SourceRecord> apply(JsonNode o) {
                    return other.items(o, categories, parentItems).stream().filter(i -> read.add(i.variationId()))
                            .map(i -> record(stream, i.variationId(), o.path("version").asText(), i.toData()))
                            .toList();
                }
            };
            case PosStreams.INVENTORY -> count -> {
                PosInventory level = level(count);
                return List.of(record(stream, level.key(), level.version(), level.toData()));
            };
            default -> node -> List.of(record(stream, source.key(node), source.version(node), JsonValues.toMap(node)));
        };
    }

    /**
     * An {@code IN_STOCK} count as a canonical level: the quantity exactly as Square's decimal
     * string, the variation's item, SKU and name as {@link #stockLevels} looked them up.
     */
    private PosInventory level(JsonNode count) {
        String variationId = count.path("catalog_object_id").asText();
        SquareVariations.Variation variation = stocked.get(variationId);
        BigDecimal quantity;
        try {
            quantity = new BigDecimal(count.path("quantity").asText());
        } catch (NumberFormatException e) {
            throw new ConnectorException(Category.SYSTEM, "Square sent an inventory quantity that is not a decimal: "
                    + JsonValues.text(count.path("quantity")));
        }
        return new PosInventory("square", count.path("location_id").asText(), variationId, variation.itemId(),
                variation.sku(), variation.name(), quantity, count.path("state").asText("").toLowerCase(Locale.ROOT),
                count.path("calculated_at").asText(null));
    }

    /** The source of a vendor stream ({@code orders}, {@code payments}, ...). */
    WindowedReader.Source vendorSource(String vendorStream) {
        return source(vendorStream);
    }

    private WindowedReader.Source source(String vendorStream) {
        return switch (vendorStream) {
            case ORDERS -> orders();
            case PAYMENTS -> payments("/v2/payments", "payments");
            case REFUNDS -> payments("/v2/refunds", "refunds");
            case CATALOG -> catalog();
            case INVENTORY -> inventory();
            case CUSTOMERS -> customers();
            case LOCATIONS -> locations();
            default -> throw new ConnectorException(Category.CONFIG, "Square has no stream " + vendorStream
                    + "; it has " + String.join(", ", ALL));
        };
    }

    private WindowedReader reader(String stream, WindowedReader.Source source,
            Function<JsonNode, List<SourceRecord>> records) {
        return new WindowedReader(stream, source, config.lookback(), records);
    }

    private static SourceRecord record(String stream, String key, String version, Map<String, Object> data) {
        return new SourceRecord(stream, key, version, data);
    }

    /**
     * SearchOrders: every state, by {@code updated_at} ascending from the window's start, up to 10
     * locations per search; a cursor is followed with the same body (Square requires it).
     */
    private WindowedReader.Source orders() {
        List<List<String>> batches = batches(locations.ids(), LOCATIONS_PER_SEARCH);
        return new Source(batches.size(), "id", "updated_at") {
            @Override
            public WindowedReader.Page fetch(int batch, String from, String cursor) {
                ObjectNode body = SquareApi.JSON.createObjectNode();
                ArrayNode ids = body.putArray("location_ids");
                batches.get(batch).forEach(ids::add);
                body.put("limit", config.pageSize());
                body.put("return_entries", false);
                ObjectNode query = body.putObject("query");
                ObjectNode filter = query.putObject("filter");
                ArrayNode states = filter.putObject("state_filter").putArray("states");
                ORDER_STATES.forEach(states::add);
                if (from != null) {
                    filter.putObject("date_time_filter").putObject("updated_at").put("start_at", from);
                }
                query.putObject("sort").put("sort_field", "UPDATED_AT").put("sort_order", "ASC");
                if (cursor != null) {
                    body.put("cursor", cursor);
                }
                return page(api.post("/v2/orders/search", body), "orders");
            }

            @Override
            public boolean keyset() {
                return true;
            }
        };
    }

    /** ListPayments or ListPaymentRefunds of one location at a time, by {@code updated_at} ascending. */
    private WindowedReader.Source payments(String path, String field) {
        List<String> ids = locations.ids();
        return new Source(ids.size(), "id", "updated_at") {
            @Override
            public WindowedReader.Page fetch(int batch, String from, String cursor) {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("location_id", ids.get(batch));
                query.put("sort_field", "UPDATED_AT");
                query.put("sort_order", "ASC");
                query.put("limit", LIST_LIMIT);
                query.put("updated_at_begin_time", from);
                query.put("cursor", cursor);
                return page(api.get(path, query), field);
            }

            @Override
            public boolean keyset() {
                return true;
            }
        };
    }

    /**
     * SearchCatalogObjects for items and variations, deleted ones included (as records with
     * {@code is_deleted}); {@code begin_time} is exclusive, so it is asked from just before the
     * window's start. The related categories give {@code pos.items} their category names, and the
     * related items name the variations that changed on their own.
     */
    private WindowedReader.Source catalog() {
        return new Source(1, "id", "updated_at") {
            @Override
            public WindowedReader.Page fetch(int batch, String from, String cursor) {
                ObjectNode body = SquareApi.JSON.createObjectNode();
                body.putArray("object_types").add("ITEM").add("ITEM_VARIATION");
                body.put("include_deleted_objects", true);
                body.put("include_related_objects", true);
                body.put("limit", 1000);
                if (from != null) {
                    body.put("begin_time", justBefore(from));
                }
                if (cursor != null) {
                    body.put("cursor", cursor);
                }
                JsonNode answer = api.post("/v2/catalog/search", body);
                for (JsonNode related : answer.path("related_objects")) {
                    if ("CATEGORY".equals(related.path("type").asText())) {
                        categories.put(related.path("id").asText(), related.path("category_data").path("name").asText());
                    } else if ("ITEM".equals(related.path("type").asText())) {
                        parentItems.put(related.path("id").asText(), related);
                    }
                }
                return page(answer, "objects");
            }
        };
    }

    /** BatchRetrieveInventoryCounts: one count per variation, location and state, calculated after the window's start. */
    private WindowedReader.Source inventory() {
        return new Source(1, "", "calculated_at") {
            @Override
            public WindowedReader.Page fetch(int batch, String from, String cursor) {
                ObjectNode body = SquareApi.JSON.createObjectNode();
                ArrayNode ids = body.putArray("location_ids");
                locations.ids().forEach(ids::add);
                body.put("limit", 1000);
                if (from != null) {
                    body.put("updated_after", justBefore(from));
                }
                if (cursor != null) {
                    body.put("cursor", cursor);
                }
                return page(api.post("/v2/inventory/counts/batch-retrieve", body), "counts");
            }

            @Override
            public String key(JsonNode record) {
                return record.path("catalog_object_id").asText() + ":" + record.path("location_id").asText() + ":"
                        + record.path("state").asText();
            }

            @Override
            public String version(JsonNode record) {
                return record.path("quantity").asText() + "@" + record.path("calculated_at").asText();
            }
        };
    }

    /**
     * BatchRetrieveInventoryCounts of the {@code IN_STOCK} state at the connection's locations (the
     * stock on hand; Square's other states are where sold, wasted or moved units went), calculated
     * after the window's start, {@code pageSize} at a time, cursor to the end. Each page's variations
     * are looked up before its records are made: {@code pos.inventory} names them by SKU. One level
     * per variation and location, whose version is the level itself, so a count recalculated at the
     * same quantity is not emitted again.
     */
    private WindowedReader.Source stockLevels() {
        return new Source(1, "", "calculated_at") {
            @Override
            public WindowedReader.Page fetch(int batch, String from, String cursor) {
                ObjectNode body = SquareApi.JSON.createObjectNode();
                ArrayNode ids = body.putArray("location_ids");
                locations.ids().forEach(ids::add);
                body.putArray("states").add("IN_STOCK");
                body.put("limit", config.pageSize());
                if (from != null) {
                    body.put("updated_after", justBefore(from));
                }
                if (cursor != null) {
                    body.put("cursor", cursor);
                }
                WindowedReader.Page page = page(api.post("/v2/inventory/counts/batch-retrieve", body), "counts");
                stocked.load(page.records().stream().map(c -> c.path("catalog_object_id").asText(null)).toList());
                return page;
            }

            @Override
            public String key(JsonNode record) {
                return level(record).key();
            }

            @Override
            public String version(JsonNode record) {
                return level(record).version();
            }
        };
    }

    /** ListCustomers, everything each time (it has no time filter); the window skips what was read. */
    private WindowedReader.Source customers() {
        return new Source(1, "id", "updated_at") {
            @Override
            public WindowedReader.Page fetch(int batch, String from, String cursor) {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("limit", LIST_LIMIT);
                query.put("sort_field", "CREATED_AT");
                query.put("sort_order", "ASC");
                query.put("cursor", cursor);
                return page(api.get("/v2/customers", query), "customers");
            }
        };
    }

    /** The locations read at the start of the call, every time (a few, without {@code updated_at}). */
    private WindowedReader.Source locations() {
        return new Source(1, "id", "") {
            @Override
            public WindowedReader.Page fetch(int batch, String from, String cursor) {
                return new WindowedReader.Page(locations.nodes(), null);
            }
        };
    }

    /** For a time filter that is exclusive: a millisecond before {@code from}, so that records at it are read. */
    private static String justBefore(String from) {
        return Instant.parse(from).minusMillis(1).toString();
    }

    private static WindowedReader.Page page(JsonNode answer, String field) {
        List<JsonNode> records = new ArrayList<>();
        JsonNode array = answer.path(field);
        if (!array.isMissingNode() && !array.isArray()) {
            throw new ConnectorException(Category.SYSTEM, "Square answered " + field + " that is not a list");
        }
        array.forEach(records::add);
        String cursor = answer.path("cursor").asText("");
        return new WindowedReader.Page(records, cursor.isEmpty() ? null : cursor);
    }

    private static List<List<String>> batches(List<String> ids, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += size) {
            out.add(ids.subList(i, Math.min(ids.size(), i + size)));
        }
        return out;
    }

    /** A source whose key and {@code updated_at} are fields of the record. */
    private abstract static class Source implements WindowedReader.Source {
        private final int batches;
        private final String keyField;
        private final String updatedField;

        Source(int batches, String keyField, String updatedField) {
            this.batches = batches;
            this.keyField = keyField;
            this.updatedField = updatedField;
        }

        @Override
        public int batches() {
            return batches;
        }

        @Override
        public String key(JsonNode record) {
            return JsonValues.text(record.path(keyField));
        }

        @Override
        public String updatedAt(JsonNode record) {
            return updatedField.isEmpty() ? "" : JsonValues.text(record.path(updatedField));
        }

        /** Square's {@code version} where the object has one (orders, catalog, customers), else its update time. */
        @Override
        public String version(JsonNode record) {
            return record.hasNonNull("version") ? record.path("version").asText() : updatedAt(record);
        }
    }
}
