package io.tillbridge.problems;

import io.micronaut.http.HttpStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The stable problem types of the API. A client may switch on {@link #uri()}: it never changes for
 * an error kind, whatever the wording of the detail. Each type is documented at its URI.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", "Bad request", HttpStatus.BAD_REQUEST,
            "The request could not be understood: a parameter has the wrong form."),
    MALFORMED_JSON("malformed-json", "Malformed JSON", HttpStatus.BAD_REQUEST,
            "The request body is not valid JSON, or a value has the wrong JSON type."),
    VALIDATION_FAILED("validation-failed", "Validation failed", HttpStatus.BAD_REQUEST,
            "One or more fields are invalid; the errors member lists each field and what is wrong."),
    UNAUTHORIZED("unauthorized", "Authentication required", HttpStatus.UNAUTHORIZED,
            "The request carries no valid credential: send a bearer token or an API key."),
    INVALID_CREDENTIALS("invalid-credentials", "Invalid credentials", HttpStatus.UNAUTHORIZED,
            "The email address or the password is not correct. The answer does not say which."),
    INVALID_SIGNATURE("invalid-signature", "Invalid signature", HttpStatus.UNAUTHORIZED,
            "The webhook's signature does not match its body, a signature header is missing, or its timestamp is"
                    + " more than 5 minutes away from now. Nothing was stored."),
    INVALID_TOKEN("invalid-token", "Invalid or expired token", HttpStatus.BAD_REQUEST,
            "The token from a mailed link is unknown, expired or already used; ask for a new link."),
    OAUTH_STATE_INVALID("oauth-state-invalid", "OAuth authorization not usable", HttpStatus.BAD_REQUEST,
            "The callback's state is missing, unknown, already used or expired (an authorization lives 10 minutes"
                    + " and works once). Nothing was stored; start connecting again."),
    OAUTH_DENIED("oauth-denied", "Access declined", HttpStatus.FORBIDDEN,
            "The merchant declined access at the vendor's authorization page, or the vendor answered an error"
                    + " instead of a grant. Nothing was stored; the authorization is used up."),
    FORBIDDEN("forbidden", "Forbidden", HttpStatus.FORBIDDEN,
            "The credential is valid but its role or scope does not allow this action."),
    DELEGATED_ACCESS("delegated-access", "Not with delegated access", HttpStatus.FORBIDDEN,
            "Partner API keys and support impersonation act for a tenant but cannot manage its members (invite,"
                    + " change roles, remove) or let partners in: delegated access must not be able to make itself"
                    + " permanent. An owner or admin of the tenant, signed in as themselves, does this."),
    TENANT_SUSPENDED("tenant-suspended", "Tenant suspended", HttpStatus.FORBIDDEN,
            "The tenant is suspended: its API calls and scheduled runs are stopped. Contact support."),
    NOT_FOUND("not-found", "Not found", HttpStatus.NOT_FOUND,
            "No resource exists at this URI for the caller's tenant."),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", HttpStatus.METHOD_NOT_ALLOWED,
            "The resource exists but does not support this HTTP method; the Allow header lists those it does."),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", HttpStatus.NOT_ACCEPTABLE,
            "The resource cannot be represented in a media type the Accept header allows."),
    CONFLICT("conflict", "Conflict", HttpStatus.CONFLICT,
            "The request conflicts with the current state of the resource."),
    LAST_OWNER("last-owner", "Last owner", HttpStatus.CONFLICT,
            "A tenant always keeps at least one owner: make another member owner before removing or demoting this one."),
    INVITATION_EXPIRED("invitation-expired", "Invitation no longer valid", HttpStatus.GONE,
            "The invitation expired, was revoked or was already accepted; ask a member of the tenant for a new one."),
    GONE("gone", "Gone", HttpStatus.GONE,
            "The resource existed but is no longer available."),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed", HttpStatus.PRECONDITION_FAILED,
            "The If-Match version is stale: fetch the resource again and retry with its current ETag."),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required", HttpStatus.PRECONDITION_REQUIRED,
            "Updates need an If-Match header with the resource's current ETag, so that no change is lost."),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", HttpStatus.REQUEST_ENTITY_TOO_LARGE,
            "The request body is larger than the API accepts."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "The request body's Content-Type is not one this endpoint accepts (usually application/json)."),
    UNPROCESSABLE("unprocessable", "Unprocessable request", HttpStatus.UNPROCESSABLE_ENTITY,
            "The request is well-formed but cannot be carried out as asked."),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", HttpStatus.UNPROCESSABLE_ENTITY,
            "This Idempotency-Key was already used with a different request body; use a new key for a new request."),
    SECRETS_REQUIRED("secrets-required", "Secrets must be given again", HttpStatus.UNPROCESSABLE_ENTITY,
            "The change moves the connection to another address (a URL, host or endpoint), so every stored secret of"
                    + " the connection must be given again in the same request: stored credentials are never sent to a"
                    + " new address. The errors member names each secret to give; nothing was changed."),
    TEMPLATE_NOT_APPLICABLE("template-not-applicable", "Template does not apply", HttpStatus.UNPROCESSABLE_ENTITY,
            "A connection named to install a template cannot play its part in it: the source's connector does not emit"
                    + " the canonical POS streams the template reads, or the target's connector is not one the template"
                    + " writes to (GET /api/v1/templates/{id} lists both). The errors member names the field; nothing"
                    + " was created."),
    CONNECTOR_FAILED("connector-failed", "Connector failed", HttpStatus.UNPROCESSABLE_ENTITY,
            "The connected system could not be reached or refused the request; the detail names the category"
                    + " (CONFIG, AUTH, TRANSIENT, SYSTEM) and what to do."),
    STORAGE_QUOTA_EXCEEDED("storage-quota-exceeded", "Storage quota exceeded", HttpStatus.INSUFFICIENT_STORAGE,
            "The tenant stores as many bytes of run records, shadow changes, webhook events, uploaded files and output"
                    + " rows as its cap allows (or an uploaded file would take it past its cap);"
                    + " nothing was stored. GET /api/v1/tenants/{tenantId}/storage shows the usage. Space comes back"
                    + " as retention purges old data, or when the cap is raised; a webhook sender's redelivery is"
                    + " then taken in."),
    RATE_LIMITED("rate-limited", "Too many requests", HttpStatus.TOO_MANY_REQUESTS,
            "The rate limit of the key or tenant is used up; retry after the Retry-After header's delay."),
    INTERNAL_ERROR("internal-error", "Internal error", HttpStatus.INTERNAL_SERVER_ERROR,
            "An unexpected error occurred on our side. Nothing was changed; quote the reference to support."),
    SERVICE_UNAVAILABLE("service-unavailable", "Service unavailable", HttpStatus.SERVICE_UNAVAILABLE,
            "A dependency such as the database is not reachable right now; retry later."),
    DATABASE_UNAVAILABLE("database-unavailable", "Database unavailable", HttpStatus.SERVICE_UNAVAILABLE,
            "The platform's database cannot be reached right now (a restart, a failover, a network fault)."
                    + " Nothing was stored; retry after the Retry-After header's delay.");

    /** Problem type URIs are relative to the API's origin, where each type is documented. */
    public static final String BASE = "/problems/";

    private final String slug;
    private final String title;
    private final HttpStatus status;
    private final String description;

    ProblemType(String slug, String title, HttpStatus status, String description) {
        this.slug = slug;
        this.title = title;
        this.status = status;
        this.description = description;
    }

    public String slug() {
        return slug;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    public HttpStatus status() {
        return status;
    }

    public String description() {
        return description;
    }

    public static Optional<ProblemType> bySlug(String slug) {
        return Arrays.stream(values()).filter(t -> t.slug.equals(slug)).findFirst();
    }

    /** The types that stand for a status as such; the others name one specific cause. */
    private static final List<ProblemType> GENERIC = List.of(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND,
            METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, CONFLICT, GONE, PRECONDITION_FAILED, PRECONDITION_REQUIRED,
            PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, UNPROCESSABLE, RATE_LIMITED, INTERNAL_ERROR, SERVICE_UNAVAILABLE);

    /** The generic type for a status that no specific cause explains. */
    public static ProblemType forStatus(int status) {
        return GENERIC.stream()
                .filter(t -> t.status.getCode() == status)
                .findFirst()
                .orElse(status >= 500 ? INTERNAL_ERROR : BAD_REQUEST);
    }
}
