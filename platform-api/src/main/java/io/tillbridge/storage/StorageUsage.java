package io.tillbridge.storage;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a tenant stores of run records, shadow changes, webhook events (generic and vendor), uploaded files
 * and output rows, against its cap.
 *
 * @param usedBytes bytes stored now (the size of the stored rows)
 * @param maxBytes the tenant's cap: its own, its plan's, or the platform's default
 * @param exceeded whether new storage is refused (used at or over the cap)
 */
@Serdeable
@Schema(description = "Stored bytes of run records, shadow changes, webhook events (generic and vendor),"
        + " uploaded files and output rows, and the tenant's cap")
public record StorageUsage(
        @Schema(example = "52428800") long usedBytes,
        @Schema(example = "1073741824") long maxBytes,
        boolean exceeded) {

    static StorageUsage of(long used, long max) {
        return new StorageUsage(used, max, used >= max);
    }
}
