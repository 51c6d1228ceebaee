package io.tillbridge.users.web;

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
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.platform.web.IdempotentCreates;
import io.tillbridge.problems.Problem;
import io.tillbridge.users.InvitedSignupService;
import io.tillbridge.users.PasswordHasher;
import io.tillbridge.users.Signup;
import io.tillbridge.users.SignupService;
import jakarta.validation.Valid;
import java.util.Map;

/** Self-signup: anyone can create a tenant for their business and become its owner. */
@Controller("/api/v1/signup")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Identity", description = "Sign-up, sign-in, sessions and the signed-in user's account")
public class SignupController {

    private final SignupService signups;
    private final InvitedSignupService invitedSignups;
    private final PasswordHasher passwords;
    private final IdempotentCreates idempotent;

    public SignupController(SignupService signups, InvitedSignupService invitedSignups, PasswordHasher passwords,
            IdempotentCreates idempotent) {
        this.signups = signups;
        this.invitedSignups = invitedSignups;
        this.passwords = passwords;
        this.idempotent = idempotent;
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "signUp", summary = "Sign up: create a tenant for a business and its owner",
            description = "Creates the tenant (with a unique slug derived from the business name), its settings,"
                    + " the user (email not yet verified) and the owner membership, all or nothing, and mails a"
                    + " verification link. Sign in afterwards with the same email and password.")
    @ApiResponse(responseCode = "201", description = "Signed up",
            content = @Content(schema = @Schema(implementation = SignupResponse.class)))
    @ApiResponse(responseCode = "400", description = "A field is invalid, e.g. the password is shorter than 12 characters",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The email address is registered already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "The Idempotency-Key was used with another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<?> signUp(HttpRequest<?> request,
            @Parameter(description = "Makes retries safe: the same key and body answer the first result again")
            @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            @Body @Valid SignupRequest body) {
        Signup signup = body.toSignup();
        Object compared = idempotencyKey == null ? null : signups.idempotencyFingerprint(signup, idempotencyKey);
        return idempotent.run(request, null, idempotencyKey, compared,
                () -> HttpResponse.created(SignupResponse.of(signups.signUp(signup))));
    }

    @Post(value = "/invited", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "signUpInvited", summary = "Sign up through an invitation and join the inviting tenant",
            description = "For a person invited to a tenant who has no account yet: creates the account with the"
                    + " invited address (verified, since the invitation was mailed to it) and accepts the invitation,"
                    + " all or nothing. No tenant of their own is created. Sign in afterwards.")
    @ApiResponse(responseCode = "201", description = "Signed up and joined",
            content = @Content(schema = @Schema(implementation = InvitedSignupResponse.class)))
    @ApiResponse(responseCode = "404", description = "The invitation token is unknown",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "The invited address has an account: sign in and accept instead",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "410", description = "The invitation was used, revoked or has expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<?> signUpInvited(HttpRequest<?> request,
            @Parameter(description = "Makes retries safe: the same key and body answer the first result again")
            @Nullable @Header(IdempotentCreates.HEADER) String idempotencyKey,
            @Body @Valid InvitedSignupRequest body) {
        Object compared = idempotencyKey == null ? null : Map.of("invitationToken", body.invitationToken(),
                "name", body.name(), "passwordFingerprint", passwords.fingerprint(body.password(), idempotencyKey));
        return idempotent.run(request, null, idempotencyKey, compared, () -> HttpResponse.created(
                InvitedSignupResponse.of(invitedSignups.signUp(body.invitationToken(), body.name(), body.password()))));
    }
}
