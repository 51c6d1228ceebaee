/**
 * The Clover sandbox: a local HTTP server that behaves like Clover's REST API v3 for the endpoints a
 * Clover connector uses, with seeded, realistic merchant data that grows when the sandbox's clock is
 * advanced, and webhooks sent the way Clover sends them. It ships with the product so that a Clover
 * connection can be tried and tested without a Clover developer account.
 *
 * <p>Start one with {@link io.tillbridge.connector.clover.sandbox.CloverSandbox#start}; everything is
 * in memory and ends with {@code close()}. The server listens on 127.0.0.1 only, and delivers
 * webhooks only to loopback addresses.
 *
 * <p>Where Clover's documentation is silent or could not be checked, the sandbox assumes, and says so
 * here so that nobody mistakes it for Clover's word:
 * <ul>
 *   <li>errors answer {@code {"message": "..."}} (401: {@code "401 Unauthorized"}); amounts are
 *       integers in the currency's minor units;
 *   <li>a {@code limit} above the maximum (1000) is capped, not refused; lists of orders, payments
 *       and refunds are sorted by {@code createdTime} descending unless {@code orderBy} says
 *       otherwise, so that offset paging over data that grows meanwhile can shift, as it can at
 *       Clover;
 *   <li>a 429 carries {@code Retry-After} only when the option asks for it (the header names are not
 *       confirmed); the per-second limits count real seconds;
 *   <li>a voided order has {@code state: "voided"} and no payments; a paid order is
 *       {@code state: "locked"}; {@code paymentState} is {@code OPEN}, {@code PAID},
 *       {@code PARTIALLY_REFUNDED} or {@code REFUNDED};
 *   <li>an exchange is a refund of the returned line (marked {@code exchanged: true} on the original
 *       order) and a new order whose line names it in {@code exchangedLineItem};
 *   <li>the merchant's time zone and currency are in {@code properties} ({@code expand=properties}
 *       on {@code /v3/merchants/{mId}}, or {@code /v3/merchants/{mId}/properties});
 *   <li>the app's webhook URL is registered through {@code POST /sandbox/webhooks {"url"}} (or the
 *       {@code webhookUrl} option, or {@code CloverSandbox.registerWebhook}) and verified through
 *       {@code POST /sandbox/webhooks/verify {"verificationCode"}} or
 *       {@code CloverSandbox.confirmWebhook}: they stand in for Clover's developer dashboard;
 *   <li>the arithmetic of an order's {@code total} is in {@code OrderPricing}.
 * </ul>
 */
package io.tillbridge.connector.clover.sandbox;
