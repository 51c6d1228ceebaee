/**
 * The SQL work of the PostgreSQL warehouse target on the merchant's database: the mapping of names
 * to identifiers, the catalog, the column types, the content hash, the COPY text and binary
 * encodings, the loading of a batch and the reading of the rows it would write over.
 */
package io.tillbridge.connector.warehouse.internal;
