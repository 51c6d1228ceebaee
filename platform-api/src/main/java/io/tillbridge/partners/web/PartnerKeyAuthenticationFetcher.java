package io.tillbridge.partners.web;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.tillbridge.access.Caller;
import io.tillbridge.access.Caller.PartnerScope;
import io.tillbridge.partners.PartnerKeyToken;
import io.tillbridge.partners.PartnerKeys;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;

/**
 * Authenticates requests that carry a partner API key: {@code Authorization: Bearer tbk_...}.
 *
 * <p>Only credentials starting with {@code tbk_} are looked at; anything else is left to
 * Micronaut's JWT fetcher, which in turn never sees a {@code tbk_} credential
 * ({@link JwtBearerTokenReader}). A {@code tbk_} credential that is malformed, unknown, wrong or
 * revoked fails the request with 401 problem+json at once, also on routes open to anonymous
 * callers: a client that sends a bad key should learn it, not be served as anonymous.
 *
 * <p>The key is checked against the database on every request (revocation is immediate), on the
 * blocking executor rather than the event loop; the request then goes on on its event loop.
 */
@Singleton
public class PartnerKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private static final String BEARER = "Bearer ";

    private final PartnerKeys keys;
    private final ExecutorService blocking;

    public PartnerKeyAuthenticationFetcher(PartnerKeys keys, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.keys = keys;
        this.blocking = blocking;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<String> credential = partnerKey(request);
        if (credential.isEmpty()) {
            return Publishers.empty();
        }
        Executor eventLoop = eventLoopOf(request);
        return Publishers.fromCompletableFuture(() -> {
            CompletableFuture<Authentication> result = new CompletableFuture<>();
            blocking.execute(() -> {
                try {
                    Authentication authentication = keys.authenticate(credential.get())
                            .map(PartnerKeyAuthenticationFetcher::authentication)
                            .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED,
                                    "The API key is not valid: it is malformed, unknown or revoked."));
                    eventLoop.execute(() -> result.complete(authentication));
                } catch (RuntimeException e) {
                    eventLoop.execute(() -> result.completeExceptionally(e));
                }
            });
            return result;
        });
    }

    /**
     * The request's event loop. The lookup runs on the blocking executor, but the request goes on
     * where it came from: Micronaut reads request bodies on the event loop and does not expect the
     * rest of the request to continue from another thread.
     */
    private static Executor eventLoopOf(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty ? netty.getChannelHandlerContext().executor() : Runnable::run;
    }

    /** The {@code tbk_} credential of the Authorization header, if that is what it carries. */
    static Optional<String> partnerKey(HttpRequest<?> request) {
        return request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION)
                .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(h -> h.substring(BEARER.length()).trim())
                .filter(PartnerKeyToken::isPartnerKey);
    }

    /** The authentication that {@link Caller#of} reads back as a {@link Caller.Partner}. */
    static Authentication authentication(Caller.Partner partner) {
        List<String> scopes = partner.scopes().stream().map(PartnerScope::wire).sorted().toList();
        return Authentication.build(partner.partnerId().toString(), List.of(), Map.of(
                Caller.CLAIM_KIND, Caller.KIND_PARTNER,
                Caller.CLAIM_PARTNER, partner.partnerId().toString(),
                Caller.CLAIM_KEY, partner.keyId().toString(),
                Caller.CLAIM_SCOPES, scopes));
    }

    /** Before the JWT fetcher, so that a key's refusal is the answer rather than a missing JWT. */
    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER - 100;
    }
}
