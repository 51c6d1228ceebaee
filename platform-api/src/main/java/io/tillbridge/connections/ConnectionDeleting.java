package io.tillbridge.connections;

import io.tillbridge.tenants.TenantId;
import java.util.UUID;

/**
 * Published when a connection is about to be deleted (the caller may, and the version matched),
 * while its config and secrets still exist, so that features that registered something with the
 * vendor (the webhook subscription) can remove it. A listener never stops the deletion.
 */
public record ConnectionDeleting(TenantId tenant, UUID connectionId) {
}
