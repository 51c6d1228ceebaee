/**
 * The Shopify sandbox: a local HTTP server that behaves like Shopify's Admin API (REST and GraphQL)
 * for what a Shopify connector uses, with seeded, realistic shop data that grows when the sandbox's
 * clock is advanced, OAuth with signed redirects, and webhooks signed the way Shopify signs them. It
 * ships with the product so that a Shopify connection can be tried and tested without a Shopify
 * store.
 *
 * <p>Start one with {@link io.tillbridge.connector.shopify.sandbox.ShopifySandbox#start}; everything
 * is in memory and ends with {@code close()}. The server listens on 127.0.0.1 only and delivers
 * webhooks only to loopback addresses. Shops are told apart by the first path segment (the shop's
 * {@code myshopify.com} domain) instead of the host name.
 *
 * <p>Where Shopify's documentation is silent or unverified, the sandbox assumes, and says so here so
 * that nobody mistakes it for Shopify's word:
 * <ul>
 *   <li>REST error bodies are {@code {"errors": "message"}} or {@code {"errors": {"field": ["message"]}}};
 *       a locked shop answers 423 {@code {"errors": "This shop is unavailable: it is locked"}};
 *   <li>a 429 carries {@code Retry-After} in whole seconds (at least 1); the buckets leak on the
 *       sandbox's clock, so a fixed clock never leaks until {@code advance};
 *   <li>{@code page_info} with any parameter besides {@code limit} and {@code fields} answers 400 (a
 *       rule documented for Shopline, Shopify's clone); {@code limit} outside 1..250 answers 400;
 *   <li>REST lists answer in ascending id order; {@code GET orders.json} without {@code status} lists
 *       open orders only (POS orders are closed when rung up, so {@code status=any} is what a
 *       connector wants);
 *   <li>an offline POS sale keeps its {@code created_at} and reaches the shop up to 72 hours later;
 *       {@code processed_at} and {@code updated_at} are the arrival, and its id is given on arrival;
 *   <li>GraphQL costs are simplified (a connection: 2 plus, per node, 1 and the page sizes of the
 *       connections in it; a mutation: 10); nested connections are answered whole, not paged; a
 *       throttled query answers with the status the options choose (200 or 429); the search
 *       {@code query} understands {@code field:value} terms joined by AND and refuses the rest;
 *   <li>a full refund gives back shipping ({@code order_adjustments} of kind {@code shipping_refund})
 *       and the tip (kind {@code refund_discrepancy}); a cancelled order was only authorized, and
 *       its authorization is voided;
 *   <li>an exchange is shown as an order edit: a refund of the returned unit with restock, a new line
 *       item, and a new sale for it; {@code total_price} counts every line, refunds are separate;
 *   <li>webhook retries come after a short, doubling delay (Shopify retries over hours); a duplicate
 *       delivery carries the same {@code X-Shopify-Webhook-Id}.
 * </ul>
 */
package io.tillbridge.connector.shopify.sandbox;
