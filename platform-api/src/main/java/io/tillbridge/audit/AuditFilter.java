package io.tillbridge.audit;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Which audit entries to list. Every criterion is optional; absent ones match everything.
 *
 * @param tenantId only this tenant's entries (for the staff view across tenants)
 * @param action an exact action, or a prefix ending in {@code *} such as {@code support.*}
 * @param actorKind user, partner, support or system
 * @param actorId the actor's id
 * @param targetType the target's type
 * @param targetId the target's id
 * @param from entries at or after this instant
 * @param to entries strictly before this instant
 */
public record AuditFilter(UUID tenantId, String action, String actorKind, String actorId, String targetType,
        String targetId, Instant from, Instant to) {

    private static final Set<String> ACTOR_KINDS = Set.of("user", "partner", "support", "system");

    public AuditFilter {
        action = blankToNull(action);
        actorKind = blankToNull(actorKind);
        actorId = blankToNull(actorId);
        targetType = blankToNull(targetType);
        targetId = blankToNull(targetId);
        if (actorKind != null) {
            actorKind = actorKind.toLowerCase(Locale.ROOT);
            if (!ACTOR_KINDS.contains(actorKind)) {
                throw new ProblemException(ProblemType.BAD_REQUEST,
                        "actorKind must be one of user, partner, support or system.");
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "from must be before to.");
        }
    }

    /** Everything: no criterion. */
    public static AuditFilter none() {
        return new AuditFilter(null, null, null, null, null, null, null, null);
    }

    /** The same criteria, limited to one tenant. */
    public AuditFilter inTenant(UUID tenant) {
        return new AuditFilter(tenant, action, actorKind, actorId, targetType, targetId, from, to);
    }

    /**
     * Reads a query parameter holding a point in time: an ISO-8601 date-time with an offset, such
     * as {@code 2026-11-26T09:00:00Z} or {@code 2026-11-26T10:00:00+01:00}.
     */
    public static Instant instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST,
                    name + " must be an ISO-8601 date-time with an offset, e.g. 2026-11-26T09:00:00Z.");
        }
    }

    /** Reads a query parameter holding a tenant id. */
    public static UUID tenant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "tenantId must be a UUID.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
