package io.tillbridge.users;

import io.tillbridge.access.TenantRole;
import io.tillbridge.tenants.TenantId;

/**
 * A tenant a user belongs to, and their role there. A client "switches tenant" by choosing one of
 * these and using its id in {@code /api/v1/tenants/{tenantId}/...}.
 *
 * @param tenant the tenant
 * @param slug the tenant's short name
 * @param name the tenant's name
 * @param role the user's role in it
 * @param suspended whether the tenant is suspended (its API answers 403 tenant-suspended)
 */
public record Membership(TenantId tenant, String slug, String name, TenantRole role, boolean suspended) {
}
