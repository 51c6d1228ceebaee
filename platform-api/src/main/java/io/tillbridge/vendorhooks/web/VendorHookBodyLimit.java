package io.tillbridge.vendorhooks.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.tillbridge.vendorhooks.VendorHookService;

/**
 * Refuses a vendor webhook whose declared length is over {@link VendorHookService#MAX_BODY_BYTES}
 * with 413 before its body is read; a body without a length is counted as it is bound, and the
 * service refuses it as well.
 */
@ServerFilter("/api/v1/vendor-hooks/**")
public class VendorHookBodyLimit {

    @RequestFilter
    public void limit(HttpRequest<?> request) {
        if (request.getContentLength() > VendorHookService.MAX_BODY_BYTES) {
            throw VendorHookService.tooLarge();
        }
    }
}
