package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One stored object of a shop (order, product, customer, inventory level) as the REST API shows it,
 * with the times that the filters compare.
 */
final class ShopRecord {

    final long id;
    final Instant createdAt;
    Instant updatedAt;
    final ObjectNode json;
    /** Orders only: the payment transactions ({@code orders/{id}/transactions.json}). */
    final ArrayNode transactions = ShopifyJson.array();

    ShopRecord(long id, Instant createdAt, Instant updatedAt, ObjectNode json) {
        this.id = id;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.json = json;
    }

    /** Marks the record changed at {@code at}, in the shop's time zone. */
    void touch(ShopData shop, Instant at) {
        updatedAt = at;
        json.put("updated_at", shop.at(at));
    }

    /** A copy that later changes of the sandbox do not touch. */
    ObjectNode snapshot() {
        return json.deepCopy();
    }
}
