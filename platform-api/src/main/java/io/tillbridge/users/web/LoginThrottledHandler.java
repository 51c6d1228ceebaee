package io.tillbridge.users.web;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.tillbridge.users.LoginThrottledException;
import jakarta.inject.Singleton;

/** Answers a throttled sign-in with 429, the rate-limited problem, and {@code Retry-After} in seconds. */
@Produces
@Singleton
public class LoginThrottledHandler implements ExceptionHandler<LoginThrottledException, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    public LoginThrottledHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, LoginThrottledException exception) {
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(exception.type().status())
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds())));
    }
}
