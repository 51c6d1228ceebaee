package io.tillbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The log mailer writes links to the log on a development machine, never in production mode. */
class LogMailerTest {

    private static final String LINK = "https://portal.example.test/reset-password?token=s3cr3t-reset-token";
    private final Logger logger = (Logger) LoggerFactory.getLogger("io.tillbridge.mail");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    @Test
    void in_production_mode_a_mail_is_not_written_to_the_log_and_its_link_stays_out() {
        new LogMailer("production").send(new Mail("ada@example.test", "Reset your password", "Open " + LINK));

        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("NOT sent").contains("TILLBRIDGE_MAIL_SMTP_HOST")
                .doesNotContain("s3cr3t-reset-token").doesNotContain(LINK);
    }

    @Test
    void in_dev_and_embedded_mode_the_mail_with_its_link_is_written_to_the_log() {
        new LogMailer("dev").send(new Mail("ada@example.test", "Reset your password", "Open " + LINK));
        new LogMailer("embedded").send(new Mail("ada@example.test", "Invitation", "Open " + LINK));

        assertThat(appender.list).hasSize(2)
                .allSatisfy(event -> assertThat(event.getFormattedMessage()).contains(LINK));
    }

    @Test
    void the_start_up_message_says_where_mail_goes() {
        assertThat(new LogMailer("production").destination()).startsWith("nowhere");
        assertThat(new LogMailer("embedded").destination()).startsWith("the log");
    }
}
