package io.tillbridge.mappings;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What to preview: the draft {@code spec}, else the saved {@code version}, else the pinned version;
 * applied to {@code records}, else to the source's discovered samples.
 *
 * @param spec a draft mapping; previewing one needs the permission to configure
 * @param version a saved version, 1 or more
 * @param records at most {@value #MAX_RECORDS} source records in the record value model (objects as
 *     maps, arrays as lists, every number a {@link java.math.BigDecimal})
 */
@Schema(description = "A draft mapping or a saved version, and the records to map")
public record MappingPreviewRequest(
        @Nullable @Schema(description = "A draft mapping: steps, fields, valueMaps, rates, aggregate") MappingSpec spec,
        @Nullable @Schema(example = "3", minimum = "1", description = "A saved version; without spec or version the"
                + " pinned version is used") Integer version,
        @Nullable @Schema(description = "At most " + MappingPreviewRequest.MAX_RECORDS
                + " source records; without them the source's discovered samples") List<Map<String, Object>> records) {

    /** Most records a preview maps. */
    public static final int MAX_RECORDS = 100;

    /** 400 naming the field when the version is not positive or there are too many records. */
    public MappingPreviewRequest {
        if (version != null && version < 1) {
            throw versionNotPositive();
        }
        if (records != null) {
            if (records.size() > MAX_RECORDS) {
                throw tooManyRecords();
            }
            records = Collections.unmodifiableList(new ArrayList<>(records));
        }
    }

    /** The pinned version over the source's samples. */
    public static MappingPreviewRequest pinned() {
        return new MappingPreviewRequest(null, null, null);
    }

    static ProblemException versionNotPositive() {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "version must be a positive integer.",
                List.of(new Problem.FieldError("version", "must be a positive integer")));
    }

    static ProblemException tooManyRecords() {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "A preview maps at most " + MAX_RECORDS
                + " records.", List.of(new Problem.FieldError("records", "at most " + MAX_RECORDS + " records")));
    }
}
