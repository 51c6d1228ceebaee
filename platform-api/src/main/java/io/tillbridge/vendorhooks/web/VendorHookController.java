package io.tillbridge.vendorhooks.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.vendorhooks.VendorHookReceipt;
import io.tillbridge.vendorhooks.VendorHookService;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The public receiving route of a connection's vendor webhooks (DD-028). It needs no token: the
 * vendor's own signature over the raw body, with the route's sealed signing secret, is the
 * credential, and the route id is unguessable. The anonymous {@code webhooks} rate limit applies per
 * client address (AnonymousRateLimitFilter), and a declared body over 1 MiB is refused before it is
 * read ({@link VendorHookBodyLimit}).
 */
@Controller("/api/v1/vendor-hooks")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Webhooks", description = "Events from outside that start runs")
public class VendorHookController {

    private final VendorHookService hooks;

    public VendorHookController(VendorHookService hooks) {
        this.hooks = hooks;
    }

    @Post(uri = "/{routeId}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "200", description = "Stored before this answer (or recognised as a redelivery)")
    @ApiResponse(responseCode = "401", description = "The vendor's signature is missing or wrong; nothing stored")
    @ApiResponse(responseCode = "404", description = "No such route")
    @ApiResponse(responseCode = "413", description = "The body is over 1 MiB; nothing stored")
    @ApiResponse(responseCode = "503", description = "The database is unreachable; nothing stored, retry after Retry-After")
    @ApiResponse(responseCode = "507", description = "The tenant is at its storage cap; nothing stored, the vendor"
            + " redelivers later")
    @Operation(operationId = "receiveVendorWebhook", summary = "Deliver a vendor's webhook to a connection",
            description = "Signed the vendor's way (Square: x-square-hmacsha256-signature over the notification URL"
                    + " and the raw body). Each event is stored once per vendor event id before the 2xx, and a"
                    + " webhook run of each integration that reads a changed stream is queued.")
    public HttpResponse<VendorHookReceipt> receive(@PathVariable UUID routeId, HttpRequest<?> request,
            @Nullable @Body byte[] body) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        request.getHeaders().forEach((name, values) -> headers.put(name, values));
        return HttpResponse.ok(hooks.receive(routeId, headers, body == null ? new byte[0] : body));
    }
}
