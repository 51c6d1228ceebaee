package io.tillbridge.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Map;

/** A real SMTP server (GreenMail) on a free port of 127.0.0.1 for the platform under test to mail to. */
public final class LocalMailServer {

    private LocalMailServer() {
    }

    /** A started server; the test stops it. */
    public static GreenMail start() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        return smtp;
    }

    /** The platform's mail settings that send to {@code smtp}. */
    public static Map<String, String> settings(GreenMail smtp) {
        return Map.of("tillbridge.mail.smtp.host", "127.0.0.1",
                "tillbridge.mail.smtp.port", Integer.toString(smtp.getSmtp().getPort()));
    }
}
