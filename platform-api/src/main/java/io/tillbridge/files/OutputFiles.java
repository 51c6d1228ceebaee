package io.tillbridge.files;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.files.internal.FileRows;
import io.tillbridge.files.internal.OutputRows;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The files a connection produces (DD-038): a target stores rows ({@link ConnectionFileStores}),
 * and this renders each file on the fly when it is downloaded, as CSV or XLSX ({@link OutputSheets}),
 * reading it {@value #PAGE} rows per short read transaction. Reading needs READ.
 */
@Singleton
public class OutputFiles {

    /** Rows read per transaction while rendering. */
    static final int PAGE = 1_000;
    /** The most output files one listing shows. */
    static final int MAX_LISTED = 1_000;

    private final TenantTransactions transactions;

    public OutputFiles(TenantTransactions transactions) {
        this.transactions = transactions;
    }

    /** An output object and its files. */
    @Serdeable
    @Schema(description = "An output object (orders) and its files")
    public record Output(
            @Schema(example = "orders") String object,
            @Schema(description = "Its columns, in the order every file shows them") List<String> columns,
            List<OutputFile> files) {
    }

    /** One output file. */
    @Serdeable
    @Schema(description = "One output file, rendered as CSV or XLSX when downloaded")
    public record OutputFile(
            @Schema(example = "orders 2026-12-06") String name,
            @Schema(example = "412") long rows,
            @Schema(description = "When a row of it was last added or changed") Instant lastChangedAt) {
    }

    /** The connection's outputs, objects by name, each with its files by name (at most {@value #MAX_LISTED} files). */
    public List<Output> list(TenantScope scope, UUID connectionId) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> {
            FileRows.owner(c, connectionId, false).orElseThrow(FileService::noSuchConnection);
            Map<String, List<OutputFile>> byObject = new LinkedHashMap<>();
            for (OutputRows.FileSummary f : OutputRows.files(c, connectionId, MAX_LISTED)) {
                byObject.computeIfAbsent(f.object(), o -> new ArrayList<>())
                        .add(new OutputFile(f.file(), f.rows(), f.lastChangedAt()));
            }
            List<Output> outputs = new ArrayList<>();
            for (Map.Entry<String, List<OutputFile>> e : byObject.entrySet()) {
                outputs.add(new Output(e.getKey(), OutputRows.columns(c, connectionId, e.getKey()), e.getValue()));
            }
            return outputs;
        });
    }

    /** A download about to be written: its name, format and the work that writes it. */
    public record Download(String fileName, OutputFormat format, Writing writing) {
    }

    /** Writes a download's bytes; may be called once, on any thread. */
    @FunctionalInterface
    public interface Writing {
        void to(OutputStream out) throws IOException;
    }

    /**
     * Prepares the download of one output file: 404 when the connection or the file is not there,
     * 400 for a format other than csv or xlsx. Without a format, the one the connection's config
     * names in {@code format} (csv or xlsx), else CSV.
     */
    public Download download(TenantScope scope, UUID connectionId, String object, String file, Optional<String> format) {
        scope.require(Permission.READ);
        OutputFormat chosen = format.map(OutputFormat::parse).orElse(null);
        Prepared prepared = transactions.read(scope.tenant(), c -> {
            FileRows.Owner owner = FileRows.owner(c, connectionId, false).orElseThrow(FileService::noSuchConnection);
            if (!OutputRows.exists(c, connectionId, object, file)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "No such output file.");
            }
            return new Prepared(OutputRows.columns(c, connectionId, object),
                    chosen != null ? chosen : OutputFormat.named(owner.format()).orElse(OutputFormat.CSV));
        });
        OutputFormat used = prepared.format();
        return new Download(file + "." + used.extension(), used, out -> OutputSheets.write(used, prepared.columns(),
                file, pages(scope, connectionId, object, file), out));
    }

    /** The format the connection's config names ({@code format}: csv or xlsx), else CSV. */
    public OutputFormat defaultFormat(TenantScope scope, UUID connectionId) {
        return transactions.read(scope.tenant(), c -> FileRows.owner(c, connectionId, false))
                .flatMap(owner -> OutputFormat.named(owner.format())).orElse(OutputFormat.CSV);
    }

    private record Prepared(List<String> columns, OutputFormat format) {
    }

    private OutputSheets.Pages pages(TenantScope scope, UUID connectionId, String object, String file) {
        long[] after = {0};
        return () -> {
            List<OutputRows.Stored> page = transactions.read(scope.tenant(),
                    c -> OutputRows.page(c, connectionId, object, file, after[0], PAGE));
            if (page.isEmpty()) {
                return List.of();
            }
            after[0] = page.get(page.size() - 1).order();
            return page.stream().map(s -> OutputCells.read(s.cellsJson())).toList();
        };
    }
}
