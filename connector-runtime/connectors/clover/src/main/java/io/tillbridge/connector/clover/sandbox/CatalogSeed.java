package io.tillbridge.connector.clover.sandbox;

import static io.tillbridge.connector.clover.sandbox.CloverJson.ref;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;

/**
 * Seeds one merchant's setup: its profile and properties, devices, employees, tenders, tax rates,
 * categories, modifier groups, items (plain, sold by weight, and variants of item groups with
 * attributes and options), a gift card item, discounts, item stocks and customers.
 */
final class CatalogSeed {

    static final String CARD = "com.clover.tender.credit_card";
    static final String CASH = "com.clover.tender.cash";
    static final String GIFT_CARD = "com.clover.tender.external_gift_card";

    private final MerchantData m;
    private final Random random;
    private final Faker faker;
    private final CloverIds ids;
    /** Items a sale may pick (no gift card). */
    final List<ObjectNode> sellable = new ArrayList<>();
    ObjectNode giftCard;

    CatalogSeed(MerchantData m, Random random, Faker faker, CloverIds ids) {
        this.m = m;
        this.random = random;
        this.faker = faker;
        this.ids = ids;
    }

    static MerchantData merchant(CloverMerchant profile, CloverIds ids, Faker faker, Instant createdTime) {
        ObjectNode merchant = CloverJson.object();
        String id = ids.next();
        merchant.put("id", id);
        merchant.put("name", profile.name());
        ObjectNode address = merchant.putObject("address");
        address.put("address1", faker.address().streetAddress());
        address.put("city", profile.city());
        address.put("zip", faker.address().zipCode());
        address.put("country", profile.country());
        merchant.put("phoneNumber", faker.phoneNumber().phoneNumber());
        merchant.put("website", "https://" + profile.name().toLowerCase().replaceAll("[^a-z]", "") + ".example");
        merchant.put("createdTime", createdTime.toEpochMilli());
        ObjectNode properties = merchant.putObject("properties");
        properties.put("defaultCurrency", profile.currency());
        properties.put("timezone", profile.timeZone());
        properties.put("vat", profile.vat());
        properties.put("tipsEnabled", !profile.vat());
        properties.put("locale", profile.languageTag().replace('-', '_'));
        return new MerchantData(id, profile, createdTime, merchant);
    }

    void seed(Instant at, int customers) {
        long t = at.toEpochMilli();
        device("Front Counter", "Clover_Station_2018", "Clover Station", "STATION");
        device("Handheld", "Clover_Flex", "Clover Flex", "FLEX");
        for (int i = 0; i < 3; i++) {
            ObjectNode e = put(m.employees, ids.next());
            e.put("name", faker.name().fullName());
            e.put("role", i == 0 ? "ADMIN" : "EMPLOYEE");
        }
        tender(CARD, "Credit Card");
        tender(CASH, "Cash");
        tender(GIFT_CARD, "Gift Card");
        for (CloverMerchant.TaxRate rate : m.profile.taxRates()) {
            ObjectNode tax = put(m.taxRates, ids.next());
            tax.put("name", rate.name());
            tax.put("rate", rate.rate());
            tax.put("isDefault", m.taxRates.size() == 1);
            tax.put("modifiedTime", t);
        }
        ObjectNode defaultTax = m.taxRates.values().iterator().next();
        discount("10% off", 10, 0);
        discount("Loyalty reward", 0, -(200));
        discount("Staff meal", 50, 0);
        ObjectNode extras = modifierGroup("Extras", List.of("Extra shot", "Oat milk", "Add cheese"), t);
        ObjectNode sides = modifierGroup("Sides", List.of("Side salad", "Fries"), t);
        Set<String> categoryNames = new LinkedHashSet<>();
        while (categoryNames.size() < 4) {
            categoryNames.add(faker.commerce().department());
        }
        for (String name : categoryNames) {
            ObjectNode category = put(m.categories, ids.next());
            category.put("name", name);
            category.put("sortOrder", m.categories.size());
            category.put("modifiedTime", t);
            for (int i = 0; i < 5; i++) {
                ObjectNode item = item(faker.commerce().productName(), 250 + random.nextInt(16) * 100 - 1,
                        "FIXED", category, defaultTax, t);
                if (i == 0) {
                    modifiers(item, extras);
                } else if (i == 1) {
                    modifiers(item, sides);
                }
            }
        }
        List<ObjectNode> categories = new ArrayList<>(m.categories.values());
        ObjectNode weighed = item("Deli " + faker.food().ingredient(), 1299, "PER_UNIT", categories.get(0),
                defaultTax, t);
        weighed.put("unitName", "kg");
        variants("House Blend", "Size", List.of("Small", "Medium", "Large"), categories.get(1), defaultTax, t);
        variants(faker.commerce().productName(), "Color", List.of("Red", "Blue"), categories.get(2), defaultTax, t);
        if (m.taxRates.size() > 1) {
            ObjectNode soda = item("Fountain Soda", 199, "FIXED", categories.get(3), defaultTax, t);
            ArrayNode rates = CloverJson.elementsOf(soda, "taxRates");
            rates.add(taxRef(new ArrayList<>(m.taxRates.values()).get(1)));
            soda.put("defaultTaxRates", false);
        }
        giftCard = item("Gift Card", 2500, "FIXED", categories.get(3), null, t);
        giftCard.put("isRevenue", false);
        sellable.remove(giftCard);
        m.itemStocks.remove(giftCard.path("id").asText());
        for (int i = 0; i < customers; i++) {
            customer(at.minusSeconds(random.nextInt(86_400 * 30)));
        }
    }

