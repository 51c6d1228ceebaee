package io.tillbridge.mappings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.connector.mapping.FieldError;

/** A field error of a mapping or of a record's value, as the API shows it. */
@Serdeable
@Schema(description = "One problem with one field, and how to fix it")
public record MappingError(
        @Schema(example = "payment_account") String path,
        @Schema(allowableValues = {"mapping", "value", "unmapped_value"}) String category,
        @Schema(example = "unmapped value 'APPLE_PAY' in value map 'accounts'") String message,
        @Schema(example = "Add 'APPLE_PAY' to the value map 'accounts' (or give it a fallback)") String hint,
        @Nullable @Schema(example = "APPLE_PAY") String value) {

    static MappingError of(FieldError e) {
        return new MappingError(e.path(), e.category().wireName(), e.message(), e.hint(), e.value());
    }
}
