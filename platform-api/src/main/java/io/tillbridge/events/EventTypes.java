package io.tillbridge.events;

import java.util.List;

/** The types of {@link PlatformEvent}: what partners and merchants can subscribe to. */
public final class EventTypes {

    public static final String RUN_SUCCEEDED = "run.succeeded";
    public static final String RUN_FAILED = "run.failed";
    public static final String RECORD_ERROR_OPENED = "record_error.opened";
    public static final String ALERT_OPENED = "alert.opened";
    public static final String ALERT_RESOLVED = "alert.resolved";
    public static final String CONNECTION_BROKEN = "connection.broken";
    public static final String DAY_CLOSED = "day.closed";

    /** Every type, in the order the API lists them. */
    public static final List<String> ALL = List.of(RUN_SUCCEEDED, RUN_FAILED, RECORD_ERROR_OPENED, ALERT_OPENED,
            ALERT_RESOLVED, CONNECTION_BROKEN, DAY_CLOSED);

    private EventTypes() {
    }
}
