package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Where changes to a shop's data are announced: webhooks while the clock advances, nowhere while seeding. */
@FunctionalInterface
interface ShopEvents {

    ShopEvents NONE = (shop, topic, payload, at) -> { };

    /**
     * @param topic a webhook topic: {@code orders/create}, {@code orders/updated}, {@code refunds/create},
     *     {@code inventory_levels/update}, {@code products/update}
     * @param payload the object as the REST API shows it (a copy)
     */
    void changed(ShopData shop, String topic, ObjectNode payload, Instant at);
}
