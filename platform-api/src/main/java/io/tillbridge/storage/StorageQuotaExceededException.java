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
                + " bytes of run records, shadow changes and webhook events (generic and vendor), and its cap is "
                + usage.maxBytes()
                + " bytes; nothing more is stored until retention frees space or the cap is raised");
    }
}
