/**
 * The Square sandbox: a local HTTP server that behaves like Square's API (Square-Version 2025-08-20)
 * for the endpoints the Square connector uses, with seeded, realistic merchant data that grows
 * when the sandbox's clock is advanced, and webhooks signed the way Square signs them. It ships
 * with the product so that a Square connection can be tried and tested without a Square account.
 *
 * <p>Start one with {@link io.tillbridge.connector.square.sandbox.SquareSandbox#start}; everything
 * is in memory and ends with {@code close()}. The server listens on 127.0.0.1 only, and delivers
 * webhooks only to loopback addresses.
 *
 * <p>Where Square's OpenAPI document and documentation are silent, the sandbox assumes, and says so
 * here so that nobody mistakes it for Square's word:
 * <ul>
 *   <li>a 429 carries no {@code Retry-After} unless the option asks for it, and the request budget
 *       is a sandbox option (Square publishes no numbers);
 *   <li>webhook retries come after a short, doubling delay (Square retries for 24 or 72 hours; its
 *       pages disagree);
 *   <li>idempotency keys are kept for the sandbox's lifetime; at most 100 inventory changes per
 *       request;
 *   <li>an amount-only refund is listed in {@code refunds[]} of the order it refunds; an itemized
 *       return is a new order with {@code returns[]} whose refunds name it as their
 *       {@code order_id};
 *   <li>{@code SearchOrders} without {@code location_ids}, or with a {@code limit} outside
 *       1..1000, answers 400; amounts round half to even;
 *   <li>catalog queries ({@code SearchCatalogObjects.query}) answer 400: not implemented.
 * </ul>
 */
package io.tillbridge.connector.square.sandbox;
