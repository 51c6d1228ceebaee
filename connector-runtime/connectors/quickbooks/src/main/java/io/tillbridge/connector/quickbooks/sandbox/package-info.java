/**
 * The QuickBooks Online sandbox: a local server on loopback that behaves like Intuit's Accounting
 * API v3 for what the QuickBooks connector reads and posts (chart of accounts, tax codes and rates,
 * items, customers, journal entries, sales and refund receipts), with Intuit's fault envelope,
 * query language subset, SyncToken locking, {@code requestid} replays, throttles, OAuth 2 and signed
 * webhooks. It ships with the product ({@link io.tillbridge.connector.quickbooks.sandbox.QuickBooksSandboxProvider}).
 */
package io.tillbridge.connector.quickbooks.sandbox;
