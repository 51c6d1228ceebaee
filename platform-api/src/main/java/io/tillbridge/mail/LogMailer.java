package io.tillbridge.mail;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes mail to the log when no SMTP server is configured (a laptop, a first try). */
@Singleton
@Requires(missingProperty = "tillbridge.mail.smtp.host")
class LogMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger("io.tillbridge.mail");

    @Override
    public void send(Mail mail) {
        LOG.info("Mail (no SMTP server configured, so it is written here)\n  To: {}\n  Subject: {}\n\n{}\n",
                mail.to(), mail.subject(), mail.text());
    }

    @Override
    public String destination() {
        return "the log (no SMTP server configured: set TILLBRIDGE_MAIL_SMTP_HOST)";
    }
}
