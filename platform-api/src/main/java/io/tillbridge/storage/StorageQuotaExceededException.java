package io.tillbridge.storage;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;

/**
 * New storage refused because the tenant stores as much as its cap allows. The API answers it as
 * 507 {@code storage-quota-exceeded}; a run fails with it ({@code STORAGE_QUOTA: ...}) and its page
 * transaction rolls back.
 */
public class StorageQuotaExceededException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public StorageQuotaExceededException(StorageUsage usage) {
        super(ProblemType.STORAGE_QUOTA_EXCEEDED, "storage quota exceeded: the tenant stores " + usage.usedBytes()
                + " bytes of run records, shadow changes, webhook events (generic and vendor), uploaded files and"
                + " output rows, and its cap is " + usage.maxBytes()
                + " bytes; nothing more is stored until retention frees space or the cap is raised");
    }

    /**
     * Refused because {@code bytes} more (an uploaded file) would take the tenant past its cap;
     * {@code usage} is what it stores without them.
     */
    public StorageQuotaExceededException(StorageUsage usage, long bytes) {
        super(ProblemType.STORAGE_QUOTA_EXCEEDED, "storage quota exceeded: this file of " + bytes
                + " bytes would take the tenant's storage to " + (usage.usedBytes() + bytes) + " bytes, over its cap of "
                + usage.maxBytes() + " bytes (it stores " + usage.usedBytes() + " bytes now); nothing was stored."
                + " Delete uploads that were read already, or have the cap raised");
    }
}
