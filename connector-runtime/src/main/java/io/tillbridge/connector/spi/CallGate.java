package io.tillbridge.connector.spi;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Paces the requests a connector sends to one provider account (a Square merchant, a Shopify
 * store, a QuickBooks realm): a token bucket that the runtime shares between every run in every
 * process, closed until the {@code Retry-After} of a 429 has passed. A connector calls
 * {@link #acquire} before every request to that account and {@link #backOff} after every 429.
 * Get one from {@link ConnectorContext#gate}. Implementations are thread-safe.
 */
public interface CallGate {

    /** A gate that never waits and ignores back-off: for calls no provider limits. */
    CallGate OPEN = new CallGate() {
        @Override
        public boolean acquire(BooleanSupplier stopRequested) {
            return true;
        }

        @Override
        public void backOff(Duration retryAfter) {
        }
    };

    /**
     * Waits until one request may be sent and takes the permit for it.
     *
     * @param stopRequested polled while waiting (at least every few hundred milliseconds); once it
     *     answers true the wait ends without a permit
     * @return true with a permit; false when {@code stopRequested} turned true first
     * @throws ConnectorException TRANSIENT, with the wait still ahead as {@link
     *     ConnectorException#retryAfter()}, when the wait would last longer than the runtime
     *     allows (the run is then retried later instead of holding a worker), or when the thread
     *     is interrupted
     */
    boolean acquire(BooleanSupplier stopRequested);

    /** {@link #acquire(BooleanSupplier)} with nothing to stop the wait but its limit. */
    default void acquire() {
        acquire(() -> false);
    }

    /**
     * Records that the provider answered 429: no request to this account is sent, by any run,
     * before {@code retryAfter} has passed. A shorter back-off never shortens a longer one.
     *
     * @param retryAfter the provider's {@code Retry-After}, or the caller's own backoff when the
     *     provider sent none
     */
    void backOff(Duration retryAfter);
}
