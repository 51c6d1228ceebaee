package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.users.Session;
import java.time.Clock;
import java.util.List;

/** A signed-in session: send the access token as {@code Authorization: Bearer ...}; renew it with the refresh token. */
@Serdeable
@Schema(name = "Session")
public record SessionResponse(
        @Schema(description = "A signed JWT, valid for expiresIn seconds") String accessToken,
        @Schema(example = "Bearer") String tokenType,
        @Schema(description = "Seconds until the access token expires", example = "900") long expiresIn,
        @Schema(description = "Opaque; exchange it at /api/v1/auth/refresh for new tokens. Each one works once.")
        String refreshToken,
        UserResponse user,
        @Schema(description = "The tenants the user belongs to, with their role") List<TenantMembershipResponse> tenants) {

    static SessionResponse of(Session session, Clock clock) {
        return new SessionResponse(session.accessToken().token(), "Bearer", session.accessToken().expiresInSeconds(clock),
                session.refreshToken(), UserResponse.of(session.account().user()),
                session.account().tenants().stream().map(TenantMembershipResponse::of).toList());
    }

    @Override
    public String toString() {
        return "SessionResponse[user=" + user.id() + "]";
    }
}
