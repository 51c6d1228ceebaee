package io.tillbridge.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.DefaultErrorHandler;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.ErrorHandler;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import io.tillbridge.problems.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user action that meets a database outage (a restart, a failover) is answered with a readable
 * notice instead of Vaadin's internal-error message (DD-020); every other error goes to Vaadin's
 * default handling. Registered for every session through {@code META-INF/services}.
 */
public class OutageNotices implements VaadinServiceInitListener, ErrorHandler {

    /** What the user reads while the database cannot be reached. */
    public static final String TEXT = "Tillbridge is temporarily unavailable: its database cannot be reached right now."
            + " Nothing was saved; please try again in a few seconds.";
    private static final Logger LOG = LoggerFactory.getLogger(OutageNotices.class);
    private final ErrorHandler fallback = new DefaultErrorHandler();

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionInitListener(init -> init.getSession().setErrorHandler(this));
    }

    @Override
    public void error(ErrorEvent event) {
        if (DatabaseOutage.isCause(event.getThrowable()) && UI.getCurrent() != null) {
            LOG.warn("Database unreachable during a portal action: {}", event.getThrowable().toString());
            Notices.error(TEXT);
            return;
        }
        fallback.error(event);
    }
}
