package io.tillbridge.ratelimits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bounded, expiring map that holds the rate limiter's buckets and cached plans. */
class ExpiringMapTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger created = new AtomicInteger();

    private ExpiringMap<Integer> map(Duration idle, Duration ttl, int max) {
        return new ExpiringMap<>("test", idle, ttl, max, now::get);
    }

    private Integer create(String key) {
        return created.incrementAndGet();
    }

    @Test
    void a_live_entry_is_returned_without_creating_another() {
        ExpiringMap<Integer> map = map(Duration.ofSeconds(60), Duration.ofDays(1), 10);
        assertThat(map.get("a", this::create)).isEqualTo(map.get("a", this::create));
        assertThat(created).hasValue(1);
    }

    @Test
    void an_entry_unused_for_the_idle_time_is_created_again() {
        ExpiringMap<Integer> map = map(Duration.ofSeconds(60), Duration.ofDays(1), 10);
        int first = map.get("a", this::create);
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(map.get("a", this::create)).isNotEqualTo(first);
    }

    @Test
    void an_entry_in_use_stays_until_its_time_to_live_ends() {
        ExpiringMap<Integer> map = map(Duration.ofSeconds(60), Duration.ofSeconds(90), 10);
        int first = map.get("a", this::create);
        now.addAndGet(Duration.ofSeconds(50).toNanos());
        assertThat(map.get("a", this::create)).isEqualTo(first);
        now.addAndGet(Duration.ofSeconds(50).toNanos());
        assertThat(map.get("a", this::create)).isNotEqualTo(first);
    }

    @Test
    void idle_entries_are_swept_away() {
        ExpiringMap<Integer> map = map(Duration.ofSeconds(60), Duration.ofDays(1), 1_000);
        for (int i = 0; i < 100; i++) {
            map.get("k" + i, this::create);
        }
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        map.get("fresh", this::create);
        assertThat(map.size()).isEqualTo(1);
    }

    @Test
    void the_map_never_holds_more_than_its_maximum() {
        ExpiringMap<Integer> map = map(Duration.ofSeconds(60), Duration.ofDays(1), 5);
        for (int i = 0; i < 50; i++) {
            map.get("k" + i, this::create);
        }
        assertThat(map.size()).isEqualTo(5);
    }

    @Test
    void a_lookup_without_creating_misses_an_expired_entry() {
        ExpiringMap<Integer> map = map(Duration.ofSeconds(60), Duration.ofDays(1), 5);
        map.get("a", this::create);
        assertThat(map.getIfPresent("a")).isNotNull();
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(map.getIfPresent("a")).isNull();
    }
}
