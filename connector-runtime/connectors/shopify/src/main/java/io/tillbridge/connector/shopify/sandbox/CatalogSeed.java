package io.tillbridge.connector.shopify.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Seeds a shop's locations (with addresses), products with variants and SKUs (one inventory item
 * each), a gift card product, inventory levels at every location, and customers.
 */
final class CatalogSeed {

    private static final String[] SIZES = {"S", "M", "L", "XL"};
    private static final String[] TYPES = {"Apparel", "Accessories", "Home", "Outdoor", "Books"};

    private final ShopData shop;
    private final Random random;
    private final Faker faker;

    CatalogSeed(ShopData shop, Random random, Faker faker) {
        this.shop = shop;
        this.random = random;
        this.faker = faker;
    }

    void seed(Instant since, int products, int customers) {
        for (int i = 0; i < shop.profile().locations(); i++) {
            location(i == 0 ? "Warehouse" : faker.address().cityName() + " Store", since);
        }
        giftCard(since);
        for (int i = 0; i < products; i++) {
            product(since.plus(Duration.ofMinutes(random.nextInt(600))));
        }
        for (int i = 0; i < customers; i++) {
            customer(since.plus(Duration.ofHours(random.nextInt(24 * 20))));
        }
    }

    /** A price in the shop's currency: JPY prices are about 150 times the dollar figure, in tens. */
    BigDecimal price(double dollars) {
        if (shop.profile().currencyDigits() == 0) {
            return BigDecimal.valueOf(Math.round(dollars * 15) * 10L);
        }
        return BigDecimal.valueOf(dollars).setScale(shop.profile().currencyDigits(), RoundingMode.HALF_EVEN);
    }

    private void location(String name, Instant at) {
        long id = shop.nextId();
        ObjectNode json = ShopifyJson.object();
        json.put("id", id);
        json.put("name", name);
        json.put("address1", faker.address().streetAddress());
        json.putNull("address2");
        json.put("city", faker.address().city());
        json.put("zip", faker.address().zipCode());
        json.put("province", faker.address().state());
        json.put("country", shop.profile().countryCode());
        json.put("country_code", shop.profile().countryCode());
        json.put("phone", faker.phoneNumber().phoneNumber());
        json.put("created_at", shop.at(at));
        json.put("updated_at", shop.at(at));
        json.put("active", true);
        json.put("legacy", false);
        shop.locations.put(id, new ShopRecord(id, at, at, json));
    }

    private void giftCard(Instant at) {
        ObjectNode product = productJson("Gift Card", "Gift Cards", at);
        ArrayNode variants = product.putArray("variants");
        for (int amount : new int[] {25, 50, 100}) {
            variants.add(variant(product.path("id").asLong(), "$" + amount, "GC-" + amount, price(amount), at, true));
        }
        product.put("gift_card", true);
        store(product, at);
    }

    private void product(Instant at) {
        String title = faker.commerce().productName();
        ObjectNode product = productJson(title, TYPES[random.nextInt(TYPES.length)], at);
        ArrayNode variants = product.putArray("variants");
        int count = 1 + random.nextInt(4);
        double dollars = 5 + random.nextInt(1900) / 20.0;
        String base = title.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        base = (base + "XXX").substring(0, 3) + "-" + (1000 + random.nextInt(9000));
        for (int i = 0; i < count; i++) {
            String option = count == 1 ? "Default Title" : SIZES[i];
            variants.add(variant(product.path("id").asLong(), option, count == 1 ? base : base + "-" + option,
                    price(dollars + i * 2), at, false));
        }
        store(product, at);
    }

    private ObjectNode productJson(String title, String type, Instant at) {
        ObjectNode product = ShopifyJson.object();
        product.put("id", shop.nextId());
        product.put("title", title);
        product.put("handle", title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        product.put("body_html", "<p>" + faker.lorem().sentence() + "</p>");
        product.put("vendor", faker.company().name());
        product.put("product_type", type);
        product.put("status", "active");
        product.put("created_at", shop.at(at));
        product.put("updated_at", shop.at(at));
        product.put("published_at", shop.at(at));
        product.put("gift_card", false);
        return product;
    }

    private ObjectNode variant(long productId, String option, String sku, BigDecimal price, Instant at,
            boolean giftCard) {
        ObjectNode variant = ShopifyJson.object();
        long id = shop.nextId();
        long inventoryItemId = shop.nextId();
        variant.put("id", id);
        variant.put("product_id", productId);
        variant.put("title", option);
        variant.put("option1", option);
        variant.put("sku", sku);
        variant.put("price", shop.money(price));
        variant.putNull("compare_at_price");
        variant.put("taxable", !giftCard);
        variant.put("requires_shipping", !giftCard);
        variant.put("inventory_item_id", inventoryItemId);
        variant.put("inventory_management", giftCard ? null : "shopify");
        variant.put("created_at", shop.at(at));
        variant.put("updated_at", shop.at(at));
        if (!giftCard) {
            int total = 0;
            for (ShopRecord location : shop.locations.values()) {
                int available = random.nextInt(60);
                total += available;
                ObjectNode level = ShopifyJson.object();
                level.put("inventory_item_id", inventoryItemId);
                level.put("location_id", location.id);
                level.put("available", available);
                level.put("updated_at", shop.at(at));
                level.put("admin_graphql_api_id", "gid://shopify/InventoryLevel/" + location.id
                        + "?inventory_item_id=" + inventoryItemId);
                shop.inventoryLevels.put(ShopData.levelKey(inventoryItemId, location.id),
                        new ShopRecord(ShopData.levelKey(inventoryItemId, location.id), at, at, level));
            }
            variant.put("inventory_quantity", total);
        }
        return variant;
    }

    private void store(ObjectNode product, Instant at) {
        long id = product.path("id").asLong();
        shop.products.put(id, new ShopRecord(id, at, at, product));
    }

    private void customer(Instant at) {
        long id = shop.nextId();
        ObjectNode json = ShopifyJson.object();
        String first = faker.name().firstName();
        String last = faker.name().lastName();
        json.put("id", id);
        json.put("email", (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + id % 1000
                + "@example.com");
        json.put("first_name", first);
        json.put("last_name", last);
        json.put("phone", faker.phoneNumber().cellPhone());
        json.put("state", "enabled");
        json.put("verified_email", true);
        json.put("currency", shop.profile().currency());
        json.put("orders_count", 0);
        json.put("total_spent", shop.money(BigDecimal.ZERO));
        json.put("created_at", shop.at(at));
        json.put("updated_at", shop.at(at));
        shop.customers.put(id, new ShopRecord(id, at, at, json));
    }

    /** The variants that can be sold, each with its product: the three gift cards last. */
    List<ObjectNode[]> sellable() {
        List<ObjectNode[]> all = new ArrayList<>();
        for (boolean giftCards : new boolean[] {false, true}) {
            for (ShopRecord product : shop.products.values()) {
                if (product.json.path("gift_card").asBoolean() == giftCards) {
                    product.json.path("variants")
                            .forEach(v -> all.add(new ObjectNode[] {product.json, (ObjectNode) v}));
                }
            }
        }
        return all;
    }
}
