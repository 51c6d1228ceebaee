package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.PosInventory;
import io.tillbridge.connector.pos.PosItem;
import io.tillbridge.connector.pos.PosLocation;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.connector.rest.JsonValues;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.SourceRecord;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The streams of a Shopify connection: where each one's pages come from (REST lists) and what records
 * a vendor object gives. The vendor streams emit Shopify's objects as the REST API shows them (the same
 * JSON its webhooks carry); the canonical ones ({@link PosStreams}) translate the same reads.
 */
final class ShopifyStreams {

    static final String ORDERS = "orders";
    static final String TRANSACTIONS = "transactions";
    static final String PRODUCTS = "products";
    static final String VARIANTS = "variants";
    static final String INVENTORY_LEVELS = "inventory_levels";
    static final String CUSTOMERS = "customers";
    static final String LOCATIONS = "locations";

    /** Every stream, orders first (the one that holds the sales). */
    static final List<String> ALL = List.of(ORDERS, TRANSACTIONS, PRODUCTS, VARIANTS, INVENTORY_LEVELS, CUSTOMERS,
            LOCATIONS, PosStreams.ORDERS, PosStreams.PAYMENTS, PosStreams.REFUNDS, PosStreams.LOCATIONS,
            PosStreams.ITEMS, PosStreams.INVENTORY);

    /** The streams {@link #byIds} can fetch by key: those keyed by the id of what the list answers. */
    static final Set<String> TARGETED = Set.of(ORDERS, PosStreams.ORDERS, PRODUCTS, CUSTOMERS);

    private final ShopifyApi api;
    private final ShopifyConfig config;
    private final ShopifyOrderTranslation orders;
    private JsonNode shop;
    private List<JsonNode> locations;
    /**
     * The shop's variants by inventory item and its products' types, read at the first level of a
     * {@code pos.inventory} read or the first product line of an orders read.
     */
    private ShopifyVariants variants;
    private boolean variantsReread;

    ShopifyStreams(ShopifyApi api, ShopifyConfig config) {
        this.api = api;
        this.config = config;
        this.orders = new ShopifyOrderTranslation(config.closeOutTime(), this::productType, this::shopZone);
    }

    /**
     * The product's type, the category of its order lines: from the shop's products read once per
     * read (as {@code pos.inventory} reads them), and once more at the first product not among them
     * (created since the first reading); null for a product the shop no longer has.
     */
    String productType(String productId) {
        if (productId == null) {
            return null;
        }
        if (variants == null) {
            variants = ShopifyVariants.read(api, config.pageSize());
        }
        if (!variants.hasProduct(productId) && !variantsReread) {
            variantsReread = true;
            variants = ShopifyVariants.read(api, config.pageSize());
        }
        return variants.productType(productId);
    }

    /** The shop's time zone ({@code iana_timezone}; Shopify keeps one per shop), UTC when it names none we know. */
    ZoneId shopZone() {
        try {
            return ZoneId.of(shop().path("iana_timezone").asText("UTC"));
        } catch (DateTimeException unknown) {
            return ZoneOffset.UTC;
        }
    }

    /** {@code GET shop.json}: the cheapest call there is, and the shop's currency and time zone. */
    JsonNode shop() {
        if (shop == null) {
            shop = api.get("shop", Map.of()).path("shop");
        }
        return shop;
    }

    /** The shop's locations, or those the config names; a named one the shop lacks fails CONFIG. */
    List<JsonNode> locations() {
        if (locations == null) {
            List<JsonNode> all = new ArrayList<>();
            api.get("locations", Map.of()).path("locations").forEach(all::add);
            List<String> wanted = config.locations();
            if (wanted.isEmpty()) {
                locations = all;
            } else {
                List<JsonNode> chosen = new ArrayList<>();
                for (String id : wanted) {
                    chosen.add(all.stream().filter(l -> id.equals(l.path("id").asText())).findFirst()
                            .orElseThrow(() -> new ConnectorException(Category.CONFIG, "location " + id
                                    + " is not one of the shop's locations")));
                }
                locations = chosen;
            }
        }
        return locations;
    }

    ShopifyReader reader(String stream) {
        return new ShopifyReader(stream, source(stream), config.lookback(), records(stream));
    }

    /** The records of {@code stream} for these keys, read with {@code ids=}. */
    List<SourceRecord> byIds(String stream, List<String> keys) {
        if (!TARGETED.contains(stream)) {
            throw new ConnectorException(Category.CONFIG, "Shopify's " + stream + " cannot be fetched by key; "
                    + "these can: " + String.join(", ", TARGETED.stream().sorted().toList()));
        }
        for (String key : keys) {
            if (!key.matches("\\d{1,20}")) {
                throw new ConnectorException(Category.CONFIG, "a Shopify id is a number");
            }
        }
        String resource = stream.equals(PRODUCTS) ? PRODUCTS : stream.equals(CUSTOMERS) ? CUSTOMERS : ORDERS;
        Map<String, String> query = new LinkedHashMap<>();
        query.put("ids", String.join(",", keys));
        if (resource.equals(ORDERS)) {
            query.put("status", "any");
        }
        query.put("limit", "250");
        Function<JsonNode, List<SourceRecord>> records = records(stream);
        List<SourceRecord> out = new ArrayList<>();
        URI next = null;
        do {
            ShopifyApi.Page page = api.page(resource, resource, query, next);
            page.records().forEach(node -> out.addAll(records.apply(node)));
            next = page.next();
        } while (next != null);
        return out.stream().filter(r -> keys.contains(r.key())).toList();
    }

