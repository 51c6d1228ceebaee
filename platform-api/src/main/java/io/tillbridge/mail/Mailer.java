package io.tillbridge.mail;

/**
 * Sends mail: over SMTP when {@code tillbridge.mail.smtp.host} is configured, otherwise into the
 * log, so that on a laptop without a mail server a newcomer can still follow verification links.
 */
public interface Mailer {

    /** Sends {@code mail}; throws {@link MailException} when the server refuses it. */
    void send(Mail mail);

    /** Where mail goes, for the start-up message (e.g. "SMTP smtp.example.com:587" or "the log"). */
    String destination();

    /** Mail could not be sent. */
    class MailException extends RuntimeException {
        public MailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
