package io.tillbridge.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpMethod;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.platform.TestDatabaseProperties;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Tenant isolation for every route of the public API, generated from the application's route
 * table: a new endpoint is covered without anyone remembering, and this test fails while a route
 * has no case in {@link RouteCases}. For each route, as it applies: tenant A's token on tenant B's
 * resource (404, recorded naming both tenants), a viewer writing (403), a partner key without a
 * grant (404), a suspended tenant (403 tenant-suspended), expired, tampered, foreign-key and
 * other-issuer tokens (401), and a spoofed tenant header and body field (ignored).
 */
@MicronautTest(transactional = false)
class RouteIsolationIT extends TestDatabaseProperties {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    @Inject
    Router router;

    @Inject
    EmbeddedServer server;

    @Inject
    AccessTokens tokens;

    private final HttpClient http = HttpClient.newHttpClient();
    private IsolationFixture fx;

    /**
     * One token calls every route in a test (the suspended tenant's owner, tenant A's owner): more than
     * a key's requests a minute. Rate limits have tests of their own (RateLimitsIT).
     */
    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.rate-limits.enabled", "false");
    }

    @BeforeAll
    void seed() {
        fx = IsolationFixture.create(tokens, server.getURI(), http);
    }

    @Test
    void every_api_route_has_an_isolation_case_and_every_case_a_route() {
        Set<String> routes = apiRoutes();
        Set<String> cases = RouteCases.all().keySet();
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(cases);
        Set<String> stale = new TreeSet<>(cases);
        stale.removeAll(routes);
        assertThat(missing).as("routes without an isolation case: add them to RouteCases").isEmpty();
        assertThat(stale).as("isolation cases whose route no longer exists").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> tenant_a_on_tenant_b_resources_answers_404() {
        return cases(c -> c.tenantScoped() || c.access() == RouteCase.Access.OWNED).map(c -> DynamicTest.dynamicTest(
                c.key(), () -> {
                    long before = fx.refusalsRecorded(fx.b().tenant());
                    HttpResponse<String> response = send(c, fx.b(), fx.a().ownerToken(), Map.of());
                    assertThat(response.statusCode()).as(c.key() + " " + response.body()).isEqualTo(404);
                    if (c.tenantScoped()) {
                        assertThat(fx.refusalsRecorded(fx.b().tenant()))
                                .as("a security event naming tenant B").isGreaterThan(before);
                        assertThat(fx.lastRefusalNames(fx.b().tenant(), fx.a().tenant()))
                                .as("the event names tenant A as the caller's").isTrue();
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> a_viewer_writing_answers_403() {
        return cases(c -> c.access() == RouteCase.Access.TENANT_WRITE).map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            HttpResponse<String> response = send(c, fx.b(), fx.b().viewerToken(), Map.of());
            assertThat(response.statusCode()).as(c.key() + " " + response.body()).isEqualTo(403);
            assertThat(response.body()).contains("/problems/forbidden");
        }));
    }

    @Test
    void every_member_management_route_is_refused_to_delegated_access() {
        Set<String> managing = RouteCases.all().values().stream()
                .filter(c -> c.access() == RouteCase.Access.TENANT_WRITE)
                .filter(c -> c.template().matches(".*/(members|invitations)(/.*)?"))
                .map(RouteCase::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(RouteCases.memberManagement()).containsExactlyInAnyOrderElementsOf(managing);
    }

    @TestFactory
    Stream<DynamicTest> delegated_access_managing_members_answers_403_delegated_access() {
        IsolationFixture.Delegates delegates = fx.delegatesOfB();
        return RouteCases.memberManagement().stream().sorted().map(key -> RouteCases.all().get(key)).flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.key() + " admin partner key", () -> assertDelegatedRefusal(c, delegates.adminPartnerKey())),
                DynamicTest.dynamicTest(c.key() + " confirmed impersonation",
                        () -> assertDelegatedRefusal(c, delegates.confirmedImpersonation()))));
    }

    private void assertDelegatedRefusal(RouteCase c, String credential) throws Exception {
        long before = fx.auditEntries(fx.b().tenant());
        HttpResponse<String> response = send(c, fx.b(), credential, Map.of());
        assertThat(response.statusCode()).as(c.key() + " " + response.body()).isEqualTo(403);
        assertThat(response.body()).contains("/problems/delegated-access");
        assertThat(fx.auditEntries(fx.b().tenant())).as("nothing changed in tenant B").isEqualTo(before);
    }

    @TestFactory
    Stream<DynamicTest> a_partner_key_without_a_grant_answers_404() {
        return cases(RouteCase::tenantScoped).map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            HttpResponse<String> response = send(c, fx.b(), fx.ungrantedPartnerKey(), Map.of());
            assertThat(response.statusCode()).as(c.key() + " " + response.body()).isEqualTo(404);
        }));
    }

    @TestFactory
    Stream<DynamicTest> a_suspended_tenant_answers_403_tenant_suspended() {
        return cases(RouteCase::tenantScoped).map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            HttpResponse<String> response = send(c, fx.suspended(), fx.suspended().ownerToken(), Map.of());
            assertThat(response.statusCode()).as(c.key() + " " + response.body()).isEqualTo(403);
            assertThat(response.body()).contains("/problems/tenant-suspended");
        }));
    }

    @TestFactory
    Stream<DynamicTest> expired_tampered_foreign_and_other_issuer_tokens_answer_401() {
        return cases(RouteCase::authenticated).flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.key() + " expired", () -> assert401(c, ForgedTokens.expired(fx.a().owner(), "a@x.test"))),
                DynamicTest.dynamicTest(c.key() + " tampered", () -> assert401(c, ForgedTokens.tampered(fx.a().ownerToken(), fx.b().owner()))),
                DynamicTest.dynamicTest(c.key() + " other key", () -> assert401(c, ForgedTokens.otherKey(fx.a().owner(), "a@x.test"))),
                DynamicTest.dynamicTest(c.key() + " other issuer", () -> assert401(c, ForgedTokens.otherIssuer(fx.a().owner(), "a@x.test"))),
                DynamicTest.dynamicTest(c.key() + " none", () -> assert401(c, null))));
    }

    @TestFactory
    Stream<DynamicTest> a_spoofed_tenant_header_or_body_field_is_ignored() {
        return cases(c -> c.access() == RouteCase.Access.TENANT_WRITE).map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            long bChanges = fx.auditEntries(fx.b().tenant());
            HttpResponse<String> response = send(c, fx.a(), fx.a().ownerToken(),
                    Map.of("X-Tenant-Id", fx.b().tenant().toString(), "Tillbridge-Tenant", fx.b().tenant().toString()),
                    true);
            assertThat(response.statusCode()).as(c.key() + " " + response.body()).isLessThan(500);
            assertThat(fx.auditEntries(fx.b().tenant())).as("nothing happened in tenant B").isEqualTo(bChanges);
        }));
    }

    @TestFactory
    Stream<DynamicTest> support_routes_refuse_merchants() {
        return cases(c -> c.access() == RouteCase.Access.STAFF).map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            HttpResponse<String> response = send(c, fx.b(), fx.b().ownerToken(), Map.of());
            assertThat(response.statusCode()).as(c.key() + " " + response.body()).isEqualTo(403);
        }));
    }

    @TestFactory
    Stream<DynamicTest> partner_routes_refuse_user_tokens() {
        return cases(c -> c.access() == RouteCase.Access.PARTNER).map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            HttpResponse<String> response = send(c, fx.b(), fx.b().ownerToken(), Map.of());
            assertThat(response.statusCode()).as(c.key() + " " + response.body()).isIn(401, 403);
        }));
    }

    @TestFactory
    Stream<DynamicTest> public_routes_answer_without_a_server_error() {
        return cases(c -> c.access() == RouteCase.Access.PUBLIC).map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            HttpResponse<String> response = send(c, fx.a(), null, Map.of());
            assertThat(response.statusCode()).as(c.key() + " " + response.body()).isLessThan(500);
        }));
    }

    private void assert401(RouteCase c, String token) throws Exception {
        HttpResponse<String> response = send(c, fx.a(), token, Map.of());
        assertThat(response.statusCode()).as(c.key() + " " + response.body()).isEqualTo(401);
    }

    private Stream<RouteCase> cases(Predicate<RouteCase> filter) {
        return RouteCases.all().values().stream().filter(filter);
    }

    private Set<String> apiRoutes() {
        return router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/v1"))
                // HEAD is derived from GET by the router and behaves like it.
                .filter(r -> r.getHttpMethod() != HttpMethod.HEAD)
                .map(RouteIsolationIT::key)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String key(UriRouteInfo<?, ?> route) {
        String template = route.getUriMatchTemplate().toString().replaceAll("\\{([^}:/]+):[^}]*}", "{$1}");
        return route.getHttpMethod().name() + " " + template;
    }

    private HttpResponse<String> send(RouteCase c, IsolationFixture.World world, String token, Map<String, String> headers)
            throws Exception {
        return send(c, world, token, headers, false);
    }

    private HttpResponse<String> send(RouteCase c, IsolationFixture.World world, String token, Map<String, String> headers,
            boolean spoofBody) throws Exception {
        Matcher m = VARIABLE.matcher(c.template());
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(path, Matcher.quoteReplacement(fx.value(m.group(1), world)));
        }
        m.appendTail(path);
        String body = c.body() == null ? null : fx.expand(c.body(), world);
        if (body != null && spoofBody && body.startsWith("{")) {
            body = "{\"tenantId\":\"" + fx.b().tenant() + "\"," + body.substring(1);
        }
        URI uri = server.getURI().resolve(path.toString());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .method(c.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (HttpMethod.PUT.name().equals(c.method()) || HttpMethod.PATCH.name().equals(c.method())
                || HttpMethod.DELETE.name().equals(c.method())) {
            builder.header("If-Match", fx.currentETag(c, world, path.toString()));
        }
        headers.forEach(builder::header);
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
