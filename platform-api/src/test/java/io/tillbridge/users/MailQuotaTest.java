package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import io.tillbridge.testing.ManualClock;
import org.junit.jupiter.api.Test;

class MailQuotaTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T09:00:00Z"));
    private final MailQuota quota = new MailQuota(clock, 5, Duration.ofHours(1));

    @Test
    void five_mails_an_hour_go_out_and_the_sixth_does_not() {
        IntStream.range(0, 5).forEach(i -> assertThat(quota.take("reset-password", "maria@example.test")).isTrue());

        assertThat(quota.take("reset-password", "MARIA@example.test")).isFalse();
    }

    @Test
    void the_quota_refills_over_the_hour() {
        IntStream.range(0, 5).forEach(i -> quota.take("reset-password", "maria@example.test"));
        clock.advance(Duration.ofMinutes(12));

        assertThat(quota.take("reset-password", "maria@example.test")).isTrue();
    }

    @Test
    void each_purpose_has_its_own_quota() {
        IntStream.range(0, 5).forEach(i -> quota.take("reset-password", "maria@example.test"));

        assertThat(quota.take("verify-email", "maria@example.test")).isTrue();
    }
}
