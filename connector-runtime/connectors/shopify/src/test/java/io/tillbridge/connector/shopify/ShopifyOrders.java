package io.tillbridge.connector.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Hand-written Shopify REST orders for the unit tests, in the shape of Shopify's documentation. */
final class ShopifyOrders {

    private ShopifyOrders() {
    }

    /**
     * A POS order in a shop with tax-inclusive prices (London): two lines, one discounted, one with
     * properties of every JSON type and a decimal quantity, a tip, one card payment, and a refund.
     */
    static ObjectNode london() {
        return parse("""
                {"id": 5001, "name": "#1001", "location_id": 77, "currency": "GBP", "taxes_included": true,
                 "created_at": "2026-12-01T00:30:00+00:00", "updated_at": "2026-12-01T10:15:00+00:00",
                 "closed_at": "2026-12-01T00:31:00+00:00", "cancelled_at": null,
                 "financial_status": "partially_refunded", "payment_gateway_names": ["shopify_payments"],
                 "customer": {"id": 9001}, "total_tip_received": "1.00", "total_outstanding": "0.00",
                 "total_price": "30.70",
                 "discount_applications": [{"type": "discount_code", "code": "WELCOME10", "value_type": "percentage"}],
                 "line_items": [
                   {"id": 601, "product_id": 11, "variant_id": 12, "sku": "TEE-M", "name": "Tee - M", "quantity": 2,
                    "price": "12.00", "gift_card": false,
                    "discount_allocations": [{"amount": "2.40", "discount_application_index": 0}],
                    "tax_lines": [{"title": "VAT", "rate": 0.2, "price": "3.60"}]},
                   {"id": 602, "product_id": 13, "variant_id": 14, "sku": "CHEESE", "name": "Cheddar", "quantity": "0.75",
                    "price": "10.80", "gift_card": false, "discount_allocations": [],
                    "tax_lines": [{"title": "VAT", "rate": 0.2, "price": "1.35"}],
                    "properties": [{"name": "Engraving", "value": "For Ada"}, {"name": "Count", "value": 3},
                                   {"name": "Note", "value": null}, {"name": "Extra", "value": {"a": [1, 2]}},
                                   {"name": "_private", "value": "hidden"}]}],
                 "shipping_lines": [],
                 "refunds": [{"id": 801, "order_id": 5001, "created_at": "2026-12-01T10:15:00+00:00", "note": "Too small",
                   "refund_line_items": [{"id": 901, "line_item_id": 601, "quantity": 1, "subtotal": "10.80",
                     "total_tax": "1.80", "line_item": {"sku": "TEE-M"}}],
                   "order_adjustments": [],
                   "transactions": [{"id": 702, "kind": "refund", "gateway": "shopify_payments", "status": "success",
                     "amount": "10.80", "parent_id": 701}]}]}
                """);
    }

    /** A US order paid part by gift card, part by card: its tenders need its transactions. */
    static ObjectNode split() {
        return parse("""
                {"id": 5002, "location_id": 78, "currency": "USD", "taxes_included": false,
                 "created_at": "2026-12-01T14:00:00-05:00", "updated_at": "2026-12-01T14:00:00-05:00",
                 "cancelled_at": null, "financial_status": "paid",
                 "payment_gateway_names": ["gift_card", "shopify_payments"],
                 "total_tip_received": "0.00", "total_price": "21.78",
                 "line_items": [{"id": 603, "product_id": 15, "variant_id": 16, "sku": "MUG", "quantity": 2,
                   "price": "10.00", "discount_allocations": [],
                   "tax_lines": [{"title": "NY State Tax", "rate": 0.08875, "price": "1.78"}]}],
                 "refunds": []}
                """);
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) ShopifyApi.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode splitTransactions() {
        return parse("""
                {"transactions": [
                  {"id": 711, "kind": "sale", "gateway": "gift_card", "status": "success", "amount": "10.00",
                   "created_at": "2026-12-01T14:00:00-05:00"},
                  {"id": 712, "kind": "sale", "gateway": "shopify_payments", "status": "success", "amount": "11.78",
                   "created_at": "2026-12-01T14:00:00-05:00",
                   "payment_details": {"credit_card_company": "Visa"}}]}
                """).path("transactions");
    }
}
