package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Sets inventory levels ({@code POST inventory_levels/set.json}: {@code location_id},
 * {@code inventory_item_id}, {@code available}), for two objects:
 *
 * <ul>
 *   <li>{@code inventory_levels.set} names the level by {@code inventory_item_id} and
 *       {@code location_id};</li>
 *   <li>{@code inventory_levels.set_by_sku} names it by the variant's {@code sku} and
 *       {@code location_id}: the SKU is looked up among the shop's variants ({@link ShopifyVariants},
 *       read once per connector and shop), and is REJECTED when no variant has it or when several
 *       do (naming them: Shopify lets a shop repeat a SKU, and setting either would be a guess).</li>
 * </ul>
 *
 * <p>Setting is absolute, so writing the same record again cannot count twice. The batch's current
 * levels are read first ({@code GET inventory_levels.json}, 50 inventory items and one location a
 * request, every page), and a level that already has the value is UNCHANGED without a request. Shopify
 * counts whole units: a quantity with a fraction is REJECTED, as is a level Shopify refuses (an item not
 * stocked at the location, an unknown location: 422); the rest of the batch goes on.
 */
final class ShopifyInventoryWrite {

    /** {@code inventory_levels.json} takes at most 50 {@code inventory_item_ids}. */
    static final int ITEMS_PER_READ = 50;

    private final ShopifyApi api;
    private final String object;
    private final Supplier<ShopifyVariants> variants;

    /**
     * @param object {@link ShopifyStreamDescriptors#INVENTORY_SET} or
     *     {@link ShopifyStreamDescriptors#INVENTORY_SET_BY_SKU}
     * @param variants the shop's variants, asked for only when a record names a SKU
     */
    ShopifyInventoryWrite(ShopifyApi api, String object, Supplier<ShopifyVariants> variants) {
        this.api = api;
        this.object = object;
        this.variants = variants;
    }

    List<WriteResult> write(List<WriteRecord> batch) {
        List<Resolved> resolved = resolve(batch);
        Map<String, Long> current = levels(resolved);
        List<WriteResult> out = new ArrayList<>();
        for (Resolved r : resolved) {
            String key = r.record().idempotencyKey();
            if (r.level() == null) {
                out.add(WriteResult.rejected(key, r.problem()));
                continue;
            }
            Level level = r.level();
            Long now = current.get(level.ref());
            if (now != null && now == level.available()) {
                out.add(WriteResult.unchanged(key, level.ref()));
                continue;
            }
            try {
                ObjectNode body = ShopifyApi.JSON.createObjectNode();
                body.put("location_id", level.location());
                body.put("inventory_item_id", level.item());
                body.put("available", level.available());
                api.post("inventory_levels/set", body);
                // A later record of the batch for the same level compares with what this one set.
                current.put(level.ref(), level.available());
                out.add(WriteResult.written(key, level.ref()));
            } catch (ConnectorException e) {
                if (e.category() != Category.CONFIG) {
                    throw e;
                }
                out.add(WriteResult.rejected(key, "Shopify refused the level: " + e.getMessage()));
            }
        }
        return out;
    }

    /**
     * The levels the batch's records would set, as the shop has them now, by idempotency key, under
     * the records' own field names; a field whose value equals the record's is the record's value, so
     * that {@code 12} and {@code 12.0} compare equal. Records that name no level, or a level the shop
     * does not stock, are absent.
     */
    Map<String, Map<String, Object>> current(List<WriteRecord> batch) {
        List<Resolved> resolved = resolve(batch);
        Map<String, Long> current = levels(resolved);
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Resolved r : resolved) {
            Long available = r.level() == null ? null : current.get(r.level().ref());
            if (available == null) {
                continue;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            Map<String, Object> record = r.record().data();
            if (ShopifyStreamDescriptors.INVENTORY_SET_BY_SKU.equals(object)) {
                data.put("sku", record.get("sku"));
            } else {
                data.put("inventory_item_id", same(record.get("inventory_item_id"), new BigDecimal(r.level().item())));
            }
            data.put("location_id", same(record.get("location_id"), new BigDecimal(r.level().location())));
            data.put("available", same(record.get("available"), BigDecimal.valueOf(available)));
            out.put(r.record().idempotencyKey(), data);
        }
        return out;
    }

    /** A record and the level it names, or why it names none. */
    private record Resolved(WriteRecord record, Level level, String problem) {
    }

    /** One level: ids as numbers, a whole quantity. */
    private record Level(long item, long location, long available) {
        String ref() {
            return item + ":" + location;
        }
    }

