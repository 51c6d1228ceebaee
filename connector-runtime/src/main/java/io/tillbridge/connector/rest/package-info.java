/**
 * Mechanics shared by connectors that read JSON over HTTP: a client with timeouts, retries,
 * {@code Retry-After} and backoff ({@link io.tillbridge.connector.rest.JsonHttpClient}), the paging
 * loop with checkpoints ({@link io.tillbridge.connector.rest.PagedStreamReader}) and the incremental
 * watermark ({@link io.tillbridge.connector.rest.ReadState}), and the look-back window of an incremental
 * read that asks again for a while back and skips what it read before
 * ({@link io.tillbridge.connector.rest.LookbackWindow}). A vendor connector supplies
 * only how to ask for a page and where its records, cursor and next page are (after Camel's
 * {@code ScheduledBatchPollingConsumer}, where a consumer writes only {@code poll()}).
 */
package io.tillbridge.connector.rest;
