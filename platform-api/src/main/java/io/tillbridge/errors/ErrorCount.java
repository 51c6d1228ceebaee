package io.tillbridge.errors;

import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/** How many errors an integration has of one category in one status, and their occurrences. */
@Serdeable
public record ErrorCount(UUID integrationId, String category, String status, long errors, long occurrences) {
}
