package io.tillbridge.connector.quickbooks.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Sandboxes for tests: a fixed clock, no throttles unless a test sets them. */
final class SandboxFixture {

    static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    private SandboxFixture() {
    }

    static QuickBooksSandbox start() {
        return QuickBooksSandbox.start(QuickBooksSandboxOptions.defaults().withLimits(0, 0)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    /** The id of the account with this number. */
    static String account(QuickBooksSandbox sandbox, String number) {
        return sandbox.entities("Account").stream().filter(a -> number.equals(a.path("AcctNum").asText()))
                .map(a -> a.path("Id").asText()).findFirst().orElseThrow();
    }

    static String item(QuickBooksSandbox sandbox, String name) {
        return sandbox.entities("Item").stream().filter(a -> name.equals(a.path("Name").asText()))
                .map(a -> a.path("Id").asText()).findFirst().orElseThrow();
    }

    static JsonNode error(SandboxClient.Answer answer) {
        return answer.body().path("Fault").path("Error").path(0);
    }
}
