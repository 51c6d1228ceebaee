package io.tillbridge.platform.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers on every API response that a browser obeys: no framing by any page
 * ({@code X-Frame-Options: DENY} and CSP {@code frame-ancestors 'none'}, for the API docs page and
 * anything else a browser might open here) and no content-type sniffing ({@code nosniff}), so a
 * JSON answer is never run as a script or page.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter implements Ordered {

    /** Outermost, so that answers of every later filter (the security filter's 401, 429s) get the headers too. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @ResponseFilter
    public void secure(MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Frame-Options", "DENY");
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        if (!response.getHeaders().contains("Content-Security-Policy")) {
            response.getHeaders().set("Content-Security-Policy", "frame-ancestors 'none'");
        }
    }
}
