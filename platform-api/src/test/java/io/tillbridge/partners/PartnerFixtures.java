package io.tillbridge.partners;

import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test data for the partner API, written with SQL as the owner role (users, tenants, memberships,
 * and, where a test is not about creating them, partners, keys and grants), and calls to the real
 * HTTP server through the {@link ApiClient}. Every name is random: all test classes of the JVM share one database.
 */
@jakarta.inject.Singleton
@io.micronaut.context.annotation.Requires(beans = ApiClient.class)
public final class PartnerFixtures {

    /** A signed-in user and its access token. */
    public record Person(UUID id, String email, String token) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiClient api;

    public PartnerFixtures(ApiClient api) {
        this.api = api;
    }

    public Person user() {
        UUID id = UUID.randomUUID();
        String email = "user-" + id.toString().substring(0, 8) + "@example.test";
        sql("INSERT INTO users (id, email, email_verified_at) VALUES (?, ?, now())", id, email);
        return new Person(id, email, api.token(id, email));
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

    public Response get(String path, String bearer) {
        return api.bearer(bearer).get(path);
    }

    public Response delete(String path, String bearer) {
        return api.bearer(bearer).delete(path);
    }

    public Response post(String path, String bearer, String body, String... headers) {
        return api.bearer(bearer).post(path, body, headers);
    }

    public Response send(String method, String path, String bearer, String body, String... headers) {
        return api.bearer(bearer).send(method, path, body, headers);
    }

    /** Creates a partner through the API as {@code owner}; returns its id. */
    public UUID createPartner(Person owner) {
        Response response = post("/api/v1/partners", owner.token(),
                "{\"name\":\"Acme " + UUID.randomUUID().toString().substring(0, 6) + "\",\"contactEmail\":\"dev@acme.example\"}");
        if (response.status() != 201) {
            throw new IllegalStateException("partner not created: " + response.status() + " " + response.body());
        }
        return UUID.fromString(String.valueOf(response.json().get("id")));
    }

    /** Creates a key through the API; returns the creating response. */
    public Response createKey(Person owner, UUID partner, String scopesJson, String... headers) {
        return post("/api/v1/partners/" + partner + "/keys", owner.token(),
                "{\"name\":\"sync\",\"scopes\":" + scopesJson + "}", headers);
    }
}
