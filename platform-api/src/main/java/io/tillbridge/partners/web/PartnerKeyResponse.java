package io.tillbridge.partners.web;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.access.Caller.PartnerScope;
import io.tillbridge.partners.PartnerKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A key as listed: never its secret. Scopes are lower case on the wire. */
@Serdeable
@Schema(name = "PartnerKey", description = "A partner API key, without its secret")
public record PartnerKeyResponse(
        @Schema(example = "0d8f6c1e-2b3a-4c5d-8e9f-a0b1c2d3e4f5") UUID id,
        @Schema(example = "production sync") String name,
        @Schema(example = "Xk3_q9LmZ-a2", description = "The key's public part: the key starts with tbk_<prefix>_") String prefix,
        @Schema(example = "[\"read\"]") List<String> scopes,
        @Schema(example = "2026-11-26T10:15:30Z") Instant createdAt,
        @Schema(example = "2026-11-26T11:02:00Z", nullable = true, description = "To the minute") Instant lastUsedAt,
        @Schema(nullable = true) Instant revokedAt) {

    static PartnerKeyResponse of(PartnerKey key) {
        return new PartnerKeyResponse(key.id(), key.name(), key.prefix(),
                key.scopes().stream().map(PartnerScope::wire).sorted().toList(), key.createdAt(),
                key.lastUsedAt().orElse(null), key.revokedAt().orElse(null));
    }
}
