package io.tillbridge.engine;

import io.tillbridge.activity.SourceActivity;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.ledger.Ledger;
import io.tillbridge.ledger.SourceVersions;
import io.tillbridge.runs.queue.RunLeases;
import io.tillbridge.shadow.ShadowChanges;
import io.tillbridge.storage.StorageQuota;
import jakarta.inject.Singleton;

/**
 * Where a {@link PageWriter} commits a page, in the run's fenced transaction: the run itself
 * (checkpoint, counts, stored records), the ledger and the written source versions, the error inbox
 * and shadow changes, and the source's activity per location, within the tenant's storage quota.
 */
@Singleton
record PageStores(RunLeases leases, Ledger ledger, ErrorInbox inbox, ShadowChanges shadowChanges,
        StorageQuota storage, SourceVersions versions, SourceActivity activity) {
}
