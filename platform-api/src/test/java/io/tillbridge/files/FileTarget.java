package io.tillbridge.files;

import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConfigProperty;
import io.tillbridge.connector.spi.ConnectionFiles;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.ContextAware;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test target that writes each record as a row of an output file through the platform's
 * {@link ConnectionFiles}, as a spreadsheet target does: the file is named by the config, the row
 * keyed by the record's idempotency key; a row that held these values already is UNCHANGED.
 */
public final class FileTarget implements TargetConnector<FileTarget.Config>, ContextAware {

    public record Config(@ConfigProperty(title = "File") String file,
            @ConfigProperty(title = "Format", description = "csv or xlsx") String format) {
    }

    static final ConnectorSpec<Config> SPEC = new ConnectorSpec<>("test-file-target", "File target (tests)",
            "1.0.0", Set.of(ConnectorSpec.Role.TARGET), Config.class);

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
        return new Catalog(List.of());
    }

    @Override
    public List<WriteResult> write(Config config, String object, List<WriteRecord> batch) {
        Map<String, Boolean> changed = context.files().putRows(object, batch.stream()
                .map(r -> new ConnectionFiles.OutputRow(config.file(), r.idempotencyKey(), r.data())).toList());
        return batch.stream().map(r -> changed.get(r.idempotencyKey())
                ? WriteResult.written(r.idempotencyKey(), config.file() + "/" + r.data().get("id"))
                : WriteResult.unchanged(r.idempotencyKey(), config.file() + "/" + r.data().get("id"))).toList();
    }

    @Override
    public Map<String, Map<String, Object>> current(Config config, String object, List<WriteRecord> records) {
        return context.files().rows(object, records.stream().map(WriteRecord::idempotencyKey).toList());
    }
}
