package io.tillbridge.connector.spreadsheet;

/**
 * The bounds of the spreadsheet connectors. A file is whatever a tenant uploads or names by URL, so
 * everything it can make us hold in memory or on disk has a ceiling here; crossing one is a readable
 * CONFIG failure (the whole file) or a problem on one row, never a crash.
 */
final class SpreadsheetLimits {

    /**
     * Columns of a table. Real exports have tens; a thousand leaves room for wide pivot exports while
     * keeping one row's cells (and a record's map) small. Excel itself allows 16,384.
     */
    static final int MAX_COLUMNS = 1_000;

    /**
     * Characters of one cell. 32,767 is the most an Excel cell holds (Excel specifications and
     * limits: "Total number of characters that a cell can contain"); 32 KiB rounds it. A longer cell
     * is a problem on its row, and the text is not kept.
     */
    static final int MAX_CELL_CHARS = 32 * 1024;

    /**
     * Characters of one CSV record, quoted line breaks included. The parser holds a record in memory
     * while it reads it: this bounds that. Far above a thousand columns of ordinary cells; reached in
     * practice only by a quote that is never closed, which swallows the rest of the file.
     */
    static final int MAX_RECORD_CHARS = 1024 * 1024;

    /** Bytes downloaded from a URL; the body is streamed to a temporary file, not held in memory. */
    static final long MAX_DOWNLOAD_BYTES = 100L * 1024 * 1024;

    /**
     * The least compressed/uncompressed ratio of an XLSX entry (POI's ZipSecureFile). Sheets of real
     * workbooks compress 5 to 20 times; a zip bomb compresses thousands of times. 1/100 is POI's own
     * default, set here explicitly because it is what keeps a crafted workbook from filling memory.
     */
    static final double MIN_XLSX_INFLATE_RATIO = 0.01;

    /** Uncompressed bytes of one XLSX entry (a sheet's XML); the XML is streamed, but not forever. */
    static final long MAX_XLSX_ENTRY_BYTES = 1024L * 1024 * 1024;

    /**
     * Uncompressed bytes of the shared strings of an XLSX workbook. Unlike a sheet, POI's read-only
     * shared strings table holds every string in memory, so it is bounded well below the heap.
     */
    static final long MAX_SHARED_STRINGS_BYTES = 64L * 1024 * 1024;

    /** Bytes of the start of a CSV file read to detect its encoding and delimiter. */
    static final int SNIFF_BYTES = 64 * 1024;

    /** Data rows whose cells decide the columns' types (and are shown by discovery). */
    static final int SAMPLE_ROWS = 1_000;

    /**
     * Rows of one file told apart by content when no key columns are set: the set of their 64-bit
     * fingerprints grows by up to 16 bytes a row, so this caps it at 32 MiB. Larger files need key
     * columns.
     */
    static final int MAX_FINGERPRINTED_ROWS = 2_000_000;

    /** Records between two checkpoints: the runtime commits a page at a time. */
    static final int ROWS_PER_CHECKPOINT = 1_000;

    private SpreadsheetLimits() {
    }
}
