package io.tillbridge.partners.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Caller;
import io.tillbridge.paging.Page;
import io.tillbridge.partners.PartnerKey;
import io.tillbridge.partners.PartnerKeys;
import io.tillbridge.platform.web.IdempotentCreates;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/** API keys of one of the signed-in user's partners. */
@Controller("/api/v1/partners/{partnerId}/keys")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Partners")
public class PartnerKeyController {

    private final PartnerKeys keys;
    private final IdempotentCreates idempotent;

    public PartnerKeyController(PartnerKeys keys, IdempotentCreates idempotent) {
        this.keys = keys;
        this.idempotent = idempotent;
    }

    /**
     * Only the response that created the key carries it. The idempotency record keeps the response
     * without the secret, so a replay tells the client the key exists but cannot show it again.
     */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key; the full key is shown in this response only",
            description = "Send the key as Authorization: Bearer tbk_... . Only its prefix and a hash of its secret"
                    + " are stored. Honours Idempotency-Key, but a replay answers without the key: if the first"
                    + " response was lost, revoke that key and create another.")
    @ApiResponse(responseCode = "201", description = "Created; the body's key field holds the full key")
    public HttpResponse<?> create(@PathVariable UUID partnerId, @Body @Valid CreatePartnerKeyRequest body,
            @Parameter(description = "Makes a retry safe") @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            HttpRequest<?> request, Authentication authentication) {
        AtomicReference<IssuedPartnerKeyResponse> issued = new AtomicReference<>();
        HttpResponse<?> response = idempotent.run(request, authentication, idempotencyKey, body, () -> {
            IssuedPartnerKeyResponse created = IssuedPartnerKeyResponse.withSecret(
                    keys.issue(Caller.of(authentication), partnerId, body.name(), body.scopeSet()));
            issued.set(created);
            return HttpResponse.created(created.withoutSecret(), URI.create(request.getPath() + "/" + created.id()));
        });
        if (issued.get() != null && response instanceof MutableHttpResponse<?> first) {
            return first.body(issued.get()).header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return response;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List the partner's keys, revoked ones included, without their secrets")
    public Page<PartnerKeyResponse> list(@PathVariable UUID partnerId,
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        Page<PartnerKey> page = keys.list(Caller.of(authentication), partnerId, cursor, limit);
        return new Page<>(page.items().stream().map(PartnerKeyResponse::of).toList(), page.nextCursor());
    }

    @Get(uri = "/{keyId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a key, without its secret")
    public PartnerKeyResponse get(@PathVariable UUID partnerId, @PathVariable UUID keyId, Authentication authentication) {
        return PartnerKeyResponse.of(keys.get(Caller.of(authentication), partnerId, keyId));
    }

    @Delete(uri = "/{keyId}")
    @Operation(summary = "Revoke a key", description = "From the next request on, the key answers 401. Revoking a"
            + " revoked key changes nothing.")
    @ApiResponse(responseCode = "204", description = "Revoked")
    public HttpResponse<Void> revoke(@PathVariable UUID partnerId, @PathVariable UUID keyId, Authentication authentication) {
        keys.revoke(Caller.of(authentication), partnerId, keyId);
        return HttpResponse.noContent();
    }
}
