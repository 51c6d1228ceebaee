package io.tillbridge.mail;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes mail to the log when no SMTP server is configured (a laptop, a first try). In production
 * mode (DD-020) it never writes a mail's text: verification, password-reset and invitation links
 * are credentials, and logs are read by more people than the recipient. Such a mail is dropped with
 * a warning that names its recipient and subject only.
 */
@Singleton
@Requires(missingProperty = "tillbridge.mail.smtp.host")
class LogMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger("io.tillbridge.mail");
    private final boolean production;

    /** @param mode the platform mode ({@code tillbridge.mode}); a context without one is a development one */
    LogMailer(@Value("${tillbridge.mode:dev}") String mode) {
        this.production = "production".equals(mode.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public void send(Mail mail) {
        if (production) {
            LOG.warn("Mail to {} ({}) NOT sent: no SMTP server is configured, and in production mode mail (with its"
                    + " links) is never written to the log. Set TILLBRIDGE_MAIL_SMTP_HOST.", mail.to(), mail.subject());
            return;
        }
        LOG.info("Mail (no SMTP server configured, so it is written here)\n  To: {}\n  Subject: {}\n\n{}\n",
                mail.to(), mail.subject(), mail.text());
    }

    @Override
    public String destination() {
        return production ? "nowhere (production mode without SMTP server: set TILLBRIDGE_MAIL_SMTP_HOST)"
                : "the log (no SMTP server configured: set TILLBRIDGE_MAIL_SMTP_HOST)";
    }
}
