/**
 * Mappings of integrations: versions of a mapping spec per integration (stored as JSON, never
 * changed) and the pinned version a run uses ({@link io.tillbridge.mappings.MappingVersions}), with
 * save-time validation against discovery; live preview and field suggestions
 * ({@link io.tillbridge.mappings.MappingPreviews}). Requests are typed: the spec is the engine's
 * {@link io.tillbridge.connector.mapping.MappingSpec}, previews take a
 * {@link io.tillbridge.mappings.MappingPreviewRequest} and suggestions a
 * {@link io.tillbridge.mappings.FieldSuggestionRequest}; {@link io.tillbridge.mappings.MappingRequestJson}
 * reads them from the API's JSON. The engine itself is {@link io.tillbridge.connector.mapping}.
 */
package io.tillbridge.mappings;
