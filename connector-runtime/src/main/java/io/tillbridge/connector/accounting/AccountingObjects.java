package io.tillbridge.connector.accounting;

import java.util.List;

/**
 * The object names every accounting target offers for writing, and what each record holds. A
 * connector discovers these objects with these fields (and may add vendor fields of its own).
 */
public final class AccountingObjects {

    /**
     * A balanced journal: {@code date} (the business day, {@code yyyy-MM-dd}), {@code currency},
     * optional {@code location_id} and {@code memo}, and {@code lines[]} of {@code account} (the
     * target's account code or id), {@code description}, {@code debit} and {@code credit}.
     */
    public static final String JOURNAL_ENTRIES = "journal_entries";

    /**
     * A sale (QuickBooks SalesReceipt; Xero an invoice paid at once): {@code date}, {@code currency},
     * {@code customer}, {@code deposit_account}, optional {@code memo}, {@code lines[]} of
     * {@code account}, {@code item}, {@code description}, {@code amount} (tax-exclusive),
     * {@code tax_code}, {@code tax}.
     */
    public static final String SALES_RECEIPTS = "sales_receipts";

    /** A refund to a customer (QuickBooks RefundReceipt; Xero a credit note): as a sales receipt. */
    public static final String CREDIT_NOTES = "credit_notes";

    /** The objects an accounting target writes. */
    public static final List<String> WRITABLE = List.of(JOURNAL_ENTRIES, SALES_RECEIPTS, CREDIT_NOTES);

    /** What a correction of a posted journal becomes: a new adjusting entry (default), or an edit. */
    public enum Corrections {
        /** Post the difference as a new entry that names the first posting; closed periods stay closed. */
        ADJUSTING_ENTRY,
        /** Replace the posted document's lines (only when the merchant chose it). */
        EDIT
    }

    private AccountingObjects() {
    }
}
