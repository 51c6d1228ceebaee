package io.tillbridge.users;

import io.tillbridge.tenants.TenantId;
import java.util.UUID;

/** What a signup created: the tenant (with its unique slug) and its owner. */
public record SignupResult(TenantId tenant, String slug, UUID userId) {
}
