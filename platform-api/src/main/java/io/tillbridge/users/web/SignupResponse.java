package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.users.SignupResult;
import java.util.UUID;

/** What a signup created. Sign in next to get tokens. */
@Serdeable
@Schema(name = "SignupResponse")
public record SignupResponse(
        @Schema(example = "6f1c9a52-1f0e-4d8e-9a35-2b7f3c0e8d11") UUID tenantId,
        @Schema(description = "The tenant's unique short name", example = "harbour-coffee-roasters") String slug,
        @Schema(example = "0b6c2d4e-8a1f-4c3b-9e7d-5f2a1b3c4d5e") UUID userId) {

    static SignupResponse of(SignupResult result) {
        return new SignupResponse(result.tenant().value(), result.slug(), result.userId());
    }
}
