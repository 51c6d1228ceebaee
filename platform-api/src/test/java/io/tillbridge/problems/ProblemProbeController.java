package io.tillbridge.problems;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A controller that exists only in tests, to drive every kind of error through the real HTTP
 * server: body decoding, validation, service problems and unexpected exceptions.
 */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/test-probe")
class ProblemProbeController {

    @Serdeable
    record CreateThing(@NotBlank @Size(max = 20) String name, @Min(0) @Max(23) int hour) {
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    CreateThing create(@Body @Valid CreateThing thing) {
        return thing;
    }

    @Get("/conflict")
    String conflict() {
        throw new ProblemException(ProblemType.CONFLICT, "A thing named 'x' exists already.");
    }

    @Get("/crash")
    String crash() {
        throw new IllegalStateException("secret internal detail");
    }

    @Get("/number")
    int number(@QueryValue int value) {
        return value;
    }
}
