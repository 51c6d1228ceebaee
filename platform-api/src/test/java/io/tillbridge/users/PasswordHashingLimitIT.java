package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * With one hashing permit and almost no wait, concurrent sign-ins do not queue behind the hash:
 * those that find the permit taken are answered 503 problem+json with Retry-After, the others
 * sign in, and nothing answers 500.
 */
@MicronautTest(transactional = false)
class PasswordHashingLimitIT extends IdentityFixture {

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("tillbridge.auth.password-hashing.permits", "1",
                "tillbridge.auth.password-hashing.max-wait", "5ms");
    }

    @Test
    void concurrent_sign_ins_beyond_the_permits_are_answered_503_with_retry_after() throws Exception {
        String email = randomEmail();
        signUp(email);
        int callers = 8;
        CountDownLatch start = new CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            replies.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return login(email, PASSWORD);
            }, pool));
        }
        start.countDown();
        List<HttpResponse<String>> answered = replies.stream().map(CompletableFuture::join).toList();
        pool.shutdown();

        assertThat(answered).extracting(HttpResponse::statusCode).containsOnly(200, 503).contains(200, 503);
        answered.stream().filter(r -> r.statusCode() == 503).forEach(r -> {
            assertProblem(r, 503, "service-unavailable");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        });
    }
}
