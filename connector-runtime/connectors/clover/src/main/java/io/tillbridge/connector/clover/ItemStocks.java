package io.tillbridge.connector.clover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tillbridge.connector.clover.CloverApi.Param;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code item_stocks}: sets an item's stock to {@code quantity} (a decimal: Clover keeps stock
 * of items sold by weight with decimals) with {@code POST /item_stocks/{itemId}}. The item is
 * {@code item_id}, or found by {@code sku}. Setting a count is idempotent by nature: the stock is read
 * first, and a record whose quantity is already the stock is UNCHANGED, so the same batch written
 * again changes nothing. An unknown item or SKU, or a record without a quantity, is REJECTED.
 */
final class ItemStocks {

    static final String OBJECT = "item_stocks";

    private final CloverApi api;

    ItemStocks(CloverApi api) {
        this.api = api;
    }

    List<WriteResult> write(List<WriteRecord> batch) {
        List<WriteResult> results = new ArrayList<>();
        for (WriteRecord record : batch) {
            String key = record.idempotencyKey();
            Object quantity = record.data().get("quantity");
            if (!(quantity instanceof BigDecimal wanted)) {
                results.add(WriteResult.rejected(key, "quantity must be a number"));
                continue;
            }
            String itemId = itemId(record.data());
            if (itemId == null) {
                results.add(WriteResult.rejected(key, "no item with this item_id or sku"));
                continue;
            }
            BigDecimal stock = stock(itemId);
            if (stock != null && stock.compareTo(wanted) == 0) {
                results.add(WriteResult.unchanged(key, itemId));
                continue;
            }
            ObjectNode body = CloverApi.JSON.createObjectNode();
            body.put("quantity", wanted);
            api.post("/item_stocks/" + itemId, body);
            results.add(WriteResult.written(key, itemId));
        }
        return results;
    }

    /** The stock of the records' items as the target has it, for shadow mode. */
    Map<String, Map<String, Object>> current(List<WriteRecord> records) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (WriteRecord record : records) {
            String itemId = itemId(record.data());
            BigDecimal stock = itemId == null ? null : stock(itemId);
            if (stock != null) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("item_id", itemId);
                fields.put("quantity", stock);
                out.put(record.idempotencyKey(), fields);
            }
        }
        return out;
    }

    /** The item named by {@code item_id} or {@code sku}, if Clover has exactly one. */
    private String itemId(Map<String, Object> data) {
        Object id = data.get("item_id");
        Object sku = data.get("sku");
        String filter;
        if (id instanceof String text && text.matches("[A-Za-z0-9]{1,64}")) {
            filter = "id=" + text;
        } else if (sku instanceof String text && !text.isBlank() && text.length() <= 200) {
            filter = "sku=" + text;
        } else {
            return null;
        }
        List<JsonNode> items = api.list("/items", List.of(new Param("filter", filter), new Param("limit", "2")));
        return items.size() == 1 ? items.get(0).path("id").asText() : null;
    }

    private BigDecimal stock(String itemId) {
        List<JsonNode> stocks = api.list("/item_stocks", List.of(new Param("filter", "item.id=" + itemId),
                new Param("limit", "1")));
        return stocks.isEmpty() || !stocks.get(0).path("quantity").isNumber() ? null
                : stocks.get(0).path("quantity").decimalValue();
    }
}
