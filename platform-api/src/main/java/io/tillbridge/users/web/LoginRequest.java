package io.tillbridge.users.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Email and password. */
@Serdeable
@Schema(name = "LoginRequest")
public record LoginRequest(
        @Schema(example = "maria@harbourcoffee.example") @NotBlank @Size(max = 254) String email,
        @Schema(example = "grind-the-beans-at-dawn", format = "password") @NotBlank @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "LoginRequest[email=" + email + "]";
    }
}
