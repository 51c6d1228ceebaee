package io.tillbridge.files;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which connectors use a connection's files (DD-038): those that read files uploaded to their
 * connection (the platform accepts uploads only for these) and those that write output rows (the
 * platform offers their output files for download). The built-in spreadsheet connectors always
 * count; an operator adds connectors of their own with {@code tillbridge.files.upload-connectors}
 * and {@code tillbridge.files.output-connectors} (comma-separated connector ids).
 */
@Singleton
public class FileConnectors {

    /** The built-in connector that reads uploaded CSV and XLSX files. */
    public static final String SPREADSHEET_SOURCE = "spreadsheet-source";
    /** The built-in connector that writes rows of CSV and XLSX files. */
    public static final String SPREADSHEET_TARGET = "spreadsheet-target";

    private final Set<String> uploads;
    private final Set<String> outputs;

    public FileConnectors(@Value("${tillbridge.files.upload-connectors:}") String uploadConnectors,
            @Value("${tillbridge.files.output-connectors:}") String outputConnectors) {
        this.uploads = ids(SPREADSHEET_SOURCE, uploadConnectors);
        this.outputs = ids(SPREADSHEET_TARGET, outputConnectors);
    }

    /** Whether connections of {@code connectorId} take uploaded files. */
    public boolean readsUploads(String connectorId) {
        return uploads.contains(connectorId);
    }

    /** Whether connections of {@code connectorId} produce output files. */
    public boolean writesOutputs(String connectorId) {
        return outputs.contains(connectorId);
    }

    /** The connectors that take uploads, for messages. */
    public List<String> uploadConnectors() {
        return List.copyOf(uploads);
    }

    private static Set<String> ids(String builtIn, String configured) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(builtIn);
        Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(ids::add);
        return java.util.Collections.unmodifiableSet(ids);
    }
}
