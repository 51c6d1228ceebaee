/**
 * The generic HTTP JSON source: its config record, its connector and its stream reader. The
 * mechanics (client, retries, paging loop, checkpoints) are in {@link io.tillbridge.connector.rest}.
 */
package io.tillbridge.connector.http;
