package io.tillbridge.files.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.files.ConnectionFile;
import io.tillbridge.files.FileService;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Files uploaded to a connection whose connector reads them (a spreadsheet source): upload as the
 * raw body or as a multipart form, list, read, download the original, delete (DD-038).
 */
@Controller("/api/v1/tenants/{tenantId}/connections/{connectionId}/files")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Files", description = "Files uploaded to a connection for its runs to read, and files a connection"
        + " produces")
public class FilesController {

    private final TenantAccess access;
    private final FileService files;

    public FilesController(TenantAccess access, FileService files) {
        this.access = access;
        this.files = files;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadFile", summary = "Upload a file (CSV or XLSX) to a spreadsheet source connection",
            description = "The body is the file's bytes (application/octet-stream or its own type), named by ?name= or"
                    + " a Content-Disposition filename; or a multipart/form-data form whose part \"file\" is the file."
                    + " At most tillbridge.files.max-upload-bytes (256 MiB by default; 413 above it). Counted in the"
                    + " tenant's storage: 507 when it would pass the cap. Nothing is stored on any error. When the same"
                    + " bytes were uploaded to the connection before, the answer names the first upload in duplicateOf.")
    @ApiResponse(responseCode = "201", description = "Stored; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConnectionFile.class)))
    @ApiResponse(responseCode = "400", description = "No usable name, or an empty file")
    @ApiResponse(responseCode = "413", description = "Larger than the upload cap")
    @ApiResponse(responseCode = "422", description = "The connection's connector does not read uploads")
    @ApiResponse(responseCode = "507", description = "The tenant's storage cap would be passed")
    public HttpResponse<ConnectionFile> upload(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            @Parameter(description = "The file's name (else the Content-Disposition filename)") @Nullable @QueryValue String name,
            @Nullable @Header(HttpHeaders.CONTENT_DISPOSITION) String disposition,
            HttpRequest<?> request, @Nullable @Body InputStream body, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        String given = name != null && !name.isBlank() ? name : UploadRequests.dispositionName(disposition);
        String type = request.getContentType().map(MediaType::toString).orElse(null);
        ConnectionFile stored = files.upload(scope, connectionId, given, type, request.getContentLength(),
                body == null ? InputStream.nullInputStream() : body);
        return created(request, stored);
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "uploadFileForm", summary = "Upload a file as a multipart form (part \"file\")")
    public HttpResponse<ConnectionFile> uploadForm(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            @Nullable @QueryValue String name, @Nullable StreamingFileUpload file, HttpRequest<?> request,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.OPERATE);
        if (file == null) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "file: the form has no part named file",
                    java.util.List.of(new io.tillbridge.problems.Problem.FieldError("file", "the form has no part named file")));
        }
        String given = name != null && !name.isBlank() ? name : file.getFilename();
        String type = file.getContentType().map(MediaType::toString).orElse(null);
        long declared = file.getDefinedSize() > 0 ? file.getDefinedSize() : -1;
        try (InputStream bytes = file.asInputStream()) {
            return created(request, files.upload(scope, connectionId, given, type, declared, bytes));
        } catch (java.io.IOException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the upload broke off before its end; nothing was stored");
        } finally {
            file.discard();
        }
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "listFiles", summary = "List the files uploaded to a connection, newest first",
            description = "One page at a time; pass nextCursor back as cursor.")
    public Page<ConnectionFile> list(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        return files.list(scope, connectionId, Optional.ofNullable(cursor), Page.limit(limit));
    }

    @Get(uri = "/{fileId}", produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getFile", summary = "Read an uploaded file's details")
    public ConnectionFile get(@PathVariable UUID tenantId, @PathVariable UUID connectionId, @PathVariable UUID fileId,
            Authentication authentication) {
        return files.get(access.require(authentication, tenantId, Permission.READ), connectionId, fileId);
    }

    @Get(uri = "/{fileId}/content", produces = MediaType.APPLICATION_OCTET_STREAM)
    @Operation(operationId = "downloadFile", summary = "Download an uploaded file as it was uploaded",
            description = "Always application/octet-stream, as an attachment named as the upload.")
    public HttpResponse<StreamedFile> content(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            @PathVariable UUID fileId, Authentication authentication) {
        TenantScope scope = access.require(authentication, tenantId, Permission.READ);
        FileService.Content content = files.content(scope, connectionId, fileId);
        return HttpResponse.ok(new StreamedFile(content.bytes(), MediaType.APPLICATION_OCTET_STREAM_TYPE,
                content.file().uploadedAt().toEpochMilli(), content.file().size()))
                .header(HttpHeaders.CONTENT_DISPOSITION, DownloadNames.attachment(content.file().name()));
    }

    @Delete(uri = "/{fileId}")
    @ApiResponse(responseCode = "204", description = "Deleted, with its bytes")
    @Operation(operationId = "deleteFile", summary = "Delete an uploaded file",
            description = "What runs already read from it stays where they wrote it; a source that has not read it yet"
                    + " never will. Audited.")
    public HttpResponse<Void> delete(@PathVariable UUID tenantId, @PathVariable UUID connectionId,
            @PathVariable UUID fileId, Authentication authentication) {
        files.delete(access.require(authentication, tenantId, Permission.OPERATE), connectionId, fileId);
        return HttpResponse.noContent();
    }

    private static HttpResponse<ConnectionFile> created(HttpRequest<?> request, ConnectionFile stored) {
        return HttpResponse.created(stored, URI.create(request.getPath() + "/" + stored.id()));
    }
}