    private ShopifyReader.Source source(String stream) {
        return switch (stream) {
            case ORDERS, TRANSACTIONS, PosStreams.ORDERS, PosStreams.PAYMENTS, PosStreams.REFUNDS -> list(ORDERS,
                    Map.of("status", "any"));
            case PRODUCTS, VARIANTS, PosStreams.ITEMS -> list(PRODUCTS, Map.of());
            case CUSTOMERS -> list(CUSTOMERS, Map.of());
            case INVENTORY_LEVELS -> inventoryLevels();
            case PosStreams.INVENTORY -> stockLevels();
            case LOCATIONS, PosStreams.LOCATIONS -> (updatedMin, next) -> new ShopifyApi.Page(locations(), null);
            default -> throw new ConnectorException(Category.CONFIG, "Shopify has no stream " + stream + "; it has "
                    + String.join(", ", ALL));
        };
    }

    private ShopifyReader.Source list(String resource, Map<String, String> filters) {
        return (updatedMin, next) -> {
            Map<String, String> query = new LinkedHashMap<>(filters);
            query.put("limit", Integer.toString(config.pageSize()));
            query.put("updated_at_min", updatedMin);
            return api.page(resource, resource, query, next);
        };
    }

    /** Inventory levels of the chosen locations; one level per inventory item and location. */
    private ShopifyReader.Source inventoryLevels() {
        return new ShopifyReader.Source() {
            @Override
            public ShopifyApi.Page page(String updatedMin, URI next) {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("location_ids", String.join(",", locations().stream().map(l -> l.path("id").asText())
                        .toList()));
                query.put("limit", Integer.toString(config.pageSize()));
                query.put("updated_at_min", updatedMin);
                return api.page(INVENTORY_LEVELS, INVENTORY_LEVELS, query, next);
            }

            @Override
            public String key(JsonNode level) {
                return level.path("inventory_item_id").asText() + ":" + level.path("location_id").asText();
            }

            @Override
            public String version(JsonNode level) {
                return ShopifyOrderTranslation.utc(level.path("updated_at").asText(null)) + "#"
                        + level.path("available").asText();
            }
        };
    }

    /**
     * The same levels as {@link #inventoryLevels()}, for {@code pos.inventory}: the version is the
     * level itself (quantity and SKU), not its update time, so a level touched without a new quantity
     * is not emitted again within the look-back.
     */
    private ShopifyReader.Source stockLevels() {
        ShopifyReader.Source levels = inventoryLevels();
        return new ShopifyReader.Source() {
            @Override
            public ShopifyApi.Page page(String updatedMin, URI next) {
                return levels.page(updatedMin, next);
            }

            @Override
            public String key(JsonNode level) {
                return levels.key(level);
            }

            @Override
            public String version(JsonNode level) {
                return canonicalLevel(level).map(PosInventory::version).orElse(level.path("available").asText());
            }
        };
    }

    /**
     * A level as a canonical one: its variant (the one whose inventory item it counts) names the
     * variation, item, SKU and name; {@code available} is the quantity in stock. A level without a
     * number ({@code available} is null for an item whose inventory Shopify does not track) or whose
     * inventory item belongs to no variant (the variant was deleted) gives none. The variants are
     * read once per read, and once more at the first level of a variant created since.
     */
    Optional<PosInventory> canonicalLevel(JsonNode level) {
        if (!level.path("available").isNumber()) {
            return Optional.empty();
        }
        String item = level.path("inventory_item_id").asText();
        if (variants == null) {
            variants = ShopifyVariants.read(api, config.pageSize());
        }
        Optional<ShopifyVariants.Variant> variant = variants.byInventoryItem(item);
        if (variant.isEmpty() && !variantsReread) {
            variantsReread = true;
            variants = ShopifyVariants.read(api, config.pageSize());
            variant = variants.byInventoryItem(item);
        }
        return variant.map(v -> new PosInventory(ShopifyOrderTranslation.VENDOR, level.path("location_id").asText(),
                v.id(), v.productId(), v.sku(), v.name(), level.path("available").decimalValue(), PosInventory.IN_STOCK,
                ShopifyOrderTranslation.utc(level.path("updated_at").asText(null))));
    }

