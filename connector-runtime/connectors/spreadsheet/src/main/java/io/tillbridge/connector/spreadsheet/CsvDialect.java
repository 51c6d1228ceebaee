package io.tillbridge.connector.spreadsheet;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * How a CSV file is written: its delimiter, with RFC 4180 quoting ({@code "} around cells, {@code ""}
 * for a quote inside one), parsed by Apache Commons CSV.
 *
 * <p><b>Delimiter detection.</b> Each of {@code , ; TAB |} parses the first lines of the file (at most
 * {@value #SNIFF_RECORDS} records); a delimiter is a candidate when its most common number of cells per
 * record is at least two and at least 90% of the records have that number. The candidate whose
 * records agree most wins; on a tie the one giving more cells, then the order above. With no
 * candidate (a file of one column) the delimiter is a comma. A semicolon file with decimal commas
 * ({@code 12,50}) is recognised because its header, without commas, makes the comma inconsistent.
 */
final class CsvDialect {

    static final char[] CANDIDATES = {',', ';', '\t', '|'};

    private static final int SNIFF_RECORDS = 50;

    private CsvDialect() {
    }

    /** The format used to read a file with this delimiter. */
    static CSVFormat format(char delimiter) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                // Blank lines come through as records (skipped later) so that line numbers stay right.
                .setIgnoreEmptyLines(false)
                // A stray character after a closing quote, or a quote never closed at the end, is kept
                // rather than failing the whole file.
                .setTrailingData(true)
                .setLenientEof(true)
                .get();
    }

    /** The delimiter of the text (whole lines of the file's start), by the rule in the class comment. */
    static char detectDelimiter(String text) {
        char best = ',';
        double bestAgreement = 0;
        int bestCells = 0;
        for (char candidate : CANDIDATES) {
            List<Integer> sizes = recordSizes(text, candidate);
            if (sizes.isEmpty()) {
                continue;
            }
            Map<Integer, Integer> counts = new HashMap<>();
            sizes.forEach(size -> counts.merge(size, 1, Integer::sum));
            int mode = 0;
            int modeCount = 0;
            for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
                if (e.getValue() > modeCount || e.getValue() == modeCount && e.getKey() > mode) {
                    mode = e.getKey();
                    modeCount = e.getValue();
                }
            }
            double agreement = (double) modeCount / sizes.size();
            if (mode < 2 || agreement < 0.9) {
                continue;
            }
            if (agreement > bestAgreement || agreement == bestAgreement && mode > bestCells) {
                best = candidate;
                bestAgreement = agreement;
                bestCells = mode;
            }
        }
        return best;
    }

    private static List<Integer> recordSizes(String text, char delimiter) {
        List<Integer> sizes = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format(delimiter))
                .get()) {
            for (CSVRecord record : parser) {
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                sizes.add(record.size());
                if (sizes.size() >= SNIFF_RECORDS) {
                    break;
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // Does not parse with this delimiter: not a candidate.
            return List.of();
        }
        return sizes;
    }

    /** The start of {@code text} up to its last line break (all of it when it is the whole file). */
    static String wholeLines(String text, boolean complete) {
        if (complete) {
            return text;
        }
        int end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
