package io.tillbridge.connector.spreadsheet;

/** The rows of one table (a CSV file, an XLSX sheet), read from the start, one at a time. */
interface RowSource {

    /** Receives rows in order; answers false to stop reading. */
    @FunctionalInterface
    interface Visitor {
        boolean row(RawRow row);
    }

    /**
     * Hands every non-blank row to {@code visitor}, in order, until the end or until it answers
     * false. Holds at most a few rows in memory.
     *
     * @throws io.tillbridge.connector.spi.ConnectorException CONFIG when the file cannot be read as
     *     what it claims to be
     */
    void read(Visitor visitor);

    /** How a row's position is called in messages: "line" (CSV) or "row" (XLSX). */
    String unit();
}
