package io.tillbridge.files;

import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConfigProperty;
import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.ContextAware;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test source that reads the files uploaded to its connection through the platform's
 * {@link ConnectionFiles}, as a spreadsheet source does: each file a CSV of {@code id,total}, read
 * in upload order after the sequence in its checkpoint, one record per line keyed by id. A total
 * that is not a number makes the record carry {@link SourceRecord#PROBLEMS} with its line number.
 */
public final class UploadSource implements SourceConnector<UploadSource.Config>, ContextAware {

    public record Config(@ConfigProperty(title = "Label") String label) {
    }

    static final ConnectorSpec<Config> SPEC = new ConnectorSpec<>("test-upload-source", "Upload source (tests)",
            "1.0.0", Set.of(ConnectorSpec.Role.SOURCE), Config.class);

    private ConnectorContext context = ConnectorContext.standalone();

    @Override
    public void useContext(ConnectorContext context) {
        this.context = context;
    }

    @Override
    public ConnectorSpec<Config> spec() {
        return SPEC;
    }

    @Override
    public CheckResult check(Config config) {
        return CheckResult.ok();
    }

    @Override
    public Catalog discover(Config config) {
        return new Catalog(List.of(new StreamDescriptor("rows", List.of(
                new FieldDescriptor("id", FieldDescriptor.FieldType.STRING, false, List.of()),
                new FieldDescriptor("total", FieldDescriptor.FieldType.NUMBER, false, List.of())), "id", "")));
    }

    @Override
    public void read(Config config, String stream, Checkpoint checkpoint, RecordSink sink) {
        ConnectionFiles files = context.files();
        long after = checkpoint == null ? 0 : Long.parseLong(checkpoint.value());
        for (ConnectionFiles.UploadedFile file : files.uploadedAfter(after, 100)) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(files.open(file), StandardCharsets.UTF_8))) {
                reader.readLine();
                int line = 1;
                for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                    line++;
                    String[] cells = text.split(",", -1);
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("id", cells[0]);
                    try {
                        data.put("total", new BigDecimal(cells[1]));
                    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                        String found = cells.length > 1 ? cells[1] : null;
                        data.put(SourceRecord.PROBLEMS, List.of(Map.of("field", "total", "message",
                                "line " + line + " of " + file.name() + ": '" + found + "' is not a number",
                                "value", String.valueOf(found))));
                    }
                    sink.record(new SourceRecord(stream, cells[0], "", data));
                }
            } catch (IOException e) {
                throw new ConnectorException(ConnectorException.Category.SYSTEM, "cannot read " + file.name() + ": "
                        + e.getMessage());
            }
            sink.checkpoint(new Checkpoint(Long.toString(file.sequence())));
        }
    }
}
