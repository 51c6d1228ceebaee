package io.tillbridge.platform.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/** The OpenAPI document's header; the paths come from the controllers at compile time. */
@OpenAPIDefinition(info = @Info(
        title = "Tillbridge API",
        version = "0.1.0",
        description = "Public REST API of Tillbridge, the open-source integration platform for point-of-sale data."
                + " Errors are application/problem+json (RFC 9457) with a stable type per kind; see /problems.",
        license = @License(name = "Apache-2.0")))
final class ApiDefinition {

    private ApiDefinition() {
    }
}
