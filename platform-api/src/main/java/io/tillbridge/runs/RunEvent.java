package io.tillbridge.runs;

import java.time.Instant;

/** One thing that happened to a run (claimed, taken-over, stale-attempt-refused, cancel-requested, finished). */
public record RunEvent(long seq, Instant at, String kind, Integer attempt, String detail) {
}
