package io.tillbridge.ratelimits.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.tillbridge.network.ClientAddresses;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.ratelimits.AnonymousLimits;
import io.tillbridge.ratelimits.AnonymousLimits.Kind;
import java.time.Duration;
import java.util.Optional;

/**
 * Limits the anonymous routes per client address ({@link AnonymousLimits}) before anything else
 * runs for them, security included: a refused request costs no token check, no password hash and
 * no database row. It answers 429 problem+json ({@code /problems/rate-limited}) with
 * {@code Retry-After}. The connector catalog and the OAuth callback are limited on GET, the other kinds on POST. Webhook
 * intake is limited here, as a filter on its route, so that the receiving controller stays as it is.
 *
 * <p>Switch off with {@code tillbridge.rate-limits.anonymous.enabled=false}.
 */
@ServerFilter({"/api/v1/signup", "/api/v1/signup/**", "/api/v1/auth/**", "/api/v1/hooks/**",
        "/api/v1/vendor-hooks/**", "/api/v1/connectors", "/api/v1/connectors/**", "/api/v1/oauth/callback"})
@Requires(property = "tillbridge.rate-limits.anonymous.enabled", notEquals = StringUtils.FALSE)
public class AnonymousRateLimitFilter implements Ordered {

    private final AnonymousLimits limits;
    private final ClientAddresses clients;
    private final ErrorResponseProcessor<?> problems;

    public AnonymousRateLimitFilter(AnonymousLimits limits, ClientAddresses clients, ErrorResponseProcessor<?> problems) {
        this.limits = limits;
        this.clients = clients;
        this.problems = problems;
    }

    /** Null lets the request through; a 429 answer ends it. */
    @RequestFilter
    @Nullable
    public MutableHttpResponse<?> limit(HttpRequest<?> request) {
        Optional<Kind> kind = kindOf(request.getPath());
        if (kind.isEmpty() || request.getMethod() != (kind.get() == Kind.CATALOG || kind.get() == Kind.OAUTH_CALLBACK
                ? HttpMethod.GET : HttpMethod.POST)) {
            return null;
        }
        Optional<Duration> wait = limits.take(kind.get(), clients.of(request));
        if (wait.isEmpty()) {
            return null;
        }
        ProblemException problem = new ProblemException(ProblemType.RATE_LIMITED, "Too many " + kind.get().wire()
                + " requests from your network address (at most " + limits.perMinute(kind.get())
                + " a minute); retry later.", wait.get());
        MutableHttpResponse<?> response = problems.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS));
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds().orElse(1)));
        return response;
    }

    /** Which anonymous route a path is, if any. */
    static Optional<Kind> kindOf(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return switch (p) {
            case "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout" -> Optional.of(Kind.SIGN_IN);
            case "/api/v1/signup", "/api/v1/signup/invited" -> Optional.of(Kind.SIGN_UP);
            case "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm" -> Optional.of(Kind.PASSWORD_RESET);
            case "/api/v1/auth/verify-email", "/api/v1/auth/verify-email/resend" -> Optional.of(Kind.EMAIL_VERIFICATION);
            case "/api/v1/oauth/callback" -> Optional.of(Kind.OAUTH_CALLBACK);
            default -> p.startsWith("/api/v1/hooks/") || p.startsWith("/api/v1/vendor-hooks/") ? Optional.of(Kind.WEBHOOKS)
                    : p.equals("/api/v1/connectors") || p.startsWith("/api/v1/connectors/") ? Optional.of(Kind.CATALOG)
                    : Optional.empty();
        };
    }

    /** Before the security filter: a refused flood costs no credential check. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
