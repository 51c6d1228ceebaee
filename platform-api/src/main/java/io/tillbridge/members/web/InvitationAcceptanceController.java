package io.tillbridge.members.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
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
import io.tillbridge.access.Caller;
import io.tillbridge.members.InvitationService;
import io.tillbridge.members.Membership;
import io.tillbridge.platform.web.IdempotentCreates;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import jakarta.validation.Valid;
import java.net.URI;

/**
 * Accepting an invitation. The route names no tenant: the signed-in user may belong to any tenant
 * or none, and the tenant is the one the token's secret was found in.
 */
@Controller("/api/v1/invitations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Invitations")
public class InvitationAcceptanceController {

    private final InvitationService invitations;
    private final IdempotentCreates idempotent;

    public InvitationAcceptanceController(InvitationService invitations, IdempotentCreates idempotent) {
        this.invitations = invitations;
        this.idempotent = idempotent;
    }

    @Post(uri = "/accept", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "201", description = "Joined; Location names the new membership",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Membership.class)))
    @Operation(operationId = "acceptInvitation", summary = "Accept an invitation as the signed-in user", description = "The user's e-mail address must"
            + " be the invited one (403 otherwise). 404 for an unknown token; 410 invitation-expired when it expired,"
            + " was revoked or was used; 409 when the user is a member already. Honours Idempotency-Key.")
    public HttpResponse<?> accept(@Body @Valid AcceptInvitationRequest body,
            @Parameter(description = "Makes a retry safe") @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            HttpRequest<?> request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (!(caller instanceof Caller.User user)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a signed-in user can accept an invitation.");
        }
        return idempotent.run(request, authentication, idempotencyKey, body, () -> {
            Membership joined = invitations.accept(user, body.token());
            return HttpResponse.created(joined, URI.create("/api/v1/tenants/" + joined.tenantId() + "/members/"
                    + joined.member().id()));
        });
    }
}
