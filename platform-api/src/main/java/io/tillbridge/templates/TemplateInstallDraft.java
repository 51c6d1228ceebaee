package io.tillbridge.templates;

import java.util.UUID;

/**
 * What an install asks for: the tenant's source (POS) and target connections, a prefix for the
 * integrations' names (null: the template's names), the mode of every integration (null: each
 * one's mode in the template) and whether to create the template's schedules (null: yes).
 */
public record TemplateInstallDraft(UUID sourceConnectionId, UUID targetConnectionId, String namePrefix, String mode,
        Boolean schedule) {
}
