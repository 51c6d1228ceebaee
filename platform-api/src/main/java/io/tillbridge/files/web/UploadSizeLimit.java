package io.tillbridge.files.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.tillbridge.files.FileService;

/**
 * Refuses an upload whose declared length is over the cap with 413 before its body is read. A
 * multipart form is allowed 1 MiB more for its boundaries and part headers (its file part is counted
 * exactly as it is read); a body without a declared length is counted as it is read.
 */
@ServerFilter("/api/v1/tenants/*/connections/*/files")
public class UploadSizeLimit {

    /** Room for a multipart form's boundaries and part headers. */
    static final long FORM_OVERHEAD = 1024 * 1024;

    private final FileService files;

    public UploadSizeLimit(FileService files) {
        this.files = files;
    }

    @RequestFilter
    public void limit(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return;
        }
        long declared = request.getContentLength();
        boolean form = request.getContentType().map(t -> t.matches(MediaType.MULTIPART_FORM_DATA_TYPE)).orElse(false);
        if (declared > 0) {
            files.requireDeclaredSize(form ? Math.max(0, declared - FORM_OVERHEAD) : declared);
        }
    }
}
