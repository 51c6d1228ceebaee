package io.tillbridge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ErrorEvent;
import com.vaadin.flow.server.VaadinSession;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A portal action that meets a database outage shows a readable notice, not an internal error. */
class OutageNoticesIT {

    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = TestContexts.run();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void portal() {
        MockPortal.setUp(context);
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void every_session_gets_the_outage_handler() {
        assertThat(VaadinSession.getCurrent().getErrorHandler()).isInstanceOf(OutageNotices.class);
    }

    @Test
    void an_action_that_meets_a_database_outage_shows_the_temporarily_unavailable_notice() {
        var outage = new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 1500ms"));

        VaadinSession.getCurrent().getErrorHandler().error(new ErrorEvent(outage));

        assertThat(UI.getCurrent()).isNotNull();
        NotificationsKt.expectNotifications(OutageNotices.TEXT);
    }

    @Test
    void any_other_error_gets_no_outage_notice() {
        VaadinSession.getCurrent().getErrorHandler().error(new ErrorEvent(new IllegalStateException("a bug")));

        NotificationsKt.expectNoNotifications();
    }
}
