package io.tillbridge.ui;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;

/**
 * How long a portal session lives: it ends after {@code idleTimeout} without a user action
 * (Vaadin's heartbeats do not count) and {@code absoluteTimeout} after sign-in, whatever happens.
 *
 * @param idleTimeout {@code tillbridge.portal.session.idle-timeout}, default 30 minutes
 * @param absoluteTimeout {@code tillbridge.portal.session.absolute-timeout}, default 12 hours
 */
public record PortalSessionSettings(Duration idleTimeout, Duration absoluteTimeout) {

    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(12);

    public PortalSessionSettings {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.isNegative() || absoluteTimeout.isZero()) {
            throw new IllegalArgumentException("Portal session timeouts must be positive");
        }
    }

    /** The settings of the running platform, with the defaults for what is not set. */
    public static PortalSessionSettings of(ApplicationContext context) {
        return new PortalSessionSettings(
                context.getProperty("tillbridge.portal.session.idle-timeout", Duration.class).orElse(DEFAULT_IDLE),
                context.getProperty("tillbridge.portal.session.absolute-timeout", Duration.class).orElse(DEFAULT_ABSOLUTE));
    }
}
