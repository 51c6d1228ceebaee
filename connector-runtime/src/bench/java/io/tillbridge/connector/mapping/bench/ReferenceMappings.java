package io.tillbridge.connector.mapping.bench;

/**
 * The G3 reference mapping of a Square order, written three times: as a Tillbridge mapping, in JSLT
 * and in JSONata. One row per line item; 16 fields, 2 money conversions (minor units to decimals by
 * the currency), 1 value map (tender type to ledger account), 1 expression (net of tax).
 */
final class ReferenceMappings {

    private ReferenceMappings() {
    }

    static final String TILLBRIDGE = """
            {"steps": [{"flatten": {"path": "line_items", "as": "item"}}],
             "valueMaps": {"accounts": {"entries": {"CARD": "1200", "CASH": "1000"}}},
             "fields": [
              {"target": "order_id", "source": "id", "required": true},
              {"target": "location_id", "source": "location_id"},
              {"target": "state", "source": "state", "case": "lower"},
              {"target": "created_at", "source": "created_at"},
              {"target": "customer_id", "source": "customer_id", "default": "guest"},
              {"target": "channel", "source": "source.name"},
              {"target": "line_uid", "source": "item.uid"},
              {"target": "sku", "source": "item.catalog_object_id"},
              {"target": "name", "source": "item.name", "trim": true},
              {"target": "variation", "source": "item.variation_name"},
              {"target": "quantity", "source": "item.quantity", "type": "integer"},
              {"target": "unit_price", "source": "item.base_price_money.amount",
               "money": {"from": "minor", "to": "decimal", "currencySource": "item.base_price_money.currency"}},
              {"target": "line_total", "source": "item.total_money.amount",
               "money": {"from": "minor", "to": "decimal", "currencySource": "item.total_money.currency"}},
              {"target": "currency", "source": "item.total_money.currency"},
              {"target": "payment_account", "source": "tenders[0].type", "valueMap": "accounts"},
              {"target": "net_minor", "expression": "item.total_money.amount - item.total_tax_money.amount"}
             ]}
            """;

    static final String JSLT = """
            let order = .
            let divisors = {"USD": 100, "EUR": 100, "GBP": 100, "JPY": 1}
            let accounts = {"CARD": "1200", "CASH": "1000"}
            [for (.line_items) {
              "order_id": $order.id,
              "location_id": $order.location_id,
              "state": lowercase($order.state),
              "created_at": $order.created_at,
              "customer_id": fallback($order.customer_id, "guest"),
              "channel": $order.source.name,
              "line_uid": .uid,
              "sku": .catalog_object_id,
              "name": trim(.name),
              "variation": .variation_name,
              "quantity": number(.quantity),
              "unit_price": .base_price_money.amount / get-key($divisors, .base_price_money.currency),
              "line_total": .total_money.amount / get-key($divisors, .total_money.currency),
              "currency": .total_money.currency,
              "payment_account": get-key($accounts, $order.tenders[0].type),
              "net_minor": .total_money.amount - .total_tax_money.amount
            }]
            """;

    static final String JSONATA = """
            (
              $order := $;
              $divisors := {"USD": 100, "EUR": 100, "GBP": 100, "JPY": 1};
              $accounts := {"CARD": "1200", "CASH": "1000"};
              [line_items.{
                "order_id": $order.id,
                "location_id": $order.location_id,
                "state": $lowercase($order.state),
                "created_at": $order.created_at,
                "customer_id": $exists($order.customer_id) ? $order.customer_id : "guest",
                "channel": $order.source.name,
                "line_uid": uid,
                "sku": catalog_object_id,
                "name": $trim(name),
                "variation": variation_name,
                "quantity": $number(quantity),
                "unit_price": base_price_money.amount / $lookup($divisors, base_price_money.currency),
                "line_total": total_money.amount / $lookup($divisors, total_money.currency),
                "currency": total_money.currency,
                "payment_account": $lookup($accounts, $order.tenders[0].type),
                "net_minor": total_money.amount - total_tax_money.amount
              }]
            )
            """;
}
