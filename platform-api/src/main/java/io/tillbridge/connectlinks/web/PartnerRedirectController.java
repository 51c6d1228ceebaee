package io.tillbridge.connectlinks.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.access.Caller;
import io.tillbridge.connectlinks.PartnerRedirects;
import java.util.UUID;

/** The redirect URLs of a partner, managed by its owner. */
@Controller("/api/v1/partners/{partnerId}/redirect-urls")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Partners", description = "Partner accounts and their API keys, managed by their owner")
public class PartnerRedirectController {

    private final PartnerRedirects redirects;

    public PartnerRedirectController(PartnerRedirects redirects) {
        this.redirects = redirects;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List the partner's redirect URLs for connect links")
    public RedirectUrls list(@PathVariable UUID partnerId, Authentication authentication) {
        return new RedirectUrls(redirects.list(Caller.of(authentication), partnerId));
    }

    @Put(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the partner's redirect URLs for connect links",
            description = "https only, except http on a loopback address for development; no fragment. A connect"
                    + " link names one of them, compared exactly. Signed in as the partner's owner, not with a key.")
    @ApiResponse(responseCode = "400", description = "A URL is not acceptable (type validation-failed, field urls[i])")
    @ApiResponse(responseCode = "403", description = "Called with an API key")
    public RedirectUrls replace(@PathVariable UUID partnerId, @Body RedirectUrls body, Authentication authentication) {
        return new RedirectUrls(redirects.replace(Caller.of(authentication), partnerId, body.urls()));
    }
}
