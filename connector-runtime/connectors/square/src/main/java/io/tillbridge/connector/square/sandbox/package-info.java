/**
 * The Square sandbox: a local HTTP server that behaves like Square's API (Square-Version 2025-08-20)
 * for the endpoints the Square connector uses, with seeded, realistic merchant data that grows
 * when the sandbox's clock is advanced, and webhooks signed the way Square signs them. It ships
 * with the product so that a Square connection can be tried and tested without a Square account.
 *
 * <p>Start one with {@link io.tillbridge.connector.square.sandbox.SquareSandbox#start}; everything
 * is in memory and ends with {@code close()}. The server listens on 127.0.0.1 only, and delivers
 * webhooks only to loopback addresses.
 */
package io.tillbridge.connector.square.sandbox;
