package io.tillbridge.connector.square.sandbox;

import io.tillbridge.connector.sandbox.ScriptedFaults;

/**
 * Scripted trouble for tests: the next API requests (OAuth and {@code /v2} alike) answer a server
 * error in Square's envelope, or are answered only after a delay. Faults are used in the order
 * they were added, one per request. {@link #failNext} takes 500 {@code INTERNAL_SERVER_ERROR},
 * 502 {@code BAD_GATEWAY}, 503 {@code SERVICE_UNAVAILABLE} or 504 {@code GATEWAY_TIMEOUT}
 * (category {@code API_ERROR}).
 */
public final class SandboxFaults extends ScriptedFaults {

    /** Square's error code for a scripted server error status. */
    static String code(int status) {
        return switch (status) {
            case 502 -> "BAD_GATEWAY";
            case 503 -> "SERVICE_UNAVAILABLE";
            case 504 -> "GATEWAY_TIMEOUT";
            default -> "INTERNAL_SERVER_ERROR";
        };
    }
}
