package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JRuntimeException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The rows of one sheet of an XLSX workbook, streamed with POI's event API: the workbook is opened
 * from a file (a zip read in place), the sheet's XML is parsed with SAX ({@link XSSFSheetXMLHandler})
 * and only the current row is held; never POI's whole-workbook model. The shared strings are loaded
 * read-only, after a check of their size. POI's zip-bomb limits are set for the process when this
 * class loads.
 */
final class XlsxRows implements RowSource {

    static {
        ZipSecureFile.setMinInflateRatio(SpreadsheetLimits.MIN_XLSX_INFLATE_RATIO);
        ZipSecureFile.setMaxEntrySize(SpreadsheetLimits.MAX_XLSX_ENTRY_BYTES);
    }

    /** Ends the SAX parse early; never leaves this class. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private final File file;
    private final String name;
    private final String sheet;

    /**
     * @param file the workbook
     * @param name what messages call it
     * @param sheet the sheet's name, or blank for the first sheet
     */
    XlsxRows(File file, String name, String sheet) {
        this.file = file;
        this.name = name;
        this.sheet = sheet == null ? "" : sheet.strip();
    }

    @Override
    public String unit() {
        return "row";
    }

    /** The names of the workbook's sheets, in order. */
    List<String> sheetNames() {
        List<String> names = new ArrayList<>();
        withPackage(pkg -> {
            XSSFReader.SheetIterator sheets = reader(pkg).getSheetIterator();
            while (sheets.hasNext()) {
                try (InputStream ignored = sheets.next()) {
                    names.add(sheets.getSheetName());
                }
            }
        });
        return names;
    }

    @Override
    public void read(Visitor visitor) {
        withPackage(pkg -> {
            XSSFReader reader = reader(pkg);
            SharedStrings strings = sharedStrings(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            List<String> names = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream xml = sheets.next()) {
                    String sheetName = sheets.getSheetName();
                    names.add(sheetName);
                    if (sheet.isEmpty() || sheet.equalsIgnoreCase(sheetName)) {
                        parse(xml, styles, strings, visitor);
                        return;
                    }
                }
            }
            throw new ConnectorException(Category.CONFIG, names.isEmpty() ? name + " has no sheets"
                    : name + " has no sheet named '" + sheet + "'; its sheets are: " + String.join(", ", names));
        });
    }

    private void parse(InputStream xml, StylesTable styles, SharedStrings strings, Visitor visitor)
            throws IOException, SAXException {
        XMLReader parser;
        try {
            parser = XMLHelper.newXMLReader();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser", e);
        }
        parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, new Rows(visitor), new RawCellFormat(), false));
        try {
            parser.parse(new InputSource(xml));
        } catch (Stop stopped) {
            // The visitor had enough.
        }
    }

    private interface PackageWork {
        void run(OPCPackage pkg) throws IOException, SAXException, OpenXML4JException;
    }

    private void withPackage(PackageWork work) {
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(file, PackageAccess.READ);
        } catch (OpenXML4JException | OpenXML4JRuntimeException | IllegalArgumentException e) {
            throw notAWorkbook(e);
        } catch (RuntimeException e) {
            throw notAWorkbook(e);
        }
        try {
            work.run(pkg);
        } catch (IOException | SAXException | OpenXML4JException | OpenXML4JRuntimeException e) {
            throw unreadable(e);
        } finally {
            pkg.revert();
        }
    }

    private static XSSFReader reader(OPCPackage pkg) throws IOException, OpenXML4JException {
        XSSFReader reader = new XSSFReader(pkg);
        reader.setUseReadOnlySharedStringsTable(true);
        return reader;
    }

    private SharedStrings sharedStrings(OPCPackage pkg) throws IOException, SAXException {
        List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
        for (PackagePart part : parts) {
            if (part.getSize() > SpreadsheetLimits.MAX_SHARED_STRINGS_BYTES) {
                throw new ConnectorException(Category.CONFIG, name + " holds more than "
                        + SpreadsheetLimits.MAX_SHARED_STRINGS_BYTES / (1024 * 1024)
                        + " MiB of text in its shared strings; save the sheet as CSV and upload that");
            }
        }
        return new ReadOnlySharedStringsTable(pkg, false);
    }

    private ConnectorException notAWorkbook(Exception e) {
        return new ConnectorException(Category.CONFIG, name + " is not an XLSX workbook (Excel 2007 or later);"
                + " older .xls files must be saved as .xlsx or CSV first", e);
    }

    private ConnectorException unreadable(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.toLowerCase(Locale.ROOT).contains("zip bomb")) {
            return new ConnectorException(Category.CONFIG, name + " expands to far more than its size (more than "
                    + Math.round(1 / SpreadsheetLimits.MIN_XLSX_INFLATE_RATIO) + " times, or beyond "
                    + SpreadsheetLimits.MAX_XLSX_ENTRY_BYTES / (1024 * 1024) + " MiB): refused as a possible zip bomb", e);
        }
        return new ConnectorException(Category.CONFIG, name + " cannot be read as an XLSX workbook: "
                + e.getClass().getSimpleName(), e);
    }

    /** Turns the handler's sparse cells into rows of consecutive cells. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final Visitor visitor;
        private List<String> cells = new ArrayList<>();
        private int cut;

        Rows(Visitor visitor) {
            this.visitor = visitor;
        }

        @Override
        public void startRow(int rowNum) {
            cells = new ArrayList<>();
            cut = 0;
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column >= SpreadsheetLimits.MAX_COLUMNS) {
                cut++;
                return;
            }
            while (cells.size() < column) {
                cells.add("");
            }
            if (column < cells.size()) {
                cells.set(column, value == null ? "" : value);
            } else {
                cells.add(value == null ? "" : value);
            }
        }

        @Override
        public void endRow(int rowNum) {
            RawRow row = new RawRow(rowNum + 1L, cells, cut);
            if (!row.blank() && !visitor.row(row)) {
                throw new Stop();
            }
        }
    }
}
