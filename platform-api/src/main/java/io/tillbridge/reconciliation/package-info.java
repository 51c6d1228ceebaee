/**
 * Reconciliation of journal integrations: per business day, location and currency, the totals the
 * POS records make (the integration's own mapping applied to the source read in full) against what
 * the accounting target holds for the same documents (first posting plus adjustments), by posting
 * family ({@link io.tillbridge.reconciliation.PostingFamilies}): matched, differing (by family and
 * amount, with the document behind it), missing, or not final yet. Computed each time it is asked
 * for ({@link io.tillbridge.reconciliation.ReconciliationService}); nothing is stored.
 */
package io.tillbridge.reconciliation;
