package io.tillbridge.problems;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Answers the exceptions the data layer throws: 503 {@code database-unavailable} with Retry-After
 * when the database is unreachable ({@link DatabaseOutage}), else the usual 500 internal error
 * (logged with its reference by {@link ProblemResponseProcessor}). Handling them here, rather than
 * leaving them to the server's fallback, also keeps an outage from logging a stack trace per request.
 */
abstract class DatabaseFailureHandler<T extends RuntimeException> implements ExceptionHandler<T, HttpResponse<?>> {

    private final ErrorResponseProcessor<?> processor;

    DatabaseFailureHandler(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, T exception) {
        if (DatabaseOutage.isCause(exception)) {
            ProblemException outage = DatabaseOutage.problem();
            MutableHttpResponse<?> response = HttpResponse.status(outage.type().status());
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(outage.retryAfterSeconds().orElseThrow()));
            return processor.processResponse(ErrorContext.builder(request).cause(exception).build(), response);
        }
        return processor.processResponse(ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
    }

    /** Micronaut Data's wrapper of SQL errors (and of ours, see TenantTransactions). */
    @Produces
    @Singleton
    static class DataAccess extends DatabaseFailureHandler<io.micronaut.data.exceptions.DataAccessException> {
        DataAccess(ErrorResponseProcessor<?> processor) {
            super(processor);
        }
    }

    /** No connection could be had from the pool. */
    @Produces
    @Singleton
    static class NoConnection
            extends DatabaseFailureHandler<io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException> {
        NoConnection(ErrorResponseProcessor<?> processor) {
            super(processor);
        }
    }

    /** The same, from the transaction manager's side. */
    @Produces
    @Singleton
    static class NoTransactionConnection
            extends DatabaseFailureHandler<io.micronaut.transaction.jdbc.exceptions.CannotGetJdbcConnectionException> {
        NoTransactionConnection(ErrorResponseProcessor<?> processor) {
            super(processor);
        }
    }

    /** A connection that broke, or could not be opened, under a connection operation. */
    @Produces
    @Singleton
    static class Connection extends DatabaseFailureHandler<io.micronaut.data.connection.exceptions.ConnectionException> {
        Connection(ErrorResponseProcessor<?> processor) {
            super(processor);
        }
    }

    /** A transaction that could not begin, commit or roll back. */
    @Produces
    @Singleton
    static class Transaction extends DatabaseFailureHandler<io.micronaut.transaction.exceptions.TransactionException> {
        Transaction(ErrorResponseProcessor<?> processor) {
            super(processor);
        }
    }
}
