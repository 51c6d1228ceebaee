package io.tillbridge.files.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.files.OutputFiles;
import io.tillbridge.paging.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;

/** The files a connection produces (a spreadsheet target), rendered as CSV or XLSX when downloaded (DD-038). */
@Controller("/api/v1/tenants/{tenantId}/connections/{connectionId}/outputs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Files", description = "Files uploaded to a connection for its runs to read, and files a connection"
        + " produces")
public class OutputsController {

    private final TenantAccess access;
    private final OutputFiles outputs;
    private final DownloadPipes pipes;

    public OutputsController(TenantAccess access, OutputFiles outputs, DownloadPipes pipes) {
        this.access = access;
        this.outputs = outputs;
        this.pipes = pipes;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listOutputs", summary = "List a connection's output files by object",
            description = "Each object (orders) with its columns in order and its files with row counts and when a row"
                    + " last changed; at most 1,000 files. Empty for a connection that writes no files.")
    public Page<OutputFiles.Output> list(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return new Page<>(outputs.list(scope, connectionId), null);
    }

    @Get(uri = "/{object}/files/{file}", produces = {"text/csv",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    @Operation(operationId = "downloadOutput", summary = "Download an output file as CSV or XLSX",
            description = "Rendered as it is sent, in the object's column order (new columns at the end). CSV: UTF-8"
                    + " with a header row, numbers written plainly. XLSX: numbers of up to 15 digits as numeric cells"
                    + " with their decimals, longer ones as text.")
    public HttpResponse<StreamedFile> download(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            @PathVariable String object, @PathVariable String file,
            @Parameter(description = "csv or xlsx (default: the connection's format setting, else csv)")
            @Nullable @QueryValue String format, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        OutputFiles.Download download = outputs.download(scope, connectionId, object, file, Optional.ofNullable(format));
        try {
            MediaType type = MediaType.of(download.format().mediaType());
            return HttpResponse.ok(new StreamedFile(pipes.start(download.fileName(), download.writing()), type))
                    .contentType(type)
                    .header(HttpHeaders.CONTENT_DISPOSITION, DownloadNames.attachment(download.fileName()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
