package io.tillbridge.mappings;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** A proposed source-to-target field pair. */
@Serdeable
@Schema(description = "A proposed field pair with its confidence")
public record FieldPair(
        @Schema(example = "item_code") String source,
        @Schema(example = "sku") String target,
        @Schema(example = "0.9", description = "0 to 1") double confidence,
        @Schema(example = "known synonym") String reason) {
}
