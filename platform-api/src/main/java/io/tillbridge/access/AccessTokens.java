package io.tillbridge.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues the platform's short-lived access tokens (signed JWTs). The claims are those that
 * {@link Caller#of} reads back; the issuer is the application name and is checked on the way in.
 */
@Singleton
public class AccessTokens {

    private final TokenGenerator generator;
    private final Duration lifetime;
    private final Clock clock;

    public AccessTokens(TokenGenerator generator,
            @Value("${tillbridge.auth.access-token-lifetime:15m}") Duration lifetime, Clock clock) {
        this.generator = generator;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** An issued access token and when it expires. */
    @Serdeable
    public record Issued(String token, Instant expiresAt) {
        public long expiresInSeconds(Clock clock) {
            return Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
        }
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A token for a signed-in user. */
    public Issued forUser(UUID userId, String email, Optional<Caller.PlatformRole> platformRole) {
        Map<String, Object> claims = new HashMap<>();
        claims.put(Caller.CLAIM_KIND, Caller.KIND_USER);
        claims.put(Caller.CLAIM_EMAIL, email);
        platformRole.ifPresent(r -> claims.put(Caller.CLAIM_PLATFORM_ROLE, r.wire()));
        List<String> roles = platformRole.map(r -> List.of(r.wire())).orElse(List.of());
        return issue(Authentication.build(userId.toString(), roles, claims), lifetime);
    }

    /** A token for a support user inside one tenant, valid until the impersonation ends at the latest. */
    public Issued forSupport(UUID supportUserId, String email, UUID impersonationId, TenantId tenant, Instant until) {
        Map<String, Object> claims = new HashMap<>();
        claims.put(Caller.CLAIM_KIND, Caller.KIND_SUPPORT);
        claims.put(Caller.CLAIM_EMAIL, email);
        claims.put(Caller.CLAIM_IMPERSONATION, impersonationId.toString());
        claims.put(Caller.CLAIM_TENANT, tenant.toString());
        Duration remaining = Duration.between(clock.instant(), until);
        Duration ttl = remaining.compareTo(lifetime) < 0 ? remaining : lifetime;
        return issue(Authentication.build(supportUserId.toString(), List.of(), claims), ttl);
    }

    private Issued issue(Authentication authentication, Duration ttl) {
        int seconds = (int) Math.max(1, ttl.toSeconds());
        String token = generator.generateToken(authentication, seconds)
                .orElseThrow(() -> new IllegalStateException("access token could not be signed"));
        return new Issued(token, clock.instant().plusSeconds(seconds));
    }
}
