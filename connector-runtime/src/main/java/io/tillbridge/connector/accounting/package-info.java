/**
 * What an accounting target (QuickBooks Online, Xero) is asked to post, in one shape for every
 * accounting connector: the records a mapping writes into the objects {@code journal_entries},
 * {@code sales_receipts} and {@code credit_notes}, read into {@link JournalDocument} and
 * {@link SalesDocument}; the document numbers derived from the runtime's idempotency keys
 * ({@link DocumentNumbers}); and the difference an adjusting entry posts when a day changes after
 * it was posted ({@link Adjustments}). See {@code docs/accounting.md}.
 *
 * <p>Plain JDK types only, like the SPI, so that each connector module stays free of frameworks.
 */
package io.tillbridge.connector.accounting;