    private List<Resolved> resolve(List<WriteRecord> batch) {
        List<Resolved> out = new ArrayList<>();
        for (WriteRecord record : batch) {
            Map<String, Object> data = record.data();
            Long location = id(data.get("location_id"));
            if (location == null) {
                out.add(new Resolved(record, null, "location_id must be a Shopify location id (a number), not "
                        + shown(data.get("location_id"))));
                continue;
            }
            Object availableValue = data.get("available");
            BigDecimal available = decimal(availableValue);
            if (available == null) {
                out.add(new Resolved(record, null, "available must be a number, not " + shown(availableValue)));
                continue;
            }
            long units;
            try {
                units = available.longValueExact();
            } catch (ArithmeticException fraction) {
                out.add(new Resolved(record, null, "available " + available.toPlainString() + " is not a whole"
                        + " number: Shopify counts whole units, so a fractional stock (sold by weight) cannot be set"));
                continue;
            }
            if (ShopifyStreamDescriptors.INVENTORY_SET_BY_SKU.equals(object)) {
                out.add(bySku(record, location, units));
            } else {
                Long item = id(data.get("inventory_item_id"));
                out.add(item == null ? new Resolved(record, null, "inventory_item_id must be a Shopify id (a number),"
                        + " not " + shown(data.get("inventory_item_id")))
                        : new Resolved(record, new Level(item, location, units), null));
            }
        }
        return out;
    }

    private Resolved bySku(WriteRecord record, long location, long units) {
        Object value = record.data().get("sku");
        String sku = value instanceof BigDecimal d ? d.toPlainString() : value == null ? null : value.toString().strip();
        if (sku == null || sku.isEmpty()) {
            return new Resolved(record, null, "sku is required: the level is found by its variant's SKU");
        }
        List<ShopifyVariants.Variant> found = variants.get().bySku(sku);
        if (found.isEmpty()) {
            return new Resolved(record, null, "no variant with SKU '" + clip(sku) + "' in the shop");
        }
        if (found.size() > 1) {
            List<String> named = found.stream().limit(5).map(ShopifyVariants.Variant::describe).toList();
            String list = named.size() == 2 ? named.get(0) + " and " + named.get(1) : String.join(", ", named)
                    + (found.size() > named.size() ? " and " + (found.size() - named.size()) + " more" : "");
            return new Resolved(record, null, "the SKU '" + clip(sku) + "' is on " + found.size()
                    + " variants in the shop: " + list + "; give each variant its own SKU");
        }
        ShopifyVariants.Variant variant = found.get(0);
        if (variant.inventoryItemId() == null) {
            return new Resolved(record, null, "the variant with SKU '" + clip(sku) + "', " + variant.describe()
                    + ", has no inventory item");
        }
        return new Resolved(record, new Level(Long.parseLong(variant.inventoryItemId()), location, units), null);
    }

    /**
     * The current {@code available} of the resolved levels, by {@link Level#ref()}: per location, 50
     * inventory items a request, to the last page. A level the shop does not stock is absent.
     */
    private Map<String, Long> levels(List<Resolved> resolved) {
        Map<Long, Set<Long>> itemsByLocation = new LinkedHashMap<>();
        for (Resolved r : resolved) {
            if (r.level() != null) {
                itemsByLocation.computeIfAbsent(r.level().location(), l -> new LinkedHashSet<>()).add(r.level().item());
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<Long, Set<Long>> e : itemsByLocation.entrySet()) {
            List<Long> items = new ArrayList<>(e.getValue());
            for (int from = 0; from < items.size(); from += ITEMS_PER_READ) {
                List<Long> chunk = items.subList(from, Math.min(items.size(), from + ITEMS_PER_READ));
                Map<String, String> query = new LinkedHashMap<>();
                query.put("inventory_item_ids", chunk.stream().map(String::valueOf).collect(Collectors.joining(",")));
                query.put("location_ids", Long.toString(e.getKey()));
                query.put("limit", "250");
                URI next = null;
                do {
                    ShopifyApi.Page page = api.page(ShopifyStreams.INVENTORY_LEVELS, ShopifyStreams.INVENTORY_LEVELS,
                            query, next);
                    for (JsonNode l : page.records()) {
                        if (l.path("location_id").asLong() == e.getKey() && l.path("available").canConvertToLong()) {
                            out.put(l.path("inventory_item_id").asLong() + ":" + e.getKey(), l.path("available").asLong());
                        }
                    }
                    if (page.next() != null && page.next().equals(next)) {
                        throw new ConnectorException(Category.SYSTEM, "the pagination of inventory levels does not advance");
                    }
                    next = page.next();
                } while (next != null);
            }
        }
        return out;
    }

    /** The record's own value when it equals {@code ours} as a number, else ours. */
    private static Object same(Object theirs, BigDecimal ours) {
        BigDecimal d = decimal(theirs);
        return d != null && d.compareTo(ours) == 0 ? theirs : ours;
    }

    private static Long id(Object value) {
        String text = value == null ? "" : value instanceof BigDecimal d ? plain(d) : value.toString().trim();
        if (!text.matches("\\d{1,19}")) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    private static String plain(BigDecimal d) {
        try {
            return d.toBigIntegerExact().toString();
        } catch (ArithmeticException fraction) {
            return d.toPlainString();
        }
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (!(value instanceof String text)) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String shown(Object value) {
        if (value == null) {
            return "nothing";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return "'" + clip(text) + "'";
    }

    private static String clip(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
