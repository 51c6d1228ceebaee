package io.tillbridge.outbound.web;

import io.micronaut.serde.annotation.Serdeable;

/** How many failed deliveries were queued again. */
@Serdeable
public record ReplayResult(int replayed) {
}
