package io.tillbridge.platform.web;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthCheckType;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.health.HealthStatus;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Health for load balancers and probes on the public API port, when the management endpoints
 * (detailed health, metrics) live on their own port (DD-020): the status only, UP (200) or DOWN
 * (503), never which component is down or how it is configured.
 */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = "endpoints.all.port")
@Hidden
public class PublicHealthController {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HealthEndpoint health;

    public PublicHealthController(HealthEndpoint health) {
        this.health = health;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, String>> health() {
        return answer(health.getHealth(null));
    }

    @Get(uri = "/liveness", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, String>> liveness() {
        return answer(health.getHealth(null, HealthCheckType.LIVENESS));
    }

    @Get(uri = "/readiness", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<Map<String, String>> readiness() {
        return answer(health.getHealth(null, HealthCheckType.READINESS));
    }

    private static HttpResponse<Map<String, String>> answer(Publisher<HealthResult> result) {
        HealthStatus status;
        try {
            status = first(result).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).getStatus();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = HealthStatus.DOWN;
        } catch (Exception e) {
            status = HealthStatus.DOWN;
        }
        boolean down = HealthStatus.DOWN.equals(status) || status.getOperational().map(up -> !up).orElse(false);
        return HttpResponse.<Map<String, String>>status(down ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
                .body(Map.of("status", status.getName()));
    }

    private static CompletableFuture<HealthResult> first(Publisher<HealthResult> publisher) {
        CompletableFuture<HealthResult> first = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(HealthResult item) {
                first.complete(item);
            }

            @Override
            public void onError(Throwable error) {
                first.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                first.completeExceptionally(new IllegalStateException("no health result"));
            }
        });
        return first;
    }
}
