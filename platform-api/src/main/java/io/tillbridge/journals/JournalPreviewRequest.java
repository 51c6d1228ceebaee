package io.tillbridge.journals;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Which business day to preview, with which mapping version.
 *
 * @param day the business day, ISO 8601 ({@code 2026-11-03})
 * @param version a saved mapping version; without it the pinned version
 */
@Serdeable
@Schema(description = "The business day to preview and, optionally, a saved mapping version")
public record JournalPreviewRequest(
        @Nullable @Schema(example = "2026-11-03", description = "The business day, YYYY-MM-DD") String day,
        @Nullable @Schema(example = "3", minimum = "1", description = "A saved mapping version; without it the pinned"
                + " version") Integer version) {
}
