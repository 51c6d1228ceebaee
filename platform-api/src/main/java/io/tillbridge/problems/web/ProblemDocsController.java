package io.tillbridge.problems.web;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import java.util.Arrays;
import java.util.List;

/** Documents each problem type at its type URI, so that a type is a link a developer can follow. */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller(ProblemType.BASE)
@Tag(name = "Problems", description = "The error types of the API")
public class ProblemDocsController {

    /** One problem type as documented. */
    @Serdeable
    public record ProblemTypeDoc(String type, String title, int status, String description) {
        static ProblemTypeDoc of(ProblemType t) {
            return new ProblemTypeDoc(t.uri(), t.title(), t.status().getCode(), t.description());
        }
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "List every problem type the API answers with")
    public List<ProblemTypeDoc> list() {
        return Arrays.stream(ProblemType.values()).map(ProblemTypeDoc::of).toList();
    }

    @Get(value = "/{slug}", produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Describe one problem type")
    public ProblemTypeDoc describe(@PathVariable String slug) {
        return ProblemType.bySlug(slug).map(ProblemTypeDoc::of)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "There is no problem type '" + slug + "'."));
    }
}
