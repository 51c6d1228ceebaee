package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestMailProperties;
import io.tillbridge.testing.Await;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the identity tests share: a real SMTP server (GreenMail, on a free port) that the platform
 * mails to, the real HTTP API, and helpers to sign up, read mail and sign in. Every test makes its
 * own users with random addresses, because the database is shared by all test classes of the JVM.
 */
abstract class IdentityFixture extends TestMailProperties {

    static final String PASSWORD = "correct horse battery staple";

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    // HTTP -------------------------------------------------------------------------------------

    HttpResponse<String> post(String path, Map<String, ?> body, String... headers) {
        return send("POST", path, body, headers);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    HttpResponse<String> send(String method, String path, Map<String, ?> body, String... headers) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(server.getURI().resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            if (body != null) {
                builder.header("Content-Type", "application/json");
            }
            if (headers.length > 0) {
                builder.headers(headers);
            }
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> body(HttpResponse<String> response) {
        try {
            return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException("Not a JSON object: " + response.body(), e);
        }
    }

    static String bearer(String accessToken) {
        return "Bearer " + accessToken;
    }

    static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"/problems/" + type + "\"");
    }

    // Accounts ---------------------------------------------------------------------------------

    static String randomEmail() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }

    static Map<String, Object> signupBody(String email, String businessName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("businessName", businessName);
        body.put("email", email);
        body.put("password", PASSWORD);
        body.put("name", "Maria Jensen");
        return body;
    }

    /** Signs up a new business with its owner at {@code email}; the answer's body. */
    Map<String, Object> signUp(String email) {
        HttpResponse<String> response = post("/api/v1/signup", signupBody(email, "Shop " + UUID.randomUUID()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return body(response);
    }

    HttpResponse<String> login(String email, String password) {
        return post("/api/v1/auth/login", Map.of("email", email, "password", password));
    }

    /** Signs in, expecting success; the session's body. */
    Map<String, Object> session(String email, String password) {
        HttpResponse<String> response = login(email, password);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return body(response);
    }

    // Mail -------------------------------------------------------------------------------------

    /** The texts of the mails received for {@code to}, waiting until there are at least {@code count}. */
    List<String> awaitMails(String to, int count) {
        return Await.until(Duration.ofSeconds(10), count + " mails to " + to, () -> mailsTo(to), texts -> texts.size() >= count);
    }

    List<String> mailsTo(String to) {
        List<String> texts = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                boolean forThem = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equalsIgnoreCase(to));
                if (forThem) {
                    texts.add(message.getContent().toString());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return texts;
    }

    /** The token of the link to {@code page} in the latest of {@code count} mails to {@code to}. */
    String mailedToken(String to, String page, int count) {
        List<String> texts = awaitMails(to, count);
        return tokenIn(texts.get(texts.size() - 1), page);
    }

    static String tokenIn(String text, String page) {
        Matcher m = Pattern.compile("/" + page + "\\?token=([A-Za-z0-9_-]+)").matcher(text);
        assertThat(m.find()).as("a link to /" + page + " in:\n" + text).isTrue();
        return m.group(1);
    }

    // Database, as the owner role, for what the API does not show --------------------------------

    /** Runs one statement as the schema owner; the number of rows changed. */
    static int ownerUpdate(String sql, Object... parameters) {
        try (Connection c = TestDatabase.shared().owner().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row of a query run as the schema owner, or null. */
    static Object ownerQuery(String sql, Object... parameters) {
        try (Connection c = TestDatabase.shared().owner().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getObject(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #ownerQuery}, inside a transaction scoped to {@code tenant} (for tenant tables). */
    static Object ownerQueryInTenant(Object tenant, String sql, Object... parameters) {
        try (Connection c = TestDatabase.shared().owner().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement scope = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenant.toString());
                scope.execute();
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getObject(1) : null;
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
