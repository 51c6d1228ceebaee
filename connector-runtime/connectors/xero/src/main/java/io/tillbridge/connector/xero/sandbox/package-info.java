/**
 * The Xero sandbox: a local server on loopback that behaves like Xero's Accounting API 2.0 (paths,
 * the tenant header, paging, {@code summarizeErrors}, idempotency keys, rate limits and their
 * headers, error bodies, OAuth 2.0 and signed webhooks), so that the Xero connector is tried and
 * tested without Xero. It ships with the product ({@link io.tillbridge.connector.xero.sandbox.XeroSandboxProvider}).
 * Vendor facts come from Xero's OpenAPI documents ({@code xero_accounting.yaml},
 * {@code xero-webhooks.yaml}, MIT licence) and developer.xero.com.
 */
package io.tillbridge.connector.xero.sandbox;
