/**
 * The spreadsheet connectors (DD-037): {@link io.tillbridge.connector.spreadsheet.SpreadsheetSourceConnector}
 * reads CSV and XLSX files uploaded to a connection or fetched from a URL, with the encoding, delimiter,
 * header and column types detected; {@link io.tillbridge.connector.spreadsheet.SpreadsheetTargetConnector}
 * writes records as rows of output files that the platform renders as CSV or XLSX.
 */
package io.tillbridge.connector.spreadsheet;
