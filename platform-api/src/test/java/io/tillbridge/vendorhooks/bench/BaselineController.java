package io.tillbridge.vendorhooks.bench;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * G7's same-run baseline (BENCHMARKS.md): a route that takes the same body on the same executor as
 * the vendor webhook route and only answers 200. Present only in the benchmark's server.
 */
@Requires(property = "tillbridge.bench.g7", value = "true")
@Controller("/bench/ok")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class BaselineController {

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> ok(@Nullable @Body byte[] body) {
        return HttpResponse.ok("{\"stored\":0,\"duplicates\":0}");
    }
}
