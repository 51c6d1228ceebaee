package io.tillbridge.connector.shopify.sandbox;

/**
 * Shopify's numeric ids: unique across the sandbox and increasing in creation order, so that an
 * object created later has a larger id ({@code since_id} paging relies on that).
 */
final class IdSequence {

    private long next;

    IdSequence(long start) {
        this.next = start;
    }

    long next() {
        next += 1 + (next % 7);
        return next;
    }
}
