package io.tillbridge.users.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.problems.Problem;
import io.tillbridge.users.PasswordResetService;
import jakarta.validation.Valid;

/** Forgotten passwords: a reset link by mail, then a new password with its token. */
@Controller("/api/v1/auth/password-reset")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Identity")
public class PasswordResetController {

    private final PasswordResetService resets;

    public PasswordResetController(PasswordResetService resets) {
        this.resets = resets;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @Operation(operationId = "requestPasswordReset", summary = "Mail a password reset link",
            description = "Always answers 202, whether or not an account has this address. The link is valid for 1 hour.")
    @ApiResponse(responseCode = "202", description = "Accepted; a link is mailed if an account has this address")
    public void request(@Body @Valid EmailRequest body) {
        resets.request(body.email());
    }

    @Post(uri = "/confirm", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "confirmPasswordReset", summary = "Set a new password with the token from the reset link",
            description = "Signs out every session of the user: their refresh tokens stop working.")
    @ApiResponse(responseCode = "204", description = "The password is changed")
    @ApiResponse(responseCode = "400", description = "The new password is too short (validation-failed), or the token"
            + " is unknown, expired or used (invalid-token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void confirm(@Body @Valid PasswordResetConfirmRequest body) {
        resets.confirm(body.token(), body.newPassword());
    }
}
