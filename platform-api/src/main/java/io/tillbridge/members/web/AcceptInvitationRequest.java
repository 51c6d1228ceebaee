package io.tillbridge.members.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The token from an invitation link. */
@Serdeable
@Schema(description = "The token of the invitation link")
public record AcceptInvitationRequest(
        @Schema(example = "0b6f7f0e-4f7e-4f43-9f5c-2d1f0a4f9d1e.q3Xb2m9T0cVv5kYzW8rLpA1sD4fG7hJ6kL0zX9cV8bN")
        @NotBlank @Size(max = 200) String token) {

    @Override
    public String toString() {
        return "AcceptInvitationRequest[token=(hidden)]";
    }
}
