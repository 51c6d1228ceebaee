package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The token from a mailed link (its {@code token} query parameter). */
@Serdeable
@Schema(name = "TokenRequest")
public record TokenRequest(
        @Schema(example = "Jm3kT0bq8V1xN5cR7wY2zA4dF6gH8jK0lP2sU4vX6yB") @NotBlank @Size(max = 200) String token) {

    @Override
    public String toString() {
        return "TokenRequest[redacted]";
    }
}
