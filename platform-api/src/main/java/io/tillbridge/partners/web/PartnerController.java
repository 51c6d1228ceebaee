package io.tillbridge.partners.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import io.tillbridge.partners.Partner;
import io.tillbridge.partners.PartnerAccounts;
import io.tillbridge.platform.web.IdempotentCreates;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;

/** Partner accounts of the signed-in user. */
@Controller("/api/v1/partners")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Partners", description = "Partner accounts and their API keys, managed by their owner")
public class PartnerController {

    private final PartnerAccounts accounts;
    private final IdempotentCreates idempotent;

    public PartnerController(PartnerAccounts accounts, IdempotentCreates idempotent) {
        this.accounts = accounts;
        this.idempotent = idempotent;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a partner account owned by you",
            description = "Honours Idempotency-Key: a retry with the same key and body answers the first response again.")
    @ApiResponse(responseCode = "201", description = "Created; Location names the partner")
    @ApiResponse(responseCode = "403", description = "Called with an API key: sign in instead")
    public HttpResponse<?> create(@Body @Valid CreatePartnerRequest body,
            @Parameter(description = "Makes a retry safe") @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            HttpRequest<?> request, Authentication authentication) {
        return idempotent.run(request, authentication, idempotencyKey, body, () -> {
            Partner partner = accounts.create(Caller.of(authentication), body.name(), body.contactEmail());
            return HttpResponse.created(partner, URI.create(request.getPath() + "/" + partner.id()));
        });
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List your partner accounts, oldest first, one page at a time")
    public Page<Partner> list(
            @Parameter(description = "Page size, 1 to 200 (default 50)") @Nullable @QueryValue Integer limit,
            @Parameter(description = "nextCursor of the previous page") @Nullable @QueryValue String cursor,
            Authentication authentication) {
        return accounts.owned(Caller.of(authentication), cursor, limit);
    }

    @Get(uri = "/{partnerId}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Read one of your partner accounts", description = "Another user's partner answers 404.")
    public Partner get(@PathVariable UUID partnerId, Authentication authentication) {
        return accounts.get(Caller.of(authentication), partnerId);
    }
}
