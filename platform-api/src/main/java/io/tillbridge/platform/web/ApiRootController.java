package io.tillbridge.platform.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tillbridge.platform.PlatformRole;
import io.micronaut.context.env.Environment;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The entry point of the public API: what this server is and where to go next. */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/api/v1")
@Tag(name = "API", description = "Entry point of the public API")
public class ApiRootController {

    private final String version;
    private final Environment environment;

    public ApiRootController(@Value("${tillbridge.version:0.1.0}") String version, Environment environment) {
        this.version = version;
        this.environment = environment;
    }

    /** The API root: name, version, the roles this process runs, and links. */
    @Serdeable
    public record ApiRoot(String name, String version, List<String> roles, Map<String, String> links) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Describe the API and link to its documentation")
    public ApiRoot root() {
        List<String> roles = Arrays.stream(PlatformRole.values())
                .filter(r -> environment.getProperty(r.property(), Boolean.class, true))
                .map(r -> r.name().toLowerCase())
                .toList();
        return new ApiRoot("Tillbridge API", version, roles, Map.of(
                "docs", "/api/docs",
                "openapi", "/swagger/tillbridge-api.yml",
                "problems", "/problems",
                "health", "/health",
                "metrics", "/prometheus"));
    }
}
