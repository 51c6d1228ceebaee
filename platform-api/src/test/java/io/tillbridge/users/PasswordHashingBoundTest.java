package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Password hashing runs under a bounded number of permits and refuses rather than queueing without end. */
class PasswordHashingBoundTest {

    @Test
    void with_one_permit_and_no_wait_concurrent_hashes_beyond_the_first_are_refused_with_503_and_retry_after()
            throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, Duration.ofMillis(1));
        String stored = hasher.hash("correct horse battery staple");
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> outcomes = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        return hasher.verify("correct horse battery staple", stored);
                    } catch (ProblemException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(r -> Boolean.TRUE.equals(r)).as("verified").isNotEmpty();
            List<ProblemException> refused = results.stream().filter(ProblemException.class::isInstance)
                    .map(ProblemException.class::cast).toList();
            assertThat(refused).as("refused while the only permit was taken").isNotEmpty();
            assertThat(refused).allSatisfy(e -> {
                assertThat(e.type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
                assertThat(e.retryAfterSeconds()).hasValue(1);
            });
            assertThat(hasher.availablePermits()).as("every permit is given back").isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callers_that_wait_long_enough_all_get_their_turn() throws Exception {
        PasswordHasher hasher = new PasswordHasher(1, Duration.ofSeconds(30));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<String>> hashes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                hashes.add(pool.submit(() -> hasher.hash("correct horse battery staple")));
            }
            for (Future<String> hash : hashes) {
                assertThat(hasher.verify("correct horse battery staple", hash.get(60, TimeUnit.SECONDS))).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
