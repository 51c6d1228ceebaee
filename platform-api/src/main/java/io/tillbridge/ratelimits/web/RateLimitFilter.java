package io.tillbridge.ratelimits.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.tillbridge.access.Caller;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.ratelimits.RateLimitDecision;
import io.tillbridge.ratelimits.RateLimitPolicy;
import io.tillbridge.ratelimits.RateLimiter;
import io.tillbridge.tenants.TenantId;
import jakarta.inject.Named;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Rate limits for authenticated calls under {@code /api/v1}, after the security filter has
 * identified the caller. Unauthenticated calls are not limited here (they fail with 401 anyway).
 *
 * <p>Every limited response carries the fields of the IETF draft "RateLimit header fields for
 * HTTP" (draft-ietf-httpapi-ratelimit-headers-09), one list member per policy that applied:
 * <pre>
 * RateLimit-Policy: "per-key";q=120;w=60, "per-tenant";q=600;w=60
 * RateLimit: "per-key";r=57;t=13, "per-tenant";r=590;t=2
 * </pre>
 * where {@code q} is the quota per window of {@code w} seconds, {@code r} the requests remaining and
 * {@code t} the seconds until the quota is whole again. A refused request answers 429 problem+json
 * ({@code /problems/rate-limited}) with {@code Retry-After} in seconds and the same two fields.
 * Limits are per process: see {@link RateLimiter}.
 *
 * <p>The filter runs on the event loop. Only when the caller's standing in a tenant is not cached
 * is it read from the database, on the blocking executor, and the request then goes on on its
 * event loop: Micronaut reads request bodies there and does not expect a request to continue from
 * another thread.
 *
 * <p>Switch off with {@code tillbridge.rate-limits.enabled=false}.
 */
@ServerFilter("/api/v1/**")
@Requires(property = "tillbridge.rate-limits.enabled", notEquals = StringUtils.FALSE)
public class RateLimitFilter implements Ordered {

    public static final String POLICY_HEADER = "RateLimit-Policy";
    public static final String STATE_HEADER = "RateLimit";
    private static final Pattern TENANT_ROUTE = Pattern.compile(
            "^/api/v1/tenants/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:/.*)?$");

    private final RateLimiter limiter;
    private final ErrorResponseProcessor<?> problems;
    private final ExecutorService blocking;

    public RateLimitFilter(RateLimiter limiter, ErrorResponseProcessor<?> problems,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.limiter = limiter;
        this.problems = problems;
        this.blocking = blocking;
    }

    /** Takes a request from the caller's buckets: 429 when one is empty, else the route's response with the quotas. */
    @RequestFilter
    public CompletableFuture<MutableHttpResponse<?>> limit(HttpRequest<?> request,
            FilterContinuation<Publisher<MutableHttpResponse<?>>> route) {
        CompletableFuture<MutableHttpResponse<?>> response = new CompletableFuture<>();
        Optional<Caller> caller = request.getUserPrincipal(Authentication.class).flatMap(RateLimitFilter::callerOf);
        if (caller.isEmpty()) {
            proceed(route, Optional.empty(), response);
            return response;
        }
        Optional<TenantId> tenant = tenantOf(request.getPath());
        Optional<RateLimitDecision> known = limiter.takeWithoutBlocking(caller.get(), tenant);
        if (known.isPresent()) {
            answer(request, known.get(), route, response);
            return response;
        }
        Executor eventLoop = eventLoopOf(request);
        blocking.execute(() -> {
            try {
                RateLimitDecision decision = limiter.take(caller.get(), tenant);
                eventLoop.execute(() -> answer(request, decision, route, response));
            } catch (RuntimeException e) {
                eventLoop.execute(() -> response.completeExceptionally(e));
            }
        });
        return response;
    }

    private void answer(HttpRequest<?> request, RateLimitDecision decision,
            FilterContinuation<Publisher<MutableHttpResponse<?>>> route, CompletableFuture<MutableHttpResponse<?>> response) {
        if (decision.allowed()) {
            proceed(route, Optional.of(decision), response);
        } else {
            response.complete(tooManyRequests(request, decision));
        }
    }

    private MutableHttpResponse<?> tooManyRequests(HttpRequest<?> request, RateLimitDecision decision) {
        RateLimitPolicy refused = decision.refusedBy().orElseThrow();
        ProblemException problem = new ProblemException(ProblemType.RATE_LIMITED, "The " + refused.name()
                + " limit of " + refused.quota() + " requests per " + refused.windowSeconds() + " seconds is used up;"
                + " retry in " + decision.retryAfterSeconds() + " seconds.");
        MutableHttpResponse<?> response = problems.processResponse(ErrorContext.builder(request).cause(problem).build(),
                HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS));
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        writeHeaders(response, decision);
        return response;
    }

    /** Runs the route; its response, errors included, gets the quota fields. */
    private static void proceed(FilterContinuation<Publisher<MutableHttpResponse<?>>> route,
            Optional<RateLimitDecision> decision, CompletableFuture<MutableHttpResponse<?>> response) {
        route.proceed().subscribe(new Subscriber<MutableHttpResponse<?>>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(MutableHttpResponse<?> routed) {
                decision.ifPresent(d -> writeHeaders(routed, d));
                response.complete(routed);
            }

            @Override
            public void onError(Throwable error) {
                response.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                if (!response.isDone()) {
                    response.completeExceptionally(new IllegalStateException("The route produced no response"));
                }
            }
        });
    }

    private static void writeHeaders(MutableHttpResponse<?> response, RateLimitDecision decision) {
        response.getHeaders().set(POLICY_HEADER, decision.policyField());
        response.getHeaders().set(STATE_HEADER, decision.stateField());
    }

    private static Optional<Caller> callerOf(Authentication authentication) {
        try {
            return Optional.of(Caller.of(authentication));
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    /** The tenant a {@code /api/v1/tenants/{tenantId}/...} route names. */
    static Optional<TenantId> tenantOf(String path) {
        Matcher m = TENANT_ROUTE.matcher(path);
        return m.matches() ? Optional.of(TenantId.of(m.group(1))) : Optional.empty();
    }

    private static Executor eventLoopOf(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty ? netty.getChannelHandlerContext().executor() : Runnable::run;
    }

    /** After the security filter, which identifies the caller. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
