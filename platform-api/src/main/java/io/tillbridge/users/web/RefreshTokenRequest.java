package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A refresh token, as returned by sign-in or the previous refresh. */
@Serdeable
@Schema(name = "RefreshTokenRequest")
public record RefreshTokenRequest(
        @Schema(example = "q3Xv0W9r8n2c5b7m1k4j6h8g0f2d4s6a8p0o2i4u6y8") @NotBlank @Size(max = 200) String refreshToken) {

    @Override
    public String toString() {
        return "RefreshTokenRequest[redacted]";
    }
}
