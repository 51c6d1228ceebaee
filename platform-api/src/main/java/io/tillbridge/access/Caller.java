package io.tillbridge.access;

import io.micronaut.security.authentication.Authentication;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The verified identity behind a request, read from the {@link Authentication} that the security
 * filter built from an access token or a partner API key.
 */
public sealed interface Caller {

    /** Claim and attribute names, shared by the token issuer and this reader. */
    String CLAIM_KIND = "knd";
    String CLAIM_EMAIL = "email";
    String CLAIM_PLATFORM_ROLE = "prole";
    String CLAIM_IMPERSONATION = "imp";
    String CLAIM_TENANT = "tid";
    String CLAIM_PARTNER = "pid";
    String CLAIM_KEY = "kid";
    String CLAIM_SCOPES = "scp";

    String KIND_USER = "user";
    String KIND_PARTNER = "partner";
    String KIND_SUPPORT = "support";

    /** A signed-in person. {@code platformRole} is support or superadmin for staff, else empty. */
    record User(UUID userId, String email, Optional<PlatformRole> platformRole) implements Caller {
        public boolean isStaff() {
            return platformRole.isPresent();
        }
    }

    /** A partner's API key. */
    record Partner(UUID partnerId, UUID keyId, Set<PartnerScope> scopes) implements Caller {
    }

    /** A support user acting inside one tenant through a time-limited impersonation. */
    record Support(UUID supportUserId, String email, UUID impersonationId, TenantId tenant) implements Caller {
    }

    /** Support staff roles, on the platform rather than in a tenant. */
    enum PlatformRole {
        SUPPORT, SUPERADMIN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<PlatformRole> fromWire(Object value) {
            if (value == null || value.toString().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(valueOf(value.toString().toUpperCase(Locale.ROOT)));
        }
    }

    /**
     * What a partner key may do in the tenants that granted its partner access. No scope reaches
     * {@link Permission#MANAGE_MEMBERS} or {@link Permission#OWN}: a key that could invite members
     * or promote them could make its access permanent (DD-019). {@code admin} is kept on the wire
     * for existing keys and means what {@code write} means.
     */
    enum PartnerScope {
        READ(EnumSet.of(Permission.READ)),
        WRITE(EnumSet.of(Permission.READ, Permission.OPERATE, Permission.CONFIGURE)),
        ADMIN(EnumSet.of(Permission.READ, Permission.OPERATE, Permission.CONFIGURE));

        private final Set<Permission> permissions;

        PartnerScope(Set<Permission> permissions) {
            this.permissions = permissions;
        }

        public Set<Permission> permissions() {
            return permissions;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static PartnerScope fromWire(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Unknown scope '" + value + "': use read, write or admin");
            }
        }
    }

    /** Reads the caller from a verified authentication; 401 when there is none or it is malformed. */
    static Caller of(Authentication authentication) {
        if (authentication == null) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "Sign in or send an API key.");
        }
        Map<String, Object> a = authentication.getAttributes();
        try {
            String kind = String.valueOf(a.getOrDefault(CLAIM_KIND, KIND_USER));
            return switch (kind) {
                case KIND_USER -> new User(UUID.fromString(authentication.getName()),
                        String.valueOf(a.getOrDefault(CLAIM_EMAIL, "")), PlatformRole.fromWire(a.get(CLAIM_PLATFORM_ROLE)));
                case KIND_PARTNER -> new Partner(UUID.fromString(String.valueOf(a.get(CLAIM_PARTNER))),
                        UUID.fromString(String.valueOf(a.get(CLAIM_KEY))), scopes(a.get(CLAIM_SCOPES)));
                case KIND_SUPPORT -> new Support(UUID.fromString(authentication.getName()),
                        String.valueOf(a.getOrDefault(CLAIM_EMAIL, "")),
                        UUID.fromString(String.valueOf(a.get(CLAIM_IMPERSONATION))),
                        TenantId.of(String.valueOf(a.get(CLAIM_TENANT))));
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            };
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "The credential is not one this API issued.");
        }
    }

    private static Set<PartnerScope> scopes(Object value) {
        Set<PartnerScope> scopes = EnumSet.noneOf(PartnerScope.class);
        if (value instanceof Collection<?> list) {
            list.forEach(s -> scopes.add(PartnerScope.fromWire(String.valueOf(s))));
        } else if (value != null) {
            for (String s : value.toString().split("[ ,]+")) {
                if (!s.isBlank()) {
                    scopes.add(PartnerScope.fromWire(s));
                }
            }
        }
        return scopes;
    }
}