    ObjectNode customer(Instant since) {
        ObjectNode c = put(m.customers, ids.next());
        String first = faker.name().firstName();
        String last = faker.name().lastName();
        c.put("firstName", first);
        c.put("lastName", last);
        c.put("marketingAllowed", random.nextBoolean());
        c.put("customerSince", since.toEpochMilli());
        ObjectNode email = CloverJson.object();
        email.put("id", ids.next());
        email.put("emailAddress", (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + "@example.com");
        email.set("customer", ref(c.path("id").asText()));
        c.set("emailAddresses", CloverJson.elements(CloverJson.array().add(email)));
        ObjectNode phone = CloverJson.object();
        phone.put("id", ids.next());
        phone.put("phoneNumber", faker.phoneNumber().cellPhone());
        c.set("phoneNumbers", CloverJson.elements(CloverJson.array().add(phone)));
        ObjectNode address = CloverJson.object();
        address.put("id", ids.next());
        address.put("address1", faker.address().streetAddress());
        address.put("city", m.profile.city());
        address.put("zip", faker.address().zipCode());
        address.put("country", m.profile.country());
        c.set("addresses", CloverJson.elements(CloverJson.array().add(address)));
        return c;
    }

    private ObjectNode item(String name, long price, String priceType, ObjectNode category, ObjectNode tax, long t) {
        ObjectNode item = put(m.items, ids.next());
        item.put("hidden", false);
        item.put("available", true);
        item.put("name", name);
        item.put("alternateName", "");
        item.put("code", String.format("%012d", Math.floorMod(random.nextLong(), 1_000_000_000_000L)));
        item.put("sku", "SKU-" + (1000 + m.items.size()));
        item.put("price", price);
        item.put("priceType", priceType);
        item.put("defaultTaxRates", tax != null);
        item.put("cost", price * 4 / 10);
        item.put("isRevenue", true);
        item.put("modifiedTime", t);
        item.put("deleted", false);
        ObjectNode c = ref(category.path("id").asText());
        c.put("name", category.path("name").asText());
        item.set("categories", CloverJson.elements(CloverJson.array().add(c)));
        ArrayNode rates = CloverJson.array();
        if (tax != null) {
            rates.add(taxRef(tax));
        }
        item.set("taxRates", CloverJson.elements(rates));
        item.set("modifierGroups", CloverJson.elements(CloverJson.array()));
        item.set("options", CloverJson.elements(CloverJson.array()));
        sellable.add(item);
        ObjectNode stock = CloverJson.object();
        stock.set("item", ref(item.path("id").asText()));
        stock.put("quantity", (double) (20 + random.nextInt(180)));
        stock.put("modifiedTime", t);
        m.itemStocks.put(item.path("id").asText(), stock);
        return item;
    }

    private static ObjectNode taxRef(ObjectNode tax) {
        ObjectNode r = ref(tax.path("id").asText());
        r.put("name", tax.path("name").asText());
        r.put("rate", tax.path("rate").asLong());
        return r;
    }

    private void variants(String name, String attributeName, List<String> optionNames, ObjectNode category,
                          ObjectNode tax, long t) {
        ObjectNode group = put(m.itemGroups, ids.next());
        group.put("name", name);
        ObjectNode attribute = ref(ids.next());
        attribute.put("name", attributeName);
        attribute.set("itemGroup", ref(group.path("id").asText()));
        ArrayNode options = CloverJson.array();
        ArrayNode members = CloverJson.array();
        long price = 300 + random.nextInt(10) * 100;
        for (String optionName : optionNames) {
            ObjectNode option = ref(ids.next());
            option.put("name", optionName);
            option.set("attribute", ref(attribute.path("id").asText()));
            options.add(option);
            ObjectNode item = item(name + " " + optionName, price, "FIXED", category, tax, t);
            item.set("itemGroup", ref(group.path("id").asText()));
            CloverJson.elementsOf(item, "options").add(option.deepCopy());
            members.add(ref(item.path("id").asText()));
            price += 50;
        }
        attribute.set("options", CloverJson.elements(options));
        group.set("attributes", CloverJson.elements(CloverJson.array().add(attribute)));
        group.set("items", CloverJson.elements(members));
    }

    private ObjectNode modifierGroup(String name, List<String> modifierNames, long t) {
        ObjectNode group = put(m.modifierGroups, ids.next());
        group.put("name", name);
        group.put("showByDefault", true);
        group.put("minRequired", 0);
        group.put("maxAllowed", modifierNames.size());
        group.put("modifiedTime", t);
        ArrayNode modifiers = CloverJson.array();
        for (String modifierName : modifierNames) {
            ObjectNode modifier = ref(ids.next());
            modifier.put("name", modifierName);
            modifier.put("price", 50 + random.nextInt(4) * 25);
            modifier.set("modifierGroup", ref(group.path("id").asText()));
            modifiers.add(modifier);
        }
        group.set("modifiers", CloverJson.elements(modifiers));
        return group;
    }

    private static void modifiers(ObjectNode item, ObjectNode group) {
        ObjectNode r = ref(group.path("id").asText());
        r.put("name", group.path("name").asText());
        CloverJson.elementsOf(item, "modifierGroups").add(r);
    }

    private void discount(String name, int percentage, long amount) {
        ObjectNode d = put(m.discounts, ids.next());
        d.put("name", name);
        if (percentage > 0) {
            d.put("percentage", percentage);
        } else {
            d.put("amount", amount);
        }
    }

    private void tender(String labelKey, String label) {
        ObjectNode tender = put(m.tenders, ids.next());
        tender.put("labelKey", labelKey);
        tender.put("label", label);
        tender.put("enabled", true);
        tender.put("visible", true);
        tender.put("opensCashDrawer", CASH.equals(labelKey));
    }

    private void device(String name, String model, String productName, String type) {
        ObjectNode d = put(m.devices, ids.next());
        d.put("name", name);
        d.put("model", model);
        d.put("productName", productName);
        d.put("deviceTypeName", type);
        d.put("serial", "C0" + ids.next().substring(0, 12));
        d.set("merchant", ref(m.id));
    }

    private static ObjectNode put(java.util.Map<String, ObjectNode> into, String id) {
        ObjectNode node = ref(id);
        into.put(id, node);
        return node;
    }
}
