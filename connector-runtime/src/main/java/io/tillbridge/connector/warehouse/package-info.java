/**
 * The PostgreSQL warehouse target: writes batches of records into one table per object, loading by
 * {@code COPY} into a temporary staging table and one set-based upsert that skips unchanged rows.
 * Its config record, the connector, the mapping of names to identifiers, the column types and the
 * COPY text encoding.
 */
package io.tillbridge.connector.warehouse;
