package io.tillbridge.problems;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.codec.CodecException;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every error response of the HTTP server (routing errors such as 404, 405 and 415, body
 * decoding errors, validation errors, and unhandled exceptions) into an RFC 9457 problem with a
 * stable type. Internal errors are logged with a reference and never leak their message.
 */
@Singleton
@Primary
@Replaces(ErrorResponseProcessor.class)
public class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponseProcessor.class);

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Throwable cause = context.getRootCause().orElse(null);
        if (response.code() >= 500 && !(cause instanceof ProblemException) && DatabaseOutage.isCause(cause)) {
            // An unreachable database is an outage to wait out, not a bug: 503 with Retry-After.
            LOG.warn("Database unreachable on {} {}: {}", context.getRequest().getMethod(),
                    context.getRequest().getPath(), cause.toString());
            ProblemException outage = DatabaseOutage.problem();
            response.status(outage.type().status());
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(outage.retryAfterSeconds().orElseThrow()));
            return respond(response, of(outage.type(), outage.type().status().getCode(), outage.getMessage(),
                    context.getRequest().getPath(), null, null));
        }
        return respond(response, problemFor(context, response.code()));
    }

    private static MutableHttpResponse<Problem> respond(MutableHttpResponse<?> response, Problem problem) {
        MutableHttpResponse<Problem> out = response.body(problem);
        out.contentType(Problem.MEDIA_TYPE);
        return out;
    }

    Problem problemFor(ErrorContext context, int status) {
        HttpRequest<?> request = context.getRequest();
        String instance = request.getPath();
        Throwable root = context.getRootCause().orElse(null);

        if (root instanceof ProblemException pe) {
            return of(pe.type(), status, pe.getMessage(), instance, pe.errors(), null);
        }
        if (root instanceof ConstraintViolationException cve) {
            List<Problem.FieldError> errors = cve.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
            return of(ProblemType.VALIDATION_FAILED, status, detail, instance, errors, null);
        }
        if (status == 400 && isMalformedBody(root)) {
            return of(ProblemType.MALFORMED_JSON, status, malformedDetail(root), instance, null, null);
        }
        if (status >= 500) {
            String reference = UUID.randomUUID().toString();
            if (root != null) {
                LOG.error("Internal error {} on {} {}", reference, request.getMethod(), instance, root);
            } else {
                LOG.error("Internal error {} on {} {}: {}", reference, request.getMethod(), instance, messages(context));
            }
            ProblemType type = ProblemType.forStatus(status);
            return of(type, status, type.description(), instance, null, reference);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = messages(context);
        return of(type, status, detail.isBlank() ? type.description() : detail, instance, null, null);
    }

    private static Problem of(ProblemType type, int status, String detail, String instance,
            List<Problem.FieldError> errors, String reference) {
        return new Problem(type.uri(), type.title(), status, detail, instance, errors, reference);
    }

    private static boolean isMalformedBody(Throwable root) {
        for (Throwable t = root; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CodecException || t instanceof ConversionErrorException
                    || t.getClass().getName().contains("Json") || t.getClass().getName().contains("Serde")) {
                return true;
            }
        }
        return false;
    }

    private static String malformedDetail(Throwable root) {
        for (Throwable t = root; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConversionErrorException cee) {
                return "The value of '" + cee.getArgument().getName() + "' has the wrong form or type.";
            }
        }
        return "The request body is not valid JSON for this endpoint. Check the syntax and the types of the values.";
    }

    private static String messages(ErrorContext context) {
        return context.getErrors().stream().map(Error::getMessage).distinct().collect(Collectors.joining("; "));
    }

    /** "create.request.name" (method, parameter, property) is reported as "name". */
    private static String fieldName(ConstraintViolation<?> violation) {
        List<String> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(Path.Node::toString)
                .toList();
        if (nodes.size() > 2) {
            return String.join(".", nodes.subList(2, nodes.size()));
        }
        return nodes.isEmpty() ? "" : nodes.get(nodes.size() - 1);
    }
}
