package io.tillbridge.connector.shopify.sandbox;

import static io.tillbridge.connector.shopify.sandbox.ShopifyJson.time;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One shop's data: settings, locations, products, inventory levels, customers and orders, keyed by
 * id in ascending order (the order the REST lists answer in). Guarded by the sandbox's lock.
 */
public final class ShopData {

    /** A sale rung up offline that reaches Shopify later. */
    record LateSale(Instant soldAt, Instant arrivesAt, long locationId) {
    }

    private final ShopProfile profile;
    private final ZoneId zone;
    private final long shopId;
    private final IdSequence ids;
    final TreeMap<Long, ShopRecord> locations = new TreeMap<>();
    final TreeMap<Long, ShopRecord> products = new TreeMap<>();
    final TreeMap<Long, ShopRecord> customers = new TreeMap<>();
    final TreeMap<Long, ShopRecord> orders = new TreeMap<>();
    /** Inventory levels by a key that orders them by inventory item, then location. */
    final TreeMap<Long, ShopRecord> inventoryLevels = new TreeMap<>();
    final List<LateSale> lateSales = new ArrayList<>();
    private final Object lock;
    private int orderNumber = 1000;

    ShopData(ShopProfile profile, long shopId, IdSequence ids, Object lock) {
        this.profile = profile;
        this.lock = lock;
        this.zone = ZoneId.of(profile.ianaTimezone());
        this.shopId = shopId;
        this.ids = ids;
    }

    public ShopProfile profile() {
        return profile;
    }

    public String domain() {
        return profile.domain();
    }

    ZoneId zone() {
        return zone;
    }

    long nextId() {
        return ids.next();
    }

    int nextOrderNumber() {
        return ++orderNumber;
    }

    String money(BigDecimal amount) {
        return ShopifyJson.money(amount, profile.currencyDigits());
    }

    String at(Instant instant) {
        return time(instant, zone);
    }

    /** {@code GET shop.json}'s {@code shop}. */
    ObjectNode shopJson() {
        ObjectNode shop = ShopifyJson.object();
        shop.put("id", shopId);
        shop.put("name", profile.name());
        shop.put("domain", profile.domain());
        shop.put("myshopify_domain", profile.domain());
        shop.put("currency", profile.currency());
        shop.putArray("enabled_presentment_currencies").add(profile.currency());
        shop.put("iana_timezone", profile.ianaTimezone());
        shop.put("timezone", "(GMT" + zone.getRules().getOffset(Instant.EPOCH).getId().replace("Z", "+00:00")
                + ") " + profile.ianaTimezone());
        shop.put("taxes_included", profile.taxesIncluded());
        shop.put("country_code", profile.countryCode());
        shop.put("plan_name", "basic");
        return shop;
    }

    /** Inventory levels are keyed by inventory item and location: both ids stay below 2^31 apart. */
    static long levelKey(long inventoryItemId, long locationId) {
        return inventoryItemId * 1_000L + locationId % 1_000L;
    }

    Optional<ShopRecord> level(long inventoryItemId, long locationId) {
        ShopRecord level = inventoryLevels.get(levelKey(inventoryItemId, locationId));
        return level != null && level.json.path("location_id").asLong() == locationId ? Optional.of(level)
                : Optional.empty();
    }

    // Inspection for tests and tools: copies, never the live objects.

    /** The visible orders as the REST API shows them, in id order. */
    public List<ObjectNode> orders() {
        return copies(orders.values());
    }

    public Optional<ObjectNode> order(long id) {
        synchronized (lock) {
            return Optional.ofNullable(orders.get(id)).map(ShopRecord::snapshot);
        }
    }

    public List<ObjectNode> transactions(long orderId) {
        ShopRecord order = orders.get(orderId);
        List<ObjectNode> copies = new ArrayList<>();
        synchronized (lock) {
            if (order != null) {
                order.transactions.forEach(t -> copies.add(((ObjectNode) t).deepCopy()));
            }
        }
        return copies;
    }

    public List<ObjectNode> products() {
        return copies(products.values());
    }

    public List<ObjectNode> locations() {
        return copies(locations.values());
    }

    public List<ObjectNode> customers() {
        return copies(customers.values());
    }

    public List<ObjectNode> inventoryLevels() {
        return copies(inventoryLevels.values());
    }

    /** Sales rung up offline that have not reached the shop yet: when they were sold and when they arrive. */
    public List<LateSale> lateSales() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<>(lateSales));
        }
    }

    private List<ObjectNode> copies(Collection<ShopRecord> records) {
        synchronized (lock) {
            return records.stream().map(ShopRecord::snapshot).toList();
        }
    }
}
