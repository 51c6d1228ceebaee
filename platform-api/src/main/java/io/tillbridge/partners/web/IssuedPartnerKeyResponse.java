package io.tillbridge.partners.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.partners.IssuedPartnerKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A key just created. {@code key} holds the full key in this response only: it is not stored,
 * so a replay of the creating request (same Idempotency-Key) answers without it.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "IssuedPartnerKey", description = "A new key; the full key is shown in this response only")
public record IssuedPartnerKeyResponse(
        @Schema(example = "0d8f6c1e-2b3a-4c5d-8e9f-a0b1c2d3e4f5") UUID id,
        @Schema(example = "production sync") String name,
        @Schema(example = "Xk3_q9LmZ-a2") String prefix,
        @Schema(example = "[\"read\"]") List<String> scopes,
        @Schema(example = "2026-11-26T10:15:30Z") Instant createdAt,
        @Schema(example = "tbk_Xk3_q9LmZ-a2_EXAMPLE-not-a-real-secret-00000000000000000",
                description = "Send it as Authorization: Bearer <key>. Shown once: store it now.") String key) {

    static IssuedPartnerKeyResponse withSecret(IssuedPartnerKey issued) {
        PartnerKeyResponse k = PartnerKeyResponse.of(issued.key());
        return new IssuedPartnerKeyResponse(k.id(), k.name(), k.prefix(), k.scopes(), k.createdAt(), issued.token().reveal());
    }

    /** The same response without the secret: what a replay may show. */
    IssuedPartnerKeyResponse withoutSecret() {
        return new IssuedPartnerKeyResponse(id, name, prefix, scopes, createdAt, null);
    }
}
