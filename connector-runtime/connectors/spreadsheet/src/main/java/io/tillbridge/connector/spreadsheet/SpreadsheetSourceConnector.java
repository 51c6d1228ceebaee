package io.tillbridge.connector.spreadsheet;

import io.tillbridge.connector.rest.ConnectorCheck;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.connector.spi.ConnectionFiles.UploadedFile;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.ContextAware;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads spreadsheet files (CSV and XLSX) into records of one stream: the files uploaded to the
 * connection, oldest first, or the file at a URL. Encoding, delimiter, header and column types are
 * detected per file (or set in the config); a row is a record keyed by its key columns or by its
 * content; a row that does not fit its columns is still emitted, with {@link SourceRecord#PROBLEMS}
 * naming its line, so the runtime puts it into the error inbox. Files are streamed: memory holds a
 * row, never a file. See DD-037.
 */
public final class SpreadsheetSourceConnector implements SourceConnector<SpreadsheetSourceConfig>, ContextAware {

    public static final ConnectorSpec<SpreadsheetSourceConfig> SPEC = new ConnectorSpec<>("spreadsheet-source",
            "Spreadsheet files (CSV, XLSX)", "1.0.0", Set.of(ConnectorSpec.Role.SOURCE), SpreadsheetSourceConfig.class,
            "Reads CSV and XLSX files uploaded to the connection, or fetched from a URL: encoding, delimiter, header"
                    + " and column types detected, rows keyed by chosen columns or by their content, and every row that"
                    + " does not fit sent to the error inbox with its line number.",
            List.of(), null);

    /** Uploads asked for at a time. */
    private static final int UPLOAD_PAGE = 100;

    /** Sample values per field in discovery (the platform keeps at most five). */
    private static final int SAMPLES = 5;

    private final int rowsPerCheckpoint;
    private ConnectorContext context = ConnectorContext.standalone();

    /** For {@link java.util.ServiceLoader}. */
    public SpreadsheetSourceConnector() {
        this(SpreadsheetLimits.ROWS_PER_CHECKPOINT);
    }

    /** With another page size: a checkpoint after every {@code rowsPerCheckpoint} rows (tests). */
    SpreadsheetSourceConnector(int rowsPerCheckpoint) {
        if (rowsPerCheckpoint < 1) {
            throw new IllegalArgumentException("at least one row per checkpoint");
        }
        this.rowsPerCheckpoint = rowsPerCheckpoint;
    }

    @Override
    public void useContext(ConnectorContext context) {
        this.context = context;
    }

    @Override
    public ConnectorSpec<SpreadsheetSourceConfig> spec() {
        return SPEC;
    }

    @Override
    public CheckResult check(SpreadsheetSourceConfig config) {
        String[] note = {""};
        CheckResult result = ConnectorCheck.run(config::problems, () -> {
            if (config.fromUrl()) {
                checkUrl(config);
            } else if (context.files().uploadedAfter(0, 1).isEmpty()) {
                note[0] = "no file has been uploaded to this connection yet; upload a CSV or XLSX file to read it";
            }
        });
        return result.isOk() && !note[0].isEmpty() ? new CheckResult(CheckResult.Status.OK, note[0]) : result;
    }

    private void checkUrl(SpreadsheetSourceConfig config) {
        try (UrlDownload.Downloaded head = UrlDownload.fetch(context.egress(), config.url(), SpreadsheetLimits.SNIFF_BYTES,
                true)) {
            if (!head.complete() && config.format() != SpreadsheetSourceConfig.Format.csv && isZip(head)) {
                // The start of a workbook cannot be opened on its own; its first bytes say enough.
                return;
            }
            if (!head.complete() && config.format() == SpreadsheetSourceConfig.Format.xlsx) {
                throw new ConnectorException(Category.CONFIG, head.name() + " is not an XLSX workbook");
            }
            try (SpreadsheetFile file = SpreadsheetFile.open(head.input(), config)) {
                file.records(config.stream(), config.keyColumnList());
            }
        }
    }

    private static boolean isZip(UrlDownload.Downloaded head) {
        try {
            byte[] start = head.input().head(4);
            return start.length == 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Override
    public Catalog discover(SpreadsheetSourceConfig config) {
        ConnectorCheck.requireUsable(config.problems());
        if (config.fromUrl()) {
            UrlDownload.Downloaded sample = UrlDownload.fetch(context.egress(), config.url(), SpreadsheetLimits.SNIFF_BYTES * 16L,
                    true);
            if (!sample.complete() && (config.format() == SpreadsheetSourceConfig.Format.xlsx || isZip(sample))) {
                // A workbook is read from its end (the zip's directory): it takes the whole file.
                sample.close();
                sample = UrlDownload.fetch(context.egress(), config.url(), SpreadsheetLimits.MAX_DOWNLOAD_BYTES, false);
            }
            try (UrlDownload.Downloaded downloaded = sample; SpreadsheetFile file = SpreadsheetFile.open(downloaded.input(), config)) {
                return catalog(config, file);
            }
        }
        ConnectionFiles files = context.files();
        UploadedFile newest = null;
        for (long after = 0; ; ) {
            List<UploadedFile> page = files.uploadedAfter(after, UPLOAD_PAGE);
            if (page.isEmpty()) {
                break;
            }
            newest = page.get(page.size() - 1);
            after = newest.sequence();
            if (page.size() < UPLOAD_PAGE) {
                break;
            }
        }
        if (newest == null) {
            return new Catalog(List.of(new StreamDescriptor(config.stream(), List.of(), keyField(config), "")));
        }
        try (SpreadsheetFile file = SpreadsheetFile.open(input(files, newest), config)) {
            return catalog(config, file);
        }
    }

    private static Catalog catalog(SpreadsheetSourceConfig config, SpreadsheetFile file) {
        TableLayout layout = file.layout();
        RowRecords records = file.records(config.stream(), config.keyColumnList());
        List<RawRow> data = layout.header() ? file.sample().subList(1, file.sample().size()) : file.sample();
        List<List<Object>> samples = new ArrayList<>();
        boolean[] nullable = new boolean[layout.columns().size()];
        layout.columns().forEach(c -> samples.add(new ArrayList<>()));
        for (RawRow row : data) {
            SourceRecord record = records.record(row);
            Set<Object> misfits = new HashSet<>();
            if (record.data().get(SourceRecord.PROBLEMS) instanceof List<?> problems) {
                problems.forEach(p -> misfits.add(((Map<?, ?>) p).get("field")));
            }
            for (int c = 0; c < layout.columns().size(); c++) {
                String column = layout.columns().get(c);
                Object value = record.data().get(column);
                List<Object> values = samples.get(c);
                if (value == null) {
                    nullable[c] = true;
                } else if (values.size() < SAMPLES && !values.contains(value) && !misfits.contains(column)) {
                    values.add(value);
                }
            }
        }
        List<FieldDescriptor> fields = new ArrayList<>();
        for (int c = 0; c < layout.columns().size(); c++) {
            CellType kind = layout.types().get(c).kind();
            fields.add(new FieldDescriptor(layout.columns().get(c), kind.fieldType(), nullable[c], samples.get(c),
                    kind.configName()));
        }
        return new Catalog(List.of(new StreamDescriptor(config.stream(), fields, keyField(config), "")));
    }

    private static String keyField(SpreadsheetSourceConfig config) {
        List<String> keys = config.keyColumnList();
        return keys.size() == 1 ? keys.get(0) : "";
    }

    @Override
    public void read(SpreadsheetSourceConfig config, String stream, Checkpoint checkpoint, RecordSink sink) {
        ConnectorCheck.requireUsable(config.problems());
        if (!config.stream().equals(stream)) {
            throw new ConnectorException(Category.CONFIG, "no stream " + stream + "; this connection has " + config.stream());
        }
        ReadCheckpoint from = ReadCheckpoint.parse(checkpoint);
        if (config.fromUrl()) {
            readUrl(config, from, sink);
        } else {
            readUploads(config, from, sink);
        }
    }

    private void readUrl(SpreadsheetSourceConfig config, ReadCheckpoint from, RecordSink sink) {
        try (UrlDownload.Downloaded downloaded = UrlDownload.fetch(context.egress(), config.url(),
                SpreadsheetLimits.MAX_DOWNLOAD_BYTES, false)) {
            String sha = downloaded.sha256();
            boolean same = from != null && sha.equals(from.sha256());
            if (same && from.done()) {
                sink.checkpoint(from.toCheckpoint());
                return;
            }
            try (SpreadsheetFile file = SpreadsheetFile.open(downloaded.input(), config)) {
                readFile(config, file, same ? from.rows() : 0, (rows, done) -> ReadCheckpoint.content(sha, rows, done), sink);
            }
        }
    }

    private void readUploads(SpreadsheetSourceConfig config, ReadCheckpoint from, RecordSink sink) {
        ConnectionFiles files = context.files();
        boolean resumable = from != null && from.file() != null;
        long after = !resumable ? 0 : from.done() ? from.file() : from.file() - 1;
        ReadCheckpoint last = resumable ? from : ReadCheckpoint.upload(0, 0, true);
        boolean emitted = false;
        while (true) {
            List<UploadedFile> page = files.uploadedAfter(after, UPLOAD_PAGE);
            for (UploadedFile upload : page) {
                long skip = resumable && !from.done() && upload.sequence() == from.file() ? from.rows() : 0;
                try (SpreadsheetFile file = SpreadsheetFile.open(input(files, upload), config)) {
                    long sequence = upload.sequence();
                    boolean finished = readFile(config, file, skip,
                            (rows, done) -> ReadCheckpoint.upload(sequence, rows, done), sink);
                    emitted = true;
                    if (!finished) {
                        return;
                    }
                }
                after = upload.sequence();
            }
            if (page.size() < UPLOAD_PAGE) {
                break;
            }
        }
        if (!emitted) {
            sink.checkpoint(last.toCheckpoint());
        }
    }

    /**
     * Reads one file's data rows after the first {@code skip}, with a checkpoint every page and at
     * the end; answers false when the sink asked to stop (without a checkpoint after the last
     * records, which the runtime then discards and the next read reads again).
     */
    private boolean readFile(SpreadsheetSourceConfig config, SpreadsheetFile file, long skip,
            BiFunction<Long, Boolean, ReadCheckpoint> checkpoint, RecordSink sink) {
        RowRecords records = file.records(config.stream(), config.keyColumnList());
        boolean header = file.layout().header();
        long[] rows = {0};
        boolean[] headerSeen = {false};
        boolean[] stopped = {false};
        file.rows().read(row -> {
            if (header && !headerSeen[0]) {
                headerSeen[0] = true;
                return true;
            }
            rows[0]++;
            if (rows[0] <= skip) {
                records.skip(row);
                return true;
            }
            sink.record(records.record(row));
            if (rows[0] % rowsPerCheckpoint == 0) {
                sink.checkpoint(checkpoint.apply(rows[0], false).toCheckpoint());
            }
            if (sink.stopRequested()) {
                stopped[0] = true;
                return false;
            }
            return true;
        });
        if (stopped[0]) {
            return false;
        }
        sink.checkpoint(checkpoint.apply(rows[0], true).toCheckpoint());
        return true;
    }

    private static SpreadsheetInput input(ConnectionFiles files, UploadedFile upload) {
        return new SpreadsheetInput(upload.name(), upload.size(), () -> files.open(upload), null);
    }
}
