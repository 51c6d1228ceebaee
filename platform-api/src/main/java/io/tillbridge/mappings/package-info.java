/**
 * Mappings of integrations: versions of a mapping spec per integration (stored as JSON, never
 * changed), the pinned version a run uses ({@link io.tillbridge.mappings.MappingService#pinned}),
 * save-time validation against discovery, live preview and field suggestions. The engine itself is
 * {@link io.tillbridge.connector.mapping}.
 */
package io.tillbridge.mappings;
