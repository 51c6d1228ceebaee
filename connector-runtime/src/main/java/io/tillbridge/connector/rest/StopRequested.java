package io.tillbridge.connector.rest;

/**
 * Thrown by {@link JsonHttpClient} when the read was asked to stop while it waited for the
 * provider's quota; {@link PagedStreamReader} then returns without error, as the source contract
 * asks, and without a further checkpoint.
 */
public final class StopRequested extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StopRequested() {
        super("the read was asked to stop", null, false, false);
    }
}
