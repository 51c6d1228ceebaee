/**
 * The QuickBooks Online connector: an accounting target (journal entries, sales receipts, refund
 * receipts, posted once each, corrected by adjusting entries) and a source of the lists a mapping
 * picks from (accounts, tax codes and rates, items, customers). See DD-044.
 */
package io.tillbridge.connector.quickbooks;
