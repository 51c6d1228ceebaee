package io.tillbridge.partners;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.tillbridge.access.AccessTokens;
import io.tillbridge.migrations.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Test data for the partner API, written with SQL as the owner role (users, tenants, memberships,
 * and, where a test is not about creating them, partners, keys and grants), and calls to the real
 * HTTP server. Every name is random: all test classes of the JVM share one database.
 */
public final class PartnerFixtures {

    /** A signed-in user and its access token. */
    public record Person(UUID id, String email, String token) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccessTokens tokens;
    private final JsonMapper json;
    private final URI server;
    private final HttpClient http = HttpClient.newHttpClient();

    public PartnerFixtures(AccessTokens tokens, JsonMapper json, URI server) {
        this.tokens = tokens;
        this.json = json;
        this.server = server;
    }

    public Person user() {
        UUID id = UUID.randomUUID();
        String email = "user-" + id.toString().substring(0, 8) + "@example.test";
        sql("INSERT INTO users (id, email, email_verified_at) VALUES (?, ?, now())", id, email);
        return new Person(id, email, tokens.forUser(id, email, Optional.empty()).token());
    }

    public UUID tenant(String plan) {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO tenants (id, slug, name, plan) VALUES (?, ?, ?, ?)", id, "t-" + id.toString().substring(0, 13),
                "Shop " + id.toString().substring(0, 8), plan);
        return id;
    }

    public UUID tenant() {
        return tenant("free");
    }

    /** A tenant where {@code member} has {@code role}. */
    public UUID tenantOf(Person member, String role) {
        UUID tenant = tenant();
        member(tenant, member, role);
        return tenant;
    }

    public void member(UUID tenant, Person user, String role) {
        sql("INSERT INTO memberships (tenant_id, user_id, role) VALUES (?, ?, ?)", tenant, user.id(), role);
    }

    /** A partner owned by {@code owner}, written directly. */
    public UUID partner(Person owner) {
        UUID id = UUID.randomUUID();
        sql("INSERT INTO partners (id, name, contact_email, owner_user_id) VALUES (?, ?, ?, ?)", id,
                "Partner " + id.toString().substring(0, 8), "dev@example.test", owner.id());
        return id;
    }

    /** A key of {@code partner} with {@code scopes}, written directly; returns the full key. */
    public String key(UUID partner, String... scopes) {
        PartnerKeyToken token = PartnerKeyToken.generate(RANDOM);
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO partner_keys (id, partner_id, name, prefix,"
                        + " secret_hash, scopes) VALUES (?, ?, 'test key', ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, partner);
            ps.setString(3, token.prefix());
            ps.setBytes(4, token.secretHash());
            ps.setArray(5, c.createArrayOf("text", scopes));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return token.reveal();
    }

    /** A live grant of {@code tenant} to {@code partner}, written directly. */
    public void grant(UUID tenant, UUID partner) {
        sql("INSERT INTO partner_grants (tenant_id, partner_id) VALUES (?, ?)", tenant, partner);
    }

    public static void sql(String statement, Object... parameters) {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a query, each as a list of its columns' values. */
    public static List<List<Object>> rows(String query, Object... parameters) {
        try (Connection c = TestDatabase.shared().owner().connect();
                PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path, String bearer) {
        return send("GET", path, bearer, null);
    }

    public HttpResponse<String> delete(String path, String bearer) {
        return send("DELETE", path, bearer, null);
    }

    public HttpResponse<String> post(String path, String bearer, String body, String... headers) {
        return send("POST", path, bearer, body, headers);
    }

    public HttpResponse<String> send(String method, String path, String bearer, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON object body as a map. */
    public Map<String, Object> json(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The items of a page body (an empty page may omit them). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items(HttpResponse<String> response) {
        return (List<Map<String, Object>>) json(response).getOrDefault("items", List.of());
    }

    /** Creates a partner through the API as {@code owner}; returns its id. */
    public UUID createPartner(Person owner) {
        HttpResponse<String> response = post("/api/v1/partners", owner.token(),
                "{\"name\":\"Acme " + UUID.randomUUID().toString().substring(0, 6) + "\",\"contactEmail\":\"dev@acme.example\"}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("partner not created: " + response.statusCode() + " " + response.body());
        }
        return UUID.fromString(String.valueOf(json(response).get("id")));
    }

    /** Creates a key through the API; returns the creating response. */
    public HttpResponse<String> createKey(Person owner, UUID partner, String scopesJson, String... headers) {
        return post("/api/v1/partners/" + partner + "/keys", owner.token(),
                "{\"name\":\"sync\",\"scopes\":" + scopesJson + "}", headers);
    }
}
