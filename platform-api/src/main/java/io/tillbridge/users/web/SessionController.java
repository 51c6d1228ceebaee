package io.tillbridge.users.web;

import io.micronaut.http.HttpRequest;
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
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.network.ClientAddresses;
import io.tillbridge.problems.Problem;
import io.tillbridge.users.SessionService;
import jakarta.validation.Valid;
import java.time.Clock;

/** Sign-in with email and password, token refresh with rotation, sign-out. */
@Controller("/api/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Identity")
public class SessionController {

    private final SessionService sessions;
    private final ClientAddresses clients;
    private final Clock clock;

    public SessionController(SessionService sessions, ClientAddresses clients, Clock clock) {
        this.sessions = sessions;
        this.clients = clients;
        this.clock = clock;
    }

    @Post(uri = "/login", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "login", summary = "Sign in with email and password",
            description = "Answers an access token, a refresh token, the user and their tenants. An unverified email"
                    + " does not stop the sign-in (user.emailVerified says so). After 5 failed attempts for an email"
                    + " within 15 minutes, sign-ins for it are refused for 15 minutes (429 with Retry-After).")
    @ApiResponse(responseCode = "200", description = "Signed in",
            content = @Content(schema = @Schema(implementation = SessionResponse.class)))
    @ApiResponse(responseCode = "401", description = "Wrong email or password (the answer does not say which)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "429", description = "Too many failed sign-ins; retry after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "Seconds to wait"),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SessionResponse login(HttpRequest<?> request, @Body @Valid LoginRequest body) {
        return SessionResponse.of(sessions.login(body.email(), body.password(), clients.of(request)), clock);
    }

    @Post(uri = "/refresh", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Operation(operationId = "refreshSession", summary = "Exchange a refresh token for new tokens",
            description = "Answers a new access token and a new refresh token; the presented one stops working."
                    + " Presenting a refresh token a second time signs out that whole session (it was copied).")
    @ApiResponse(responseCode = "200", description = "New tokens",
            content = @Content(schema = @Schema(implementation = SessionResponse.class)))
    @ApiResponse(responseCode = "401", description = "The refresh token is unknown, expired, revoked or used",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SessionResponse refresh(@Body @Valid RefreshTokenRequest body) {
        return SessionResponse.of(sessions.refresh(body.refreshToken()), clock);
    }

    @Post(uri = "/logout", consumes = MediaType.APPLICATION_JSON)
    @Status(HttpStatus.NO_CONTENT)
    @Operation(operationId = "logout", summary = "Sign out: revoke the session's refresh token",
            description = "The access token stays valid until it expires (minutes); discard it.")
    @ApiResponse(responseCode = "204", description = "Signed out (also when the token was unknown or revoked already)")
    public void logout(@Body @Valid RefreshTokenRequest body) {
        sessions.logout(body.refreshToken());
    }
}
