package io.tillbridge.integrations;

import java.util.UUID;

/**
 * What a create or an update sets; {@code mode} null keeps the current one (shadow on create);
 * {@code maxRecordErrors} null means no limit.
 */
public record IntegrationDraft(String name, UUID sourceConnectionId, String sourceStream, UUID targetConnectionId,
        String targetObject, String mode, Integer maxRecordErrors) {
}
