package io.tillbridge.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;

/**
 * The portal's answers to a user action, as notifications: what was done, or why it was refused in
 * words the user can act on (the service's problem detail), never a stack trace.
 */
public final class Notices {

    /** What a stale write (412) says: someone else saved in between. */
    public static final String CHANGED_BY_SOMEONE_ELSE =
            "This was changed by someone else since you opened it. Reload to see the current version, then make your change again.";

    private Notices() {
    }

    /** Runs {@code action}; a refusal is shown and reported as {@code false}. */
    public static boolean attempt(Runnable action) {
        try {
            action.run();
            return true;
        } catch (ProblemException e) {
            refused(e);
            return false;
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return false;
        }
    }

    /** The message a refusal shows. */
    public static String message(ProblemException e) {
        return e.type() == ProblemType.PRECONDITION_FAILED ? CHANGED_BY_SOMEONE_ELSE : e.getMessage();
    }

    public static void refused(ProblemException e) {
        error(message(e));
    }

    public static void error(String text) {
        Notification notification = new Notification(text, 8_000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        notification.open();
    }

    public static void done(String text) {
        Notification notification = new Notification(text, 4_000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        notification.open();
    }
}
