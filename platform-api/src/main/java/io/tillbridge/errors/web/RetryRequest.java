package io.tillbridge.errors.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/** Which errors to retry: the listed ones, or every open error of a category (of one integration). */
@Serdeable
@Schema(description = "Either ids, or category with an optional integrationId")
public record RetryRequest(
        @Schema(description = "Open errors to retry (1 to 1000)") @Nullable List<UUID> ids,
        @Schema(description = "Retry every open error of this category", allowableValues = {"auth", "mapping", "value",
                "unmapped_value", "rate_limit", "transient", "rejected_by_target", "duplicate",
                "missing_reference"}) @Nullable String category,
        @Schema(description = "With category: only this integration's errors") @Nullable UUID integrationId) {
}
