package io.tillbridge.platform;

import java.util.Locale;

/**
 * How strict a platform process is about its set-up (DD-020). {@code embedded}: the one-command
 * start with the embedded database; secrets the installation needs are created in the data
 * directory and mail may go to the log. {@code dev}: the same leniency against a configured
 * database. {@code production}: every secret must be configured (TILLBRIDGE_JWT_SECRET, an SMTP
 * server for processes that send mail) and nothing secret is written to the log.
 */
public enum PlatformMode {
    EMBEDDED, DEV, PRODUCTION;

    /** The Micronaut property the launcher sets; absent (a test context) counts as {@link #DEV}. */
    public static final String PROPERTY = "tillbridge.mode";

    /** The configured mode, or else: embedded without a database URL, production with one. */
    static PlatformMode resolve(String configured, boolean embeddedDatabase) {
        if (configured == null || configured.isBlank()) {
            return embeddedDatabase ? EMBEDDED : PRODUCTION;
        }
        try {
            return valueOf(configured.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TILLBRIDGE_MODE must be embedded, dev or production, not '"
                    + configured.trim() + "'");
        }
    }

    /** Whether secrets must be configured rather than created locally, and links never logged. */
    public boolean production() {
        return this == PRODUCTION;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
