package io.tillbridge.connector.square.sandbox;

import static io.tillbridge.connector.square.sandbox.SquareJson.money;
import static io.tillbridge.connector.square.sandbox.SquareJson.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.datafaker.Faker;

/**
 * Seeds what a merchant sets up before selling: its locations, the catalog (categories, items with
 * variations and SKUs, modifier lists, a tax per location or one for all, discounts, one deleted
 * item), customer profiles and the stock of tracked variations at every location.
 */
final class CatalogSeed {

    private static final String[] SIZES = {"Small", "Medium", "Large"};

    private final SandboxData data;
    private final SquareMerchant merchant;
    private final Random random;
    private final Faker faker;
    private final SquareIds ids;
    private final Set<String> names = new HashSet<>();

    CatalogSeed(SandboxData data, Random random, Faker faker, SquareIds ids) {
        this.data = data;
        this.merchant = data.merchant();
        this.random = random;
        this.faker = faker;
        this.ids = ids;
    }

    /** Seeds everything; {@code since} is when the merchant opened. */
    void seed(Instant since, int customers) {
        String business = faker.company().name().replaceAll("[^\\p{L}\\p{N} &'-]", "") + " Coffee";
        for (SquareMerchant.Site site : merchant.sites()) {
            data.addLocation(location(site, business, since));
        }
        Instant at = since.plus(Duration.ofHours(1));
        List<ObjectNode> locations = data.locationsLive();
        if (merchant.inclusiveTax()) {
            data.putCatalog(tax(merchant.taxName(), merchant.sites().get(0).taxPercentage(), null, at));
        } else {
            for (int i = 0; i < locations.size(); i++) {
                SquareMerchant.Site site = merchant.sites().get(i);
                data.putCatalog(tax(site.city() + " " + merchant.taxName(), site.taxPercentage(),
                        locations.get(i).path("id").asText(), at));
            }
        }
        data.putCatalog(percentageDiscount("Loyalty 10%", "10", at));
        data.putCatalog(percentageDiscount("Staff 20%", "20", at));
        ObjectNode fixed = catalogObject("DISCOUNT", at);
        ObjectNode fixedData = fixed.putObject("discount_data");
        fixedData.put("name", "Voucher");
        fixedData.put("discount_type", "FIXED_AMOUNT");
        fixedData.set("amount_money", money(price(200), merchant.currency()));
        fixedData.put("pin_required", false);
        data.putCatalog(fixed);
        ObjectNode milk = modifierList("Milk", at, new String[] {"Whole milk", "Oat milk", "Almond milk"},
                new long[] {0, 70, 70});
        ObjectNode extras = modifierList("Extras", at, new String[] {"Extra shot", "Vanilla syrup", "Whipped cream"},
                new long[] {90, 60, 50});
        String coffee = category("Coffee", at);
        String tea = category("Tea", at);
        String bakery = category("Bakery", at);
        String retail = category("Retail", at);
        for (int i = 0; i < 8; i++) {
            item(unique(() -> faker.coffee().blendName()), coffee, SIZES, price(350), false, List.of(milk, extras), at);
        }
        for (int i = 0; i < 5; i++) {
            item(unique(() -> faker.tea().variety() + " Tea"), tea, SIZES, price(300), false, List.of(milk), at);
        }
        for (int i = 0; i < 8; i++) {
            item(unique(() -> faker.dessert().variety()), bakery, new String[] {"Regular"}, price(325), true,
                    List.of(), at);
        }
        for (int i = 0; i < 5; i++) {
            item(unique(() -> faker.commerce().productName()), retail, new String[] {"Regular"}, price(1800), true,
                    List.of(), at);
        }
        item("Coffee Beans (per lb)", retail, new String[] {"Whole bean"}, price(1600), true, List.of(), at);
        ObjectNode gone = item(unique(() -> faker.dessert().variety()), bakery, new String[] {"Regular"}, price(300),
                false, List.of(), at);
        gone.put("is_deleted", true);
        gone.put("updated_at", time(at.plus(Duration.ofDays(2))));
        for (var variation : gone.path("item_data").path("variations")) {
            ((ObjectNode) variation).put("is_deleted", true).put("updated_at", time(at.plus(Duration.ofDays(2))));
        }
        for (int i = 0; i < customers; i++) {
            data.addCustomer(customer(since.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 20)))));
        }
        for (ObjectNode object : data.catalogLive()) {
            if (!"ITEM_VARIATION".equals(object.path("type").asText())
                    || !object.path("item_variation_data").path("track_inventory").asBoolean()) {
                continue;
            }
            for (ObjectNode location : locations) {
                ObjectNode count = SquareJson.object();
                count.put("catalog_object_id", object.path("id").asText());
                count.put("catalog_object_type", "ITEM_VARIATION");
                count.put("state", "IN_STOCK");
                count.put("location_id", location.path("id").asText());
                count.put("quantity", Integer.toString(20 + random.nextInt(180)));
                count.put("calculated_at", time(at.plus(Duration.ofMinutes(random.nextInt(600)))));
                count.put("is_estimated", false);
                data.putInventory(inventoryKey(object.path("id").asText(), location.path("id").asText()), count);
            }
        }
    }

    static String inventoryKey(String variationId, String locationId) {
        return variationId + "|" + locationId + "|IN_STOCK";
    }

    /** A price around {@code usCents}, in the merchant's currency and minor units. */
    long price(long usCents) {
        long scaled = switch (merchant.currency()) {
            case "JPY" -> Math.round(usCents * 1.5 / 10.0) * 10;
            case "GBP" -> Math.round(usCents * 0.8 / 5.0) * 5;
            default -> Math.round(usCents / 5.0) * 5;
        };
        long spread = Math.max(1, scaled / 4);
        long step = "JPY".equals(merchant.currency()) ? 10 : 5;
        return Math.max(step, (scaled - spread + random.nextLong(2 * spread)) / step * step);
    }

    ObjectNode customer(Instant created) {
        ObjectNode c = SquareJson.object();
        c.put("id", ids.customer());
        c.put("created_at", time(created));
        c.put("updated_at", time(created));
        String given = faker.name().firstName();
        String family = faker.name().lastName();
        c.put("given_name", given);
        c.put("family_name", family);
        c.put("email_address", (given + "." + family).toLowerCase().replaceAll("[^a-z.]", "") + "@example.com");
        c.put("phone_number", faker.phoneNumber().cellPhone());
        ObjectNode address = c.putObject("address");
        address.put("address_line_1", faker.address().streetAddress());
        address.put("locality", faker.address().city());
        address.put("postal_code", faker.address().zipCode());
        address.put("country", merchant.country());
        c.putObject("preferences").put("email_unsubscribed", random.nextInt(5) == 0);
        c.put("creation_source", random.nextBoolean() ? "DIRECTORY" : "THIRD_PARTY");
        c.put("version", 0);
        return c;
    }

    private ObjectNode location(SquareMerchant.Site site, String business, Instant since) {
        ObjectNode l = SquareJson.object();
        l.put("id", ids.location());
        l.put("name", business + " " + site.city());
        ObjectNode address = l.putObject("address");
        address.put("address_line_1", faker.address().streetAddress());
        address.put("locality", site.city());
        address.put("administrative_district_level_1", site.region());
        address.put("postal_code", site.postalCode());
        address.put("country", merchant.country());
        l.put("timezone", site.timeZone());
        l.putArray("capabilities").add("CREDIT_CARD_PROCESSING").add("AUTOMATIC_TRANSFERS");
        l.put("status", "ACTIVE");
        l.put("created_at", time(since));
        l.put("merchant_id", data.merchantId());
        l.put("country", merchant.country());
        l.put("language_code", merchant.languageCode());
        l.put("currency", merchant.currency());
        l.put("phone_number", faker.phoneNumber().phoneNumber());
        l.put("business_name", business);
        l.put("type", "PHYSICAL");
        l.put("mcc", "5814");
        return l;
    }

    private ObjectNode catalogObject(String type, Instant at) {
        ObjectNode o = SquareJson.object();
        o.put("type", type);
        o.put("id", ids.catalog());
        o.put("updated_at", time(at));
        o.put("version", at.toEpochMilli());
        o.put("is_deleted", false);
        o.put("present_at_all_locations", true);
        return o;
    }

    private ObjectNode tax(String name, String percentage, String onlyAt, Instant at) {
        ObjectNode o = catalogObject("TAX", at);
        if (onlyAt != null) {
            o.put("present_at_all_locations", false);
            o.putArray("present_at_location_ids").add(onlyAt);
        }
        ObjectNode t = o.putObject("tax_data");
        t.put("name", name);
        t.put("calculation_phase", "TAX_SUBTOTAL_PHASE");
        t.put("inclusion_type", merchant.inclusiveTax() ? "INCLUSIVE" : "ADDITIVE");
        t.put("percentage", percentage);
        t.put("applies_to_custom_amounts", true);
        t.put("enabled", true);
        return o;
    }

    private ObjectNode percentageDiscount(String name, String percentage, Instant at) {
        ObjectNode o = catalogObject("DISCOUNT", at);
        ObjectNode d = o.putObject("discount_data");
        d.put("name", name);
        d.put("discount_type", "FIXED_PERCENTAGE");
        d.put("percentage", percentage);
        d.put("pin_required", false);
        data.putCatalog(o);
        return o;
    }

    private String category(String name, Instant at) {
        ObjectNode o = catalogObject("CATEGORY", at);
        o.putObject("category_data").put("name", name).put("category_type", "REGULAR_CATEGORY")
                .put("is_top_level", true);
        data.putCatalog(o);
        return o.path("id").asText();
    }

    private ObjectNode modifierList(String name, Instant at, String[] modifiers, long[] usCents) {
        ObjectNode o = catalogObject("MODIFIER_LIST", at);
        ObjectNode d = o.putObject("modifier_list_data");
        d.put("name", name);
        d.put("selection_type", "Extras".equals(name) ? "MULTIPLE" : "SINGLE");
        ArrayNode mods = d.putArray("modifiers");
        for (int i = 0; i < modifiers.length; i++) {
            ObjectNode m = catalogObject("MODIFIER", at);
            ObjectNode md = m.putObject("modifier_data");
            md.put("name", modifiers[i]);
            md.set("price_money", money(usCents[i] == 0 ? 0 : price(usCents[i]), merchant.currency()));
            md.put("ordinal", i + 1);
            md.put("modifier_list_id", o.path("id").asText());
            mods.add(m);
            data.putCatalog(m);
        }
        data.putCatalog(o);
        return o;
    }

    private ObjectNode item(String name, String categoryId, String[] variations, long basePrice, boolean tracked,
            List<ObjectNode> modifierLists, Instant at) {
        ObjectNode o = catalogObject("ITEM", at);
        ObjectNode d = o.putObject("item_data");
        d.put("name", name);
        d.put("is_taxable", true);
        d.putArray("categories").addObject().put("id", categoryId).put("ordinal", 0);
        d.putObject("reporting_category").put("id", categoryId);
        ArrayNode taxIds = d.putArray("tax_ids");
        for (ObjectNode object : data.catalogLive()) {
            if ("TAX".equals(object.path("type").asText())) {
                taxIds.add(object.path("id").asText());
            }
        }
        if (!modifierLists.isEmpty()) {
            ArrayNode infos = d.putArray("modifier_list_info");
            for (ObjectNode list : modifierLists) {
                infos.addObject().put("modifier_list_id", list.path("id").asText()).put("enabled", true);
            }
        }
        d.put("product_type", "REGULAR");
        ArrayNode vars = d.putArray("variations");
        String sku = name.replaceAll("[^A-Za-z]", "").toUpperCase();
        sku = (sku + "XXX").substring(0, 3) + "-" + ids.digits(4);
        for (int i = 0; i < variations.length; i++) {
            ObjectNode v = catalogObject("ITEM_VARIATION", at);
            ObjectNode vd = v.putObject("item_variation_data");
            vd.put("item_id", o.path("id").asText());
            vd.put("name", variations[i]);
            vd.put("sku", sku + (variations.length > 1 ? "-" + variations[i].charAt(0) : ""));
            vd.put("ordinal", i);
            vd.put("pricing_type", "FIXED_PRICING");
            vd.set("price_money", money(basePrice + i * price(60), merchant.currency()));
            vd.put("track_inventory", tracked);
            vd.put("sellable", true);
            vd.put("stockable", true);
            vars.add(v);
            data.putCatalog(v);
        }
        data.putCatalog(o);
        return o;
    }

    private String unique(Supplier<String> name) {
        for (int i = 0; i < 20; i++) {
            String candidate = name.get();
            if (names.add(candidate)) {
                return candidate;
            }
        }
        String fallback = name.get() + " " + (names.size() + 1);
        names.add(fallback);
        return fallback;
    }
}
