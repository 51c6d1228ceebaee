package io.tillbridge.partners;

import io.tillbridge.access.Caller.PartnerScope;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A partner's API key as listed: never its secret, which exists only in the response that
 * created it.
 *
 * @param prefix the public part of the key, to tell keys apart
 * @param lastUsedAt when it last authenticated a request, to the minute; empty if never
 * @param revokedAt when it was revoked; a revoked key authenticates nothing
 */
public record PartnerKey(UUID id, UUID partnerId, String name, String prefix, Set<PartnerScope> scopes,
        Instant createdAt, Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {

    public PartnerKey {
        scopes = Set.copyOf(scopes);
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }
}