    /** What records one vendor object gives in {@code stream}. */
    Function<JsonNode, List<SourceRecord>> records(String stream) {
        return switch (stream) {
            case ORDERS -> o -> atLocation(o) ? List.of(orderRecord(o)) : List.of();
            case TRANSACTIONS -> o -> atLocation(o) ? transactions(o).stream().map(t -> new SourceRecord(stream,
                    t.path("id").asText(), ShopifyOrderTranslation.version(o), JsonValues.toMap(t))).toList() : List.of();
            case PosStreams.ORDERS -> o -> atLocation(o) ? List.of(canonicalOrder(o,
                    ShopifyOrderTranslation.needsTransactions(o) ? transactions(o) : null)) : List.of();
            case PosStreams.REFUNDS -> o -> atLocation(o) ? canonicalRefunds(o) : List.of();
            case PosStreams.PAYMENTS -> o -> atLocation(o) ? orders.payments(o, transactions(o)).stream()
                    .map(p -> new SourceRecord(stream, p.id(), ShopifyOrderTranslation.version(o), p.toData()))
                    .toList() : List.of();
            case PRODUCTS, CUSTOMERS, LOCATIONS -> node -> List.of(new SourceRecord(stream, node.path("id").asText(),
                    ShopifyOrderTranslation.version(node), JsonValues.toMap(node)));
            case VARIANTS -> product -> variants(product);
            case PosStreams.ITEMS -> product -> items(product, shop().path("currency").asText("USD"));
            case INVENTORY_LEVELS -> level -> List.of(new SourceRecord(stream, level.path("inventory_item_id").asText()
                    + ":" + level.path("location_id").asText(), ShopifyOrderTranslation.utc(level.path("updated_at")
                    .asText(null)) + "#" + level.path("available").asText(), JsonValues.toMap(level)));
            case PosStreams.INVENTORY -> level -> canonicalLevel(level).map(l -> List.of(new SourceRecord(stream,
                    l.key(), l.version(), l.toData()))).orElse(List.of());
            case PosStreams.LOCATIONS -> location -> List.of(new SourceRecord(stream, location.path("id").asText(),
                    ShopifyOrderTranslation.version(location), canonicalLocation(location).toData()));
            default -> throw new ConnectorException(Category.CONFIG, "Shopify has no stream " + stream);
        };
    }

    static SourceRecord orderRecord(JsonNode o) {
        return new SourceRecord(ORDERS, o.path("id").asText(), ShopifyOrderTranslation.version(o), JsonValues.toMap(o));
    }

    SourceRecord canonicalOrder(JsonNode o, List<JsonNode> transactions) {
        return new SourceRecord(PosStreams.ORDERS, o.path("id").asText(), ShopifyOrderTranslation.version(o),
                orders.order(o, transactions).toData());
    }

    List<SourceRecord> canonicalRefunds(JsonNode o) {
        return orders.refunds(o).stream().map(r -> new SourceRecord(PosStreams.REFUNDS, r.id(),
                ShopifyOrderTranslation.version(o), r.toData())).toList();
    }

    static List<SourceRecord> variants(JsonNode product) {
        List<SourceRecord> out = new ArrayList<>();
        for (JsonNode v : product.path("variants")) {
            String version = v.hasNonNull("updated_at") ? ShopifyOrderTranslation.version(v)
                    : ShopifyOrderTranslation.version(product);
            out.add(new SourceRecord(VARIANTS, v.path("id").asText(), version, JsonValues.toMap(v)));
        }
        return out;
    }

    static List<SourceRecord> items(JsonNode product, String currency) {
        ShopifyMoney money = ShopifyMoney.of(currency);
        List<SourceRecord> out = new ArrayList<>();
        for (JsonNode v : product.path("variants")) {
            String updated = ShopifyOrderTranslation.utc(v.path("updated_at").asText(product.path("updated_at")
                    .asText(null)));
            PosItem item = new PosItem(v.path("id").asText(), ShopifyOrderTranslation.VENDOR,
                    product.path("id").asText(), product.path("title").asText(null), v.path("title").asText(null),
                    v.path("sku").asText(null), product.path("product_type").asText(null), currency,
                    v.hasNonNull("price") ? money.amount(v.path("price")) : null, false, updated);
            out.add(new SourceRecord(PosStreams.ITEMS, item.variationId(), updated == null ? "" : updated,
                    item.toData()));
        }
        return out;
    }

    /** A location with the shop's time zone (Shopify keeps one per shop), the config's close-out, the shop's currency. */
    PosLocation canonicalLocation(JsonNode location) {
        JsonNode s = shop();
        ZoneId zone = shopZone();
        return new PosLocation(location.path("id").asText(), ShopifyOrderTranslation.VENDOR,
                location.path("name").asText(null), zone, config.closeOutTime(), s.path("currency").asText(null),
                location.path("country_code").asText(null), location.path("active").asBoolean(true));
    }

    /** {@code GET orders/{id}/transactions.json}: one request per order. */
    private List<JsonNode> transactions(JsonNode order) {
        List<JsonNode> out = new ArrayList<>();
        api.get("orders/" + order.path("id").asText() + "/transactions", Map.of()).path("transactions")
                .forEach(out::add);
        return out;
    }

    /** Whether the order is at a chosen location (every order when none is chosen). */
    private boolean atLocation(JsonNode order) {
        List<String> wanted = config.locations();
        return wanted.isEmpty() || wanted.contains(order.path("location_id").asText());
    }
}
