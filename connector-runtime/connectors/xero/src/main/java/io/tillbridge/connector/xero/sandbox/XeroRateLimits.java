package io.tillbridge.connector.xero.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Xero's rate limits per tenant (concurrent, per minute, per day) and per app (per minute), counted
 * on the sandbox's clock. Every answer carries {@code X-DayLimit-Remaining},
 * {@code X-MinLimit-Remaining} and {@code X-AppMinLimit-Remaining}; a call over a limit answers 429
 * with {@code Retry-After} (seconds until the window frees a call) and {@code X-Rate-Limit-Problem}
 * ({@code minute}, {@code day}, {@code concurrent}; developer.xero.com "OAuth 2.0 API limits").
 */
final class XeroRateLimits {

    /** A call admitted: release it when answered; its headers go on the answer. */
    record Permit(Map<String, String> headers) {
    }

    private final XeroSandboxOptions options;
    private final Clock clock;
    private final Deque<Instant> minute = new ArrayDeque<>();
    private final Deque<Instant> day = new ArrayDeque<>();
    private final Deque<Instant> appMinute = new ArrayDeque<>();
    private int inFlight;

    XeroRateLimits(XeroSandboxOptions options) {
        this.options = options;
        this.clock = options.clock();
    }

    /** Admits a call or throws the 429. */
    synchronized Permit acquire() {
        Instant now = clock.instant();
        prune(minute, now.minus(Duration.ofMinutes(1)));
        prune(appMinute, now.minus(Duration.ofMinutes(1)));
        prune(day, now.minus(options.day()));
        if (day.size() >= options.perDay()) {
            throw limited("day", Duration.between(now, day.peekFirst().plus(options.day())));
        }
        if (minute.size() >= options.perMinute()) {
            throw limited("minute", Duration.between(now, minute.peekFirst().plus(Duration.ofMinutes(1))));
        }
        if (inFlight >= options.concurrent()) {
            throw limited("concurrent", Duration.ofSeconds(1));
        }
        minute.add(now);
        day.add(now);
        appMinute.add(now);
        inFlight++;
        return new Permit(headers());
    }

    synchronized void release() {
        inFlight = Math.max(0, inFlight - 1);
    }

    /** The remaining-calls headers as they stand. */
    synchronized Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-DayLimit-Remaining", Integer.toString(Math.max(0, options.perDay() - day.size())));
        headers.put("X-MinLimit-Remaining", Integer.toString(Math.max(0, options.perMinute() - minute.size())));
        headers.put("X-AppMinLimit-Remaining", Integer.toString(Math.max(0, options.appPerMinute() - appMinute.size())));
        return headers;
    }

    private XeroApiException limited(String problem, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        Map<String, String> headers = new LinkedHashMap<>(headers());
        headers.put("Retry-After", Long.toString(seconds));
        headers.put("X-Rate-Limit-Problem", problem);
        return new XeroApiException(429, null, headers);
    }

    private static void prune(Deque<Instant> calls, Instant before) {
        while (!calls.isEmpty() && !calls.peekFirst().isAfter(before)) {
            calls.pollFirst();
        }
    }
}
