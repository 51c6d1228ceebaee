package io.tillbridge.platform;

import com.icegreen.greenmail.util.GreenMail;
import io.tillbridge.testing.LocalMailServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * {@link TestDatabaseProperties} with a real SMTP server ({@link LocalMailServer}) that the platform
 * mails to, started before the context and stopped after the class. Extend it and add properties
 * with {@link #moreProperties()}.
 */
public abstract class TestMailProperties extends TestDatabaseProperties {

    /** The server the platform mails to. */
    protected GreenMail smtp;

    @Override
    protected final Map<String, String> extraProperties() {
        if (smtp == null) {
            smtp = LocalMailServer.start();
        }
        Map<String, String> properties = new HashMap<>(LocalMailServer.settings(smtp));
        properties.putAll(moreProperties());
        return properties;
    }

    /** Further properties of a test class. */
    protected Map<String, String> moreProperties() {
        return Map.of();
    }

    @AfterAll
    void stop_the_mail_server() {
        smtp.stop();
    }
}
