package io.tillbridge.storage.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.storage.StorageQuota;
import io.tillbridge.storage.StorageUsage;
import java.util.UUID;

/** What the tenant stores against its cap. */
@Controller("/api/v1/tenants/{tenantId}/storage")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Storage", description = "What the tenant stores against its cap")
public class StorageController {

    private final TenantAccess access;
    private final StorageQuota quota;

    public StorageController(TenantAccess access, StorageQuota quota) {
        this.access = access;
        this.quota = quota;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getStorageUsage", summary = "Stored bytes and the tenant's cap",
            description = "Bytes of stored run records, shadow changes, webhook events (generic and vendor), uploaded"
                    + " files and output rows."
                    + " At or over the cap, runs fail with STORAGE_QUOTA and webhook deliveries answer 507 storage-quota-exceeded until"
                    + " retention frees space or the cap is raised.")
    public StorageUsage get(@PathVariable UUID tenantId, Authentication authentication) {
        return quota.usage(access.require(authentication, tenantId, Permission.READ));
    }
}
