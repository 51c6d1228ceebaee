package io.tillbridge.connector.rest;

import java.time.Duration;

/** Waits. Injected so that tests can observe waits instead of spending them. */
@FunctionalInterface
public interface Sleeper {

    /** Sleeps on the current thread. */
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
