package io.tillbridge.users;

import io.micronaut.context.env.Environment;
import io.tillbridge.mail.Mail;
import io.tillbridge.mail.Mailer;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail that accounts receive: email verification and password reset links into the portal
 * ({@code tillbridge.portal.url}, default {@value #DEFAULT_PORTAL_URL}). The portal's address is
 * read at sending time, because the launcher sets it only once the portal has started. A mail that
 * cannot be sent is logged, not thrown: the account change stands, and the person can ask again.
 */
@Singleton
public class AccountMail {

    public static final String PORTAL_URL = "tillbridge.portal.url";
    public static final String DEFAULT_PORTAL_URL = "http://localhost:8080";
    private static final Logger LOG = LoggerFactory.getLogger(AccountMail.class);

    private final Mailer mailer;
    private final Environment environment;

    public AccountMail(Mailer mailer, Environment environment) {
        this.mailer = mailer;
        this.environment = environment;
    }

    /** The link that verifies an email address with {@code token}. */
    public String verificationLink(String token) {
        return portalUrl() + "/verify-email?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** The link that lets a person choose a new password with {@code token}. */
    public String passwordResetLink(String token) {
        return portalUrl() + "/reset-password?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public void sendVerification(String to, String name, String token) {
        send(new Mail(to, "Confirm your email address for Tillbridge", greeting(name)
                + "Please confirm your email address by opening this link within 24 hours:\n\n"
                + verificationLink(token) + "\n\n"
                + "If you did not sign up for Tillbridge, you can ignore this message.\n"));
    }

    public void sendPasswordReset(String to, String name, String token) {
        send(new Mail(to, "Reset your Tillbridge password", greeting(name)
                + "Someone (hopefully you) asked to reset the password of your Tillbridge account.\n"
                + "Choose a new password by opening this link within 1 hour:\n\n"
                + passwordResetLink(token) + "\n\n"
                + "The link works once. If you did not ask for it, ignore this message: your password stays as it is.\n"));
    }

    private void send(Mail mail) {
        try {
            mailer.send(mail);
        } catch (Mailer.MailException e) {
            LOG.warn("Account mail '{}' to {} was not sent: {}", mail.subject(), mail.to(), e.getMessage());
        }
    }

    private static String greeting(String name) {
        return (name == null || name.isBlank() ? "Hello" : "Hello " + name) + ",\n\n";
    }

    private String portalUrl() {
        return environment.getProperty(PORTAL_URL, String.class)
                .filter(url -> !url.isBlank())
                .orElse(DEFAULT_PORTAL_URL)
                .replaceAll("/+$", "");
    }
}
