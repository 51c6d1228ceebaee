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
import io.tillbridge.users.EmailVerificationService;
import jakarta.validation.Valid;

/** Verifying an email address with the mailed link, and asking for a new link. */
@Controller("/api/v1/auth/verify-email")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Identity")
public class EmailVerificationController {

    private final EmailVerificationService verifications;

    public EmailVerificationController(EmailVerificationService verifications) {
        this.verifications = verifications;
    }

    @Post(consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "verifyEmail", summary = "Verify an email address with the token from the mailed link",
            description = "Tokens are valid for 24 hours and work once.")
    @ApiResponse(responseCode = "204", description = "The email address is verified")
    @ApiResponse(responseCode = "400", description = "The token is unknown, expired or used (type invalid-token)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void verify(@Body @Valid TokenRequest body) {
        verifications.verify(body.token());
    }

    @Post(uri = "/resend", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.ACCEPTED)
    @Operation(operationId = "resendEmailVerification", summary = "Mail a new verification link",
            description = "Always answers 202, whether or not an unverified account has this address.")
    @ApiResponse(responseCode = "202", description = "Accepted; a link is mailed if an unverified account has this address")
    public void resend(@Body @Valid EmailRequest body) {
        verifications.resend(body.email());
    }
}
