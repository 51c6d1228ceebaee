package io.tillbridge.connector.square.sandbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The sandbox's rate limit: at most {@code requestBudget} requests per access token in each window
 * of {@code budgetWindow} on the sandbox's clock; beyond it 429 with {@code RATE_LIMITED} (category
 * {@code RATE_LIMIT_ERROR}), as Square answers. Square publishes no numbers, so the budget is a
 * sandbox option (off by default).
 */
final class RequestBudget {

    private record Window(Instant start, int used) {
    }

    private final SquareSandboxOptions options;
    private final SandboxData data;
    private final Map<String, Window> windows = new HashMap<>();

    RequestBudget(SquareSandboxOptions options, SandboxData data) {
        this.options = options;
        this.data = data;
    }

    synchronized void spend(String token) {
        if (options.requestBudget() == 0) {
            return;
        }
        Instant now = data.now();
        Window w = windows.get(token);
        if (w == null || !now.isBefore(w.start().plus(options.budgetWindow()))) {
            w = new Window(now, 0);
        }
        if (w.used() >= options.requestBudget()) {
            windows.put(token, w);
            throw new SquareApiException(429, "RATE_LIMIT_ERROR", "RATE_LIMITED",
                    "Too many requests for this access token; retry with exponential backoff", null);
        }
        windows.put(token, new Window(w.start(), w.used() + 1));
    }
}
