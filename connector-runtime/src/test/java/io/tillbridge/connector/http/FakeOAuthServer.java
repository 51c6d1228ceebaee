package io.tillbridge.connector.http;

import io.tillbridge.testing.ScriptedApi;
import io.tillbridge.testing.ScriptedApi.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local OAuth2 token endpoint with rotating refresh tokens (RFC 6749, section 6; as Xero and
 * QuickBooks behave): the client authenticates with HTTP Basic, each refresh token works once and
 * is replaced by a new one, and a used, unknown or missing one answers 400
 * {@code {"error":"invalid_grant"}}. Only the access token issued last is valid. It can be slow,
 * so that concurrent refreshes overlap. A configuration of the {@link ScriptedApi}.
 */
public final class FakeOAuthServer implements AutoCloseable {

    public static final String CLIENT_ID = "client-7";
    public static final String CLIENT_SECRET = "client-secret-7";
    public static final String FIRST_REFRESH_TOKEN = "refresh-0";

    private final ScriptedApi server = ScriptedApi.start();
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final AtomicInteger invalidGrants = new AtomicInteger();
    private volatile String refreshToken = FIRST_REFRESH_TOKEN;
    private volatile String accessToken = "never-issued";
    private volatile long delayMillis;
    private int issued;

    public FakeOAuthServer() {
        server.route("/token", this::token);
    }

    public URI tokenUrl() {
        return server.uri("/token");
    }

    /** Each token request takes this long before it is answered. */
    public void delay(long millis) {
        delayMillis = millis;
    }

    /** The access token issued last: the only one the API accepts. */
    public boolean isCurrent(String token) {
        return token.equals(accessToken);
    }

    /** Token requests received. */
    public int calls() {
        return server.requests("/token").size();
    }

    /** Token requests refused with invalid_grant. */
    public int invalidGrants() {
        return invalidGrants.get();
    }

    private Reply token(ScriptedApi.Request request) throws InterruptedException {
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!request.header("Authorization").filter(basic::equals).isPresent()) {
            return Reply.json(401, "{\"error\":\"invalid_client\"}");
        }
        Map<String, String> form = request.form();
        if (!"refresh_token".equals(form.get("grant_type"))) {
            return Reply.json(400, "{\"error\":\"unsupported_grant_type\"}");
        }
        synchronized (this) {
            String presented = form.get("refresh_token");
            if (presented == null || !presented.equals(refreshToken) || !used.add(presented)) {
                invalidGrants.incrementAndGet();
                return Reply.json(400, "{\"error\":\"invalid_grant\"}");
            }
            issued++;
            refreshToken = "refresh-" + issued;
            accessToken = "access-" + issued;
            return Reply.ok("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":1800,"
                    + "\"refresh_token\":\"" + refreshToken + "\"}");
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
