package io.tillbridge.connector.square;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.PosItem;
import io.tillbridge.connector.pos.PosPayment;
import io.tillbridge.connector.pos.TenderKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Square's payments and catalog items as canonical {@link PosPayment}s and {@link PosItem}s
 * (docs/pos-model.md); orders and refunds are {@link SquareOrderTranslation}'s.
 */
final class SquareTranslation {

    private final SquareLocations locations;

    SquareTranslation(SquareLocations locations) {
        this.locations = locations;
    }

    /** A {@code Payment}: its total (tip included), tip, what was refunded, and the processing fees. */
    PosPayment payment(JsonNode p) {
        String currency = p.path("total_money").path("currency").asText(locations.currency(p.path("location_id").asText()));
        SquareMoney money = SquareMoney.of(currency);
        BigDecimal fee = null;
        if (p.path("processing_fee").isArray() && !p.path("processing_fee").isEmpty()) {
            long fees = 0;
            for (JsonNode f : p.path("processing_fee")) {
                fees += money.minor(f.path("amount_money"));
            }
            fee = money.decimal(fees);
        }
        String brand = p.path("card_details").path("card").path("card_brand").asText(null);
        TenderKind kind = switch (p.path("source_type").asText()) {
            case "CARD" -> "SQUARE_GIFT_CARD".equals(brand) ? TenderKind.GIFT_CARD : TenderKind.CARD;
            case "CASH" -> TenderKind.CASH;
            case "SQUARE_GIFT_CARD" -> TenderKind.GIFT_CARD;
            default -> TenderKind.OTHER;
        };
        String created = p.path("created_at").asText(null);
        String location = p.path("location_id").asText(null);
        java.time.LocalDate day = locations.businessDay(location, created);
        return new PosPayment(p.path("id").asText(), "square", p.path("order_id").asText(null), location, currency,
                kind, p.path("status").asText("").toLowerCase(Locale.ROOT), created, p.path("updated_at").asText(null),
                day, locations.businessDayEnd(location, day), money.decimal(money.minor(p.path("total_money"))),
                money.decimal(money.minor(p.path("tip_money"))), money.decimal(money.minor(p.path("refunded_money"))),
                fee, brand, p.path("is_offline_payment").asBoolean(false));
    }

    /**
     * A catalog object as {@code pos.items} entries: an {@code ITEM} gives one per variation
     * ({@code item_data.variations}, at least one per item) and a deleted item deletes all its
     * variations; an {@code ITEM_VARIATION} found on its own (changed without its item: each catalog
     * object has its own version and update time) gives itself, named after its parent item. Other
     * object types give none.
     *
     * @param categories category names by id, from the page's related objects
     * @param parents items by id, from the page's related objects (the parents of variations)
     */
    List<PosItem> items(JsonNode object, Map<String, String> categories, Map<String, JsonNode> parents) {
        String type = object.path("type").asText();
        if ("ITEM_VARIATION".equals(type)) {
            JsonNode parent = parents.get(object.path("item_variation_data").path("item_id").asText());
            return parent == null ? List.of() : List.of(item(parent, object, categories));
        }
        if (!"ITEM".equals(type)) {
            return List.of();
        }
        List<PosItem> out = new ArrayList<>();
        for (JsonNode v : object.path("item_data").path("variations")) {
            out.add(item(object, v, categories));
        }
        return out;
    }

    private PosItem item(JsonNode parent, JsonNode variation, Map<String, String> categories) {
        JsonNode item = parent.path("item_data");
        String categoryId = item.path("categories").path(0).path("id").asText(item.path("category_id").asText(null));
        String category = categoryId == null ? null : categories.getOrDefault(categoryId, null);
        JsonNode data = variation.path("item_variation_data");
        JsonNode price = data.path("price_money");
        boolean variable = "VARIABLE_PRICING".equals(data.path("pricing_type").asText()) || price.isMissingNode();
        String currency = price.path("currency").asText(locations.currency(null));
        SquareMoney money = SquareMoney.of(currency);
        boolean deleted = parent.path("is_deleted").asBoolean(false) || variation.path("is_deleted").asBoolean(false);
        String updated = latest(parent.path("updated_at").asText(null), variation.path("updated_at").asText(null));
        return new PosItem(variation.path("id").asText(), "square", parent.path("id").asText(),
                item.path("name").asText(null), data.path("name").asText(null), data.path("sku").asText(null),
                category, currency, variable ? null : money.decimal(money.minor(price)), deleted, updated);
    }

    /** The later of two RFC 3339 UTC times as Square writes them (same format, so text order is time order). */
    private static String latest(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.compareTo(b) >= 0 ? a : b;
    }
}
