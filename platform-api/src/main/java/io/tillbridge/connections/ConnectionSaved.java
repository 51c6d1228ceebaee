package io.tillbridge.connections;

import io.tillbridge.tenants.TenantId;
import java.util.UUID;

/**
 * Published after a connection was created or changed and the change committed, so that features
 * that act on connect (registering the vendor's webhook subscription) can do so.
 */
public record ConnectionSaved(TenantId tenant, UUID connectionId) {
}
