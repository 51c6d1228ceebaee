package io.tillbridge.connector.rest;

import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import java.util.List;
import java.util.function.Supplier;

/**
 * The two halves of a connector's {@code check} (after Camel's component verifier): the parameter
 * check, which makes no request, and the connectivity check, one cheap request. The other verbs
 * refuse a config with parameter problems before they make any request.
 */
public final class ConnectorCheck {

    private ConnectorCheck() {
    }

    /**
     * A {@code check}: a failed {@code CONFIG} result naming the parameter problems (the config's
     * {@code problems()}), else the result
     * of {@code probe}: ok, or what its {@link ConnectorException} says, or {@code SYSTEM} for any
     * other failure (named by its class only, so no secret in a message leaks). Never throws.
     */
    public static CheckResult run(Supplier<List<String>> parameters, Runnable probe) {
        try {
            List<String> problems = parameters.get();
            if (!problems.isEmpty()) {
                return CheckResult.failed(CheckResult.Status.CONFIG, String.join("; ", problems));
            }
            probe.run();
            return CheckResult.ok();
        } catch (ConnectorException e) {
            return e.toCheckResult();
        } catch (RuntimeException e) {
            return CheckResult.failed(CheckResult.Status.SYSTEM, "unexpected error: " + e.getClass().getSimpleName());
        }
    }

    /** Throws a {@code CONFIG} {@link ConnectorException} naming the parameter problems, if there are any. */
    public static void requireUsable(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConnectorException(Category.CONFIG, String.join("; ", problems));
        }
    }
}
