package io.tillbridge.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.EgressPolicy;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.testing.ManualClock;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The platform's running sandboxes, with the Square sandbox found through ServiceLoader on
 * loopback: how many run, when they stop, their seeds, and what their connections may reach.
 */
class SandboxConnectionsIT {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T09:00:00Z"));
    private final SandboxConnections sandboxes = new SandboxConnections(
            new PlatformEgress("", EgressPolicy.DEFAULT_MAX_RESPONSE_BYTES, "", "", -1, 0, 0), clock, 2,
            Duration.ofMinutes(30));
    private final TenantId a = new TenantId(UUID.randomUUID());
    private final TenantId b = new TenantId(UUID.randomUUID());
    private final TenantId c = new TenantId(UUID.randomUUID());

    @AfterEach
    void stop() {
        sandboxes.shutdown();
    }

    @Test
    void one_sandbox_runs_per_tenant_and_connector_and_is_reused() {
        SandboxConnections.Running first = sandboxes.running(a, "square");

        assertThat(sandboxes.running(a, "square")).isSameAs(first);
        assertThat(sandboxes.running(b, "square")).isNotSameAs(first);
        assertThat(sandboxes.runningCount()).isEqualTo(2);
    }

    @Test
    void at_most_the_configured_number_run_and_the_least_recently_used_one_is_stopped_for_a_new_one() {
        SandboxConnections.Running ofA = sandboxes.running(a, "square");
        SandboxConnections.Running ofB = sandboxes.running(b, "square");
        sandboxes.running(a, "square");

        SandboxConnections.Running ofC = sandboxes.running(c, "square");

        assertThat(sandboxes.runningCount()).isEqualTo(2);
        assertThat(ofB.stopped()).isTrue();
        assertThat(ofA.stopped()).isFalse();
        assertThat(ofC.stopped()).isFalse();
    }

    @Test
    void an_idle_sandbox_is_stopped_and_its_connection_loses_the_way_to_it() {
        UUID connection = UUID.randomUUID();
        SandboxConnections.Running running = sandboxes.running(a, "square");
        sandboxes.adopt(running, a, connection);
        clock.advance(Duration.ofMinutes(20));
        sandboxes.stopIdle();
        assertThat(running.stopped()).isFalse();
        assertThat(sandboxes.egress(a, connection)).isPresent();

        clock.advance(Duration.ofMinutes(31));
        sandboxes.stopIdle();

        assertThat(running.stopped()).isTrue();
        assertThat(sandboxes.runningCount()).isZero();
        assertThat(sandboxes.egress(a, connection)).isEmpty();
        assertThat(sandboxes.adoptedByRunning(a, connection, running.sandbox().connectionConfig())).isFalse();
    }

    @Test
    void a_connection_counts_as_adopted_only_while_its_config_points_at_the_running_sandbox() {
        UUID connection = UUID.randomUUID();
        SandboxConnections.Running running = sandboxes.running(a, "square");
        sandboxes.adopt(running, a, connection);

        assertThat(sandboxes.adoptedByRunning(a, connection, running.sandbox().connectionConfig())).isTrue();
        assertThat(sandboxes.adoptedByRunning(a, connection, java.util.Map.of("baseUrl", "http://127.0.0.1:1")))
                .isFalse();
        assertThat(sandboxes.adoptedByRunning(b, connection, running.sandbox().connectionConfig())).isFalse();
    }

    @Test
    void a_sandbox_connection_reaches_its_sandbox_and_nothing_else_of_loopback() throws UnknownHostException {
        UUID connection = UUID.randomUUID();
        SandboxConnections.Running mine = sandboxes.running(a, "square");
        SandboxConnections.Running theirs = sandboxes.running(b, "square");
        sandboxes.adopt(mine, a, connection);
        EgressPolicy egress = sandboxes.egress(a, connection).orElseThrow();
        int port = mine.sandbox().baseUrl().getPort();

        assertThat(egress.resolve("127.0.0.1", port)).hasSize(1);
        assertThat(refusal(egress, port + 1)).contains("a loopback address");
        assertThat(refusal(egress, theirs.sandbox().baseUrl().getPort())).contains("a loopback address");
        assertThat(sandboxes.egress(b, connection)).isEmpty();
        assertThat(sandboxes.egress(a, UUID.randomUUID())).isEmpty();
    }

    @Test
    void the_seed_is_the_same_for_a_tenant_and_connector_at_every_start_and_differs_between_tenants() {
        assertThat(SandboxConnections.seed(a, "square")).isEqualTo(SandboxConnections.seed(
                new TenantId(a.value()), "square"));
        assertThat(SandboxConnections.seed(a, "square")).isNotEqualTo(SandboxConnections.seed(b, "square"));
        assertThat(SandboxConnections.seed(a, "square")).isNotEqualTo(SandboxConnections.seed(a, "clover"));
    }

    @Test
    void a_connector_without_a_sandbox_is_refused_with_a_validation_problem() {
        assertThat(sandboxes.offers("square")).isTrue();
        assertThatThrownBy(() -> sandboxes.running(a, "http-json")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.type()).isEqualTo(ProblemType.VALIDATION_FAILED));
    }

    private static String refusal(EgressPolicy egress, int port) {
        try {
            egress.resolve("127.0.0.1", port);
        } catch (ConnectorException e) {
            return e.getMessage();
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("port " + port + " was not refused");
    }
}
