package io.tillbridge.isolation;

/**
 * How one API route is reached, for the isolation test: which kind of caller it serves, and a
 * valid request body, so that a refusal can only come from access control, never from validation.
 *
 * @param method the HTTP method
 * @param template the route's URI template, e.g. {@code /api/v1/tenants/{tenantId}/locations}
 * @param access who the route serves
 * @param body a valid JSON body for the route, or null
 */
record RouteCase(String method, String template, Access access, String body) {

    /** Who a route serves. */
    enum Access {
        /** Anyone, signed in or not (signup, login, the API root). */
        PUBLIC,
        /** Any signed-in user; not tenant-scoped (the user's own profile). */
        USER,
        /** A signed-in user's own resource named in the path (a partner account it owns). */
        OWNED,
        /** A tenant's data, reading (any member role). */
        TENANT_READ,
        /** A tenant's data, changing it (a viewer is refused). */
        TENANT_WRITE,
        /** Support staff only. */
        STAFF,
        /** Partner API keys only. */
        PARTNER
    }

    String key() {
        return method + " " + template;
    }

    static RouteCase of(String method, String template, Access access) {
        return new RouteCase(method, template, access, null);
    }

    static RouteCase of(String method, String template, Access access, String body) {
        return new RouteCase(method, template, access, body);
    }

    boolean tenantScoped() {
        return access == Access.TENANT_READ || access == Access.TENANT_WRITE;
    }

    boolean authenticated() {
        return access != Access.PUBLIC;
    }
}
