package io.tillbridge.connector.rest;

import java.util.Map;

/**
 * Credentials that can change during a call: {@link JsonHttpClient} asks for the headers before
 * every request and, after a 401, asks once to renew them and repeats the request once.
 */
public interface RequestAuth {

    /** No credentials beyond the request's own headers. */
    RequestAuth NONE = new RequestAuth() {
        @Override
        public Map<String, String> headers() {
            return Map.of();
        }

        @Override
        public boolean renew() {
            return false;
        }
    };

    /** The auth headers for the next request. */
    Map<String, String> headers();

    /**
     * Called after a 401 to the headers last returned: obtains new credentials if it can.
     *
     * @return true when the request is worth repeating with the new headers
     */
    boolean renew();
}
