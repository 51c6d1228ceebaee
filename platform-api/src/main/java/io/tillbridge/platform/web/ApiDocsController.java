package io.tillbridge.platform.web;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;

/** A short, stable address for the browsable API documentation (Swagger UI). */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/api/docs")
@Hidden
public class ApiDocsController {

    static final URI SWAGGER_UI = URI.create("/swagger-ui/index.html");

    @Get
    public HttpResponse<Void> docs() {
        return HttpResponse.seeOther(SWAGGER_UI);
    }
}
