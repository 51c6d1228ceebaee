package io.tillbridge.users.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
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
import io.tillbridge.network.ClientAddresses;
import io.tillbridge.platform.web.ETags;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.users.Account;
import io.tillbridge.users.AccountService;
import jakarta.validation.Valid;

/** The signed-in user's own account. */
@Controller("/api/v1/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Identity")
public class MeController {

    private final AccountService accounts;
    private final ClientAddresses clients;

    public MeController(AccountService accounts, ClientAddresses clients) {
        this.accounts = accounts;
        this.clients = clients;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "getMe", summary = "The signed-in user and the tenants they belong to, with their role in each",
            description = "The ETag covers the user's own fields; send it as If-Match to change them.")
    @ApiResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(implementation = MeResponse.class)))
    public HttpResponse<MeResponse> me(Authentication authentication) {
        return withETag(accounts.account(user(authentication)));
    }

    @Patch(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateMe", summary = "Change the signed-in user's display name")
    @ApiResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = MeResponse.class)))
    @ApiResponse(responseCode = "412", description = "The account changed since it was read: read it again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "428", description = "If-Match is missing",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<MeResponse> update(Authentication authentication,
            @Parameter(description = "The ETag of the last GET", example = "\"3\"")
            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body @Valid UpdateMeRequest body) {
        Caller.User caller = user(authentication);
        return withETag(accounts.rename(caller, ETags.requireVersion(ifMatch), body.name()));
    }

    @Post(uri = "/password", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "changeMyPassword", summary = "Change the signed-in user's password",
            description = "Signs out every session of the user (refresh tokens stop working); sign in again with the"
                    + " new password. Wrong current passwords count towards the sign-in lockout.")
    @ApiResponse(responseCode = "204", description = "Changed")
    @ApiResponse(responseCode = "403", description = "The current password is wrong",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void changePassword(HttpRequest<?> request, Authentication authentication,
            @Body @Valid ChangePasswordRequest body) {
        accounts.changePassword(user(authentication), body.currentPassword(), body.newPassword(), clients.of(request));
    }

    @Post(uri = "/sign-out-everywhere")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "signOutEverywhere", summary = "Sign out every session of the signed-in user",
            description = "Revokes every refresh token of the user and ends every portal session at its next request."
                    + " Access tokens already issued stay valid until they expire (minutes).")
    @ApiResponse(responseCode = "204", description = "Signed out everywhere")
    public void signOutEverywhere(Authentication authentication) {
        accounts.signOutEverywhere(user(authentication));
    }

    private static HttpResponse<MeResponse> withETag(Account account) {
        return HttpResponse.ok(MeResponse.of(account)).header(HttpHeaders.ETAG, ETags.of(account.user().version()));
    }

    /** Only people have an account here; partner keys and support impersonation tokens do not. */
    private static Caller.User user(Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (caller instanceof Caller.User user) {
            return user;
        }
        throw new ProblemException(ProblemType.FORBIDDEN,
                "Only a signed-in user has an account here; sign in with email and password.");
    }
}
