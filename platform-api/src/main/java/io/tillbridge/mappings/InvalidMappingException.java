package io.tillbridge.mappings;

import io.tillbridge.connector.mapping.FieldError;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.List;

/**
 * A mapping that does not parse, compile or fit its integration: 422 with one error per field, each
 * naming the path in the spec, what is wrong and how to fix it.
 */
public class InvalidMappingException extends ProblemException {

    private final transient List<FieldError> fieldErrors;

    public InvalidMappingException(List<FieldError> errors) {
        super(ProblemType.UNPROCESSABLE, "The mapping is not valid: " + errors.size()
                + (errors.size() == 1 ? " error." : " errors.") + " Each names the field and how to fix it.",
                errors.stream().map(e -> new Problem.FieldError(e.path(),
                        e.category().wireName() + ": " + e.message() + (e.hint().isEmpty() ? "" : ". Fix: " + e.hint())))
                        .toList());
        this.fieldErrors = List.copyOf(errors);
    }

    /** The errors as the mapping engine found them. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
