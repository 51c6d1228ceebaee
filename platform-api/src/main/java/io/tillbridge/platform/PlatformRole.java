package io.tillbridge.platform;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a platform process does. One jar, several roles: on a laptop one process has them all; on
 * Kubernetes each role is its own Deployment.
 */
public enum PlatformRole {
    /** The public REST API, health and metrics endpoints (Netty). */
    API,
    /** Claims and executes queued runs. */
    WORKER,
    /** The clock: fires schedules and enqueues runs. */
    SCHEDULER,
    /** The web portal (Vaadin on Jetty). */
    UI;

    /** The configuration key that switches this role on or off, e.g. {@code tillbridge.roles.api}. */
    public String property() {
        return "tillbridge.roles." + name().toLowerCase(Locale.ROOT);
    }

    /** Parses a comma-separated list such as {@code api,worker}; blank means all roles. */
    public static Set<PlatformRole> parse(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(PlatformRole.class);
        }
        Set<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
        for (String part : list.split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            try {
                roles.add(valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown role '" + name + "' in TILLBRIDGE_ROLES: use any of api, worker, scheduler, ui");
            }
        }
        return roles;
    }
}
