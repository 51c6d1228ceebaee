/**
 * The PostgreSQL warehouse target: writes batches of records into one table per object, skipping
 * records whose stored content hash is unchanged, loading new keys by {@code COPY} straight into the
 * table and changed ones by {@code COPY} into a temporary staging table and one set-based upsert.
 * Its config record, the connector, the mapping of names to identifiers, the column types, the
 * content hash and the COPY text and binary encodings.
 */
package io.tillbridge.connector.warehouse;
