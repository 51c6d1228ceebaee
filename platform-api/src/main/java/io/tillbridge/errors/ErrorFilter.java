package io.tillbridge.errors;

import java.util.UUID;

/** Which record errors to list or count; every field is optional (null: any). */
public record ErrorFilter(UUID integrationId, ErrorCategory category, ErrorStatus status, UUID runId) {
}
