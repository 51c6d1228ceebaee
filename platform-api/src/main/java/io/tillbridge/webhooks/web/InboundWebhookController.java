package io.tillbridge.webhooks.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.webhooks.WebhookReceipt;
import io.tillbridge.webhooks.WebhookService;
import java.util.UUID;

/**
 * The public receiving route of inbound webhooks. It needs no token: the Standard Webhooks
 * signature over the raw body, with the endpoint's secret, is the credential.
 */
@Controller("/api/v1/hooks")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Webhooks", description = "Events from outside that start runs")
public class InboundWebhookController {

    private final WebhookService webhooks;

    public InboundWebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @Post(uri = "/{endpointId}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "202", description = "Stored (or recognised as a redelivery of a stored event)")
    @ApiResponse(responseCode = "401", description = "Missing or wrong signature, or a timestamp outside 5 minutes; nothing stored")
    @ApiResponse(responseCode = "404", description = "No such endpoint")
    @Operation(operationId = "receiveWebhook", summary = "Deliver an event to an integration's webhook endpoint",
            description = "Signed in the Standard Webhooks style: webhook-id (the event id, deduplicated),"
                    + " webhook-timestamp (Unix seconds) and webhook-signature (v1, and the base64 HMAC-SHA256 of"
                    + " id.timestamp.body under the endpoint's secret). The body is stored as received, up to 1 MiB,"
                    + " and a run with trigger webhook is queued unless one is queued already.")
    public HttpResponse<WebhookReceipt> receive(@PathVariable UUID endpointId,
            @Parameter(description = "The event's id") @Nullable @Header("webhook-id") String id,
            @Parameter(description = "Unix seconds") @Nullable @Header("webhook-timestamp") String timestamp,
            @Parameter(description = "v1,<base64 signature>, space-separated") @Nullable @Header("webhook-signature") String signature,
            @Nullable @Header(HttpHeaders.CONTENT_TYPE) String contentType,
            @Nullable @Body byte[] body) {
        WebhookReceipt receipt = webhooks.receive(endpointId, id, timestamp, signature, contentType,
                body == null ? new byte[0] : body);
        return HttpResponse.<WebhookReceipt>status(HttpStatus.ACCEPTED).body(receipt);
    }
}
