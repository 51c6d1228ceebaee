package io.tillbridge.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type a stable URI per error kind (see {@link ProblemType})
 * @param title the short summary of the type
 * @param status the HTTP status code
 * @param detail what went wrong in this occurrence, readable by a person
 * @param instance the request path
 * @param errors for validation failures, one entry per invalid field
 * @param reference for internal errors, the id under which the error was logged
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail")
public record Problem(
        @Schema(example = "/problems/validation-failed") String type,
        @Schema(example = "Validation failed") String title,
        @Schema(example = "400") int status,
        @Schema(example = "name: must not be blank") String detail,
        @Schema(example = "/api/v1/tenants") String instance,
        List<FieldError> errors,
        String reference) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: where it is in the request, and what is wrong with it. */
    @Serdeable
    public record FieldError(
            @Schema(example = "name") String field,
            @Schema(example = "must not be blank") String message) {
    }
}
