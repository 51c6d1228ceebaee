package io.tillbridge.mail;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Sends mail through the configured SMTP server (Jakarta Mail). */
@Singleton
@Requires(property = "tillbridge.mail.smtp.host")
class SmtpMailer implements Mailer {

    private final Session session;
    private final String from;
    private final String destination;

    SmtpMailer(@Value("${tillbridge.mail.smtp.host}") String host,
            @Value("${tillbridge.mail.smtp.port:25}") int port,
            @Value("${tillbridge.mail.smtp.user:}") String user,
            @Value("${tillbridge.mail.smtp.password:}") String password,
            @Value("${tillbridge.mail.smtp.starttls:false}") boolean startTls,
            @Value("${tillbridge.mail.from:Tillbridge <no-reply@tillbridge.local>}") String from) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        Authenticator authenticator = null;
        if (!user.isBlank()) {
            properties.put("mail.smtp.auth", "true");
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        this.session = Session.getInstance(properties, authenticator);
        this.from = from;
        this.destination = "SMTP " + host + ":" + port;
    }

    @Override
    public void send(Mail mail) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setText(mail.text(), StandardCharsets.UTF_8.name());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new MailException("Mail to " + mail.to() + " could not be sent: " + e.getMessage(), e);
        }
    }

    @Override
    public String destination() {
        return destination;
    }
}
