package io.tillbridge.users;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.platform.TestDatabaseProperties;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Without an SMTP server, mail goes to the log: a newcomer on a laptop finds the verification link
 * there, and it works.
 */
@MicronautTest(transactional = false)
class SignupMailInTheLogIT extends TestDatabaseProperties {

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> mailLog = new ListAppender<>();

    @BeforeAll
    void capture_the_mail_log() {
        mailLog.start();
        ((Logger) LoggerFactory.getLogger("io.tillbridge.mail")).addAppender(mailLog);
    }

    @AfterAll
    void stop_capturing() {
        ((Logger) LoggerFactory.getLogger("io.tillbridge.mail")).detachAppender(mailLog);
    }

    @Test
    void the_verification_link_written_to_the_log_verifies_the_email() throws Exception {
        String email = "log-" + UUID.randomUUID() + "@example.test";
        post("/api/v1/signup", "{\"businessName\":\"Log Shop " + UUID.randomUUID() + "\",\"email\":\"" + email
                + "\",\"password\":\"" + IdentityFixture.PASSWORD + "\",\"name\":\"Lars\"}");

        String line = mailLog.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("To: " + email)).findFirst().orElseThrow();
        assertThat(line).contains("http://localhost:8080/verify-email?token=");
        String token = IdentityFixture.tokenIn(line, "verify-email");

        assertThat(post("/api/v1/auth/verify-email", "{\"token\":\"" + token + "\"}").statusCode()).isEqualTo(204);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
