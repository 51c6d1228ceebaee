package io.tillbridge.audit;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Objects;

/**
 * Who did something, as the audit log records it.
 *
 * @param kind user, partner, support or system
 * @param id the user id, partner key id, support user id, or a system component's name
 * @param label a readable name (e-mail address, partner name)
 * @param onBehalfOf for support impersonation, the impersonation and tenant it acts for; else null
 */
@Serdeable
public record Actor(Kind kind, String id, String label, String onBehalfOf) {

    /** The kinds of actor; stored lower case. */
    public enum Kind { USER, PARTNER, SUPPORT, SYSTEM }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Actor system(String component) {
        return new Actor(Kind.SYSTEM, component, component, null);
    }

    public String kindWire() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
