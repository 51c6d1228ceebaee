package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.users.InvitedSignupService;
import java.util.UUID;

/** The account created through an invitation and the tenant it joined. */
@Serdeable
@Schema(name = "InvitedSignupResponse")
public record InvitedSignupResponse(UUID userId, String email, UUID tenantId, String tenantName, String role) {

    static InvitedSignupResponse of(InvitedSignupService.Joined joined) {
        return new InvitedSignupResponse(joined.userId(), joined.email(), joined.membership().tenantId(),
                joined.membership().tenantName(), joined.membership().member().role());
    }
}
