package io.tillbridge.connector.clover;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.pos.PosInventory;
import io.tillbridge.connector.pos.PosItem;
import io.tillbridge.connector.pos.PosPayment;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Clover's payments and inventory items as canonical {@link PosPayment}s and {@link PosItem}s
 * (docs/pos-model.md); orders and refunds are {@link CloverOrderTranslation}'s.
 */
final class CloverTranslation {

    private final MerchantProfile merchant;

    CloverTranslation(MerchantProfile merchant) {
        this.merchant = merchant;
    }

    /**
     * A payment (expanded with its refunds): Clover's {@code amount} excludes the tip
     * ({@code tipAmount}); the canonical amount includes it, and {@code refunded} is what its
     * successful refunds gave back, their tips included.
     */
    PosPayment payment(JsonNode p) {
        CloverMoney money = merchant.money(p);
        long tip = p.path("tipAmount").asLong();
        long refunded = 0;
        for (JsonNode r : CloverOrderTranslation.elements(p.path("refunds"))) {
            if (!r.path("voided").asBoolean(false) && "SUCCESS".equals(r.path("status").asText("SUCCESS"))) {
                refunded += r.path("amount").asLong() + r.path("tipAmount").asLong();
            }
        }
        long created = CloverOrderTranslation.created(p);
        String result = p.path("result").asText("SUCCESS");
        String status = switch (result) {
            case "SUCCESS" -> "completed";
            case "AUTH" -> "approved";
            case "FAIL" -> "failed";
            case "VOIDED" -> "canceled";
            default -> "pending";
        };
        String brand = p.path("cardTransaction").path("cardType").asText("");
        return new PosPayment(p.path("id").asText(), CloverConnector.ID, p.path("order").path("id").asText(null),
                merchant.id(), money.currency(), CloverOrderTranslation.kind(p), status,
                CloverOrderTranslation.time(created), CloverOrderTranslation.time(p.path("modifiedTime").asLong()),
                merchant.businessDay(created), merchant.businessDayEnd(merchant.businessDay(created)), money.decimal(p.path("amount").asLong() + tip), money.decimal(tip),
                money.decimal(refunded), null, brand.isEmpty() ? null : brand, p.path("offline").asBoolean(false));
    }

    /**
     * An item's stock as a level at the merchant's one location: the variation is the item, its
     * item its group (or itself), the name the item's with its options'. A stock of an item Clover no
     * longer lists ({@code item} null) has no SKU, name or group.
     *
     * @param quantity exactly as Clover sent it, trailing zeros aside ({@code 20.0} is {@code 20})
     */
    PosInventory level(String itemId, JsonNode item, BigDecimal quantity, long modifiedTime) {
        BigDecimal q = quantity.signum() == 0 ? BigDecimal.ZERO : quantity.stripTrailingZeros();
        q = q.scale() < 0 ? q.setScale(0) : q;
        String group = item == null ? "" : item.path("itemGroup").path("id").asText("");
        String sku = item == null ? "" : item.path("sku").asText("");
        String options = item == null ? null : CloverOrderTranslation.elements(item.path("options")).stream()
                .map(o -> o.path("name").asText("")).collect(Collectors.joining(" / "));
        return new PosInventory(CloverConnector.ID, merchant.id(), itemId,
                item == null ? null : group.isEmpty() ? itemId : group, sku.isEmpty() ? null : sku,
                item == null ? null : PosInventory.name(item.path("name").asText(null), options),
                q, PosInventory.IN_STOCK, CloverOrderTranslation.time(modifiedTime));
    }

    /**
     * An inventory item: Clover's item is the sellable unit (a variant is an item of an item group),
     * so the variation id is the item's id and the item id its group's, or its own. A
     * {@code VARIABLE} price is null; a {@code PER_UNIT} price is per unit of weight.
     */
    PosItem item(JsonNode i) {
        CloverMoney money = merchant.money();
        String group = i.path("itemGroup").path("id").asText("");
        List<JsonNode> options = CloverOrderTranslation.elements(i.path("options"));
        String variation = options.isEmpty() ? null
                : options.stream().map(o -> o.path("name").asText("")).collect(Collectors.joining(" / "));
        JsonNode category = CloverOrderTranslation.elements(i.path("categories")).stream().findFirst().orElse(null);
        String sku = i.path("sku").asText("");
        return new PosItem(i.path("id").asText(), CloverConnector.ID, group.isEmpty() ? i.path("id").asText() : group,
                i.path("name").asText(null), variation, sku.isEmpty() ? null : sku,
                category == null ? null : category.path("name").asText(null), money.currency(),
                "VARIABLE".equals(i.path("priceType").asText()) ? null : money.decimal(i.path("price").asLong()),
                i.path("deleted").asBoolean(false), CloverOrderTranslation.time(i.path("modifiedTime").asLong()));
    }
}
