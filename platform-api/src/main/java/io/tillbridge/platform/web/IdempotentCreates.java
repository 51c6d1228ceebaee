package io.tillbridge.platform.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.tillbridge.platform.internal.IdempotencyKeys;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} contract of creating POSTs: the first request with a key runs and its
 * response is stored; a retry with the same key and the same body gets that stored response again
 * (marked {@code Idempotent-Replayed: true}) without running anything; the same key with another
 * body answers 422. Keys are scoped to the caller and the request path.
 */
@Singleton
public class IdempotentCreates {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    private final TenantTransactions transactions;
    private final JsonMapper json;

    public IdempotentCreates(TenantTransactions transactions, JsonMapper json) {
        this.transactions = transactions;
        this.json = json;
    }

    /**
     * Runs {@code create} once per idempotency key.
     *
     * @param request the HTTP request (for its path)
     * @param authentication the caller, or null for anonymous endpoints such as signup
     * @param key the Idempotency-Key header, or null to run without idempotency
     * @param body the decoded request body, compared by its JSON form
     */
    public <T> HttpResponse<?> run(HttpRequest<?> request, Authentication authentication, String key, Object body,
            Supplier<MutableHttpResponse<T>> create) {
        if (key == null) {
            return create.get();
        }
        if (key.isBlank() || key.length() > 255) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "Idempotency-Key must be 1 to 255 characters.");
        }
        String scope = (authentication == null ? "anonymous" : authentication.getName()) + " "
                + request.getMethodName() + " " + request.getPath();
        byte[] hash = sha256(bytes(body));
        boolean first = transactions.withoutTenant(c -> IdempotencyKeys.claim(c, scope, key, hash));
        if (!first) {
            return replay(scope, key, hash);
        }
        MutableHttpResponse<T> response;
        try {
            response = create.get();
        } catch (RuntimeException e) {
            forget(scope, key);
            throw e;
        }
        byte[] stored = response.getBody().map(this::bytes).orElse(null);
        transactions.withoutTenant(c -> {
            IdempotencyKeys.complete(c, scope, key, response.code(),
                    response.getContentType().map(MediaType::toString).orElse(MediaType.APPLICATION_JSON),
                    response.getHeaders().get(HttpHeaders.LOCATION), stored);
            return null;
        });
        return response;
    }

    private HttpResponse<?> replay(String scope, String key, byte[] hash) {
        Optional<IdempotencyKeys.Stored> stored = transactions.withoutTenant(c -> IdempotencyKeys.find(c, scope, key));
        if (stored.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "A request with this Idempotency-Key failed a moment ago; retry it.");
        }
        IdempotencyKeys.Stored s = stored.get();
        if (!Arrays.equals(s.requestHash(), hash)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key '" + key + "' was first used with a different request body.");
        }
        if (s.status() == null) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
        }
        MutableHttpResponse<Object> response = HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(s.status()));
        response.header(REPLAYED, "true");
        if (s.location() != null) {
            response.header(HttpHeaders.LOCATION, s.location());
        }
        if (s.body() != null) {
            response.contentType(s.contentType()).body(s.body());
        }
        return response;
    }

    private void forget(String scope, String key) {
        transactions.withoutTenant(c -> {
            IdempotencyKeys.forget(c, scope, key);
            return null;
        });
    }

    private byte[] bytes(Object value) {
        try {
            return value == null ? new byte[0] : json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
