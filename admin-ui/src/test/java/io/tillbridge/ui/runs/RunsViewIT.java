package io.tillbridge.ui.runs;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runs pages against a real database. This context has no worker role, so a queued run stays
 * queued; the connections are to the Square sandbox on loopback all the same.
 */
class RunsViewIT {

    private static ApplicationContext context;
    private PortalSession session;
    private Integration integration;
    private UUID run;

    @BeforeAll
    static void start() {
        context = TestContexts.run(Map.of("tillbridge.roles.worker", "false", "tillbridge.secrets.kek", "runs-test-kek:" + java.util.Base64.getEncoder()
                .encodeToString("tillbridge-runs-test-kek-0123456".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void anIntegrationWithAQueuedRun() {
        String owner = PortalFixture.signUp(context, "Runs Test Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
        TenantScope scope = scope();
        ConnectionService connections = context.getBean(ConnectionService.class);
        UUID source = connections.create(scope, new ConnectionDraft("square", "Till", Map.of(), true)).id();
        UUID target = connections.create(scope, new ConnectionDraft("square", "Stock", Map.of(), true)).id();
        IntegrationService integrations = context.getBean(IntegrationService.class);
        integration = integrations.create(scope, new IntegrationDraft("Orders to stock", source, "orders", target,
                "inventory_adjustments", "live", null));
        run = integrations.runNow(scope, integration.id());
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    private TenantScope scope() {
        return session.admit(context.getBean(TenantAccess.class));
    }

    @Test
    void the_runs_grid_lists_the_tenants_runs_with_status_and_trigger_in_words() {
        UI.getCurrent().navigate("runs");
        RunsView view = _get(RunsView.class);

        assertThat(GridKt._size(view.grid)).isEqualTo(1);
        assertThat(GridKt._getFormatted(view.grid, 0, "integration")).isEqualTo("Orders to stock");
        assertThat(GridKt._getFormatted(view.grid, 0, "status")).isEqualTo("Waiting to start");
        assertThat(GridKt._getFormatted(view.grid, 0, "trigger")).isEqualTo("Run now");
    }

    @Test
    void filters_narrow_the_runs() {
        UI.getCurrent().navigate("runs");
        RunsView view = _get(RunsView.class);

        view.status.setValue(RunStatus.SUCCEEDED);
        view.load();
        assertThat(GridKt._size(view.grid)).isZero();

        view.status.setValue(RunStatus.QUEUED);
        view.load();
        assertThat(GridKt._size(view.grid)).isEqualTo(1);
    }

    @Test
    void a_run_shows_its_detail_and_a_queued_run_can_be_cancelled() {
        UI.getCurrent().navigate("runs/" + run);
        RunView view = _get(RunView.class);
        assertThat(view.title.getText()).isEqualTo("Run of Orders to stock");
        assertThat(view.summary.getText()).startsWith("Waiting to start · Run now");
        assertThat(view.counts.getText()).isEqualTo("0 read · 0 written · 0 unchanged · 0 failed");
        assertThat(view.cancel.isVisible()).isTrue();

        view.cancel();

        RunView after = _get(RunView.class);
        assertThat(after.summary.getText()).startsWith("Cancelled");
        assertThat(after.cancel.isVisible()).isFalse();
        assertThat(after.replay.isVisible()).isTrue();
        assertThat(GridKt._size(after.events)).isGreaterThan(0);
    }

    @Test
    void another_tenants_run_is_not_found() {
        String path = "runs/" + run;
        MockPortal.tearDown();
        MockPortal.setUp(context);
        PortalFixture.signIn(context, PortalFixture.signUp(context, "Other Runs Bakery"));

        UI.getCurrent().navigate(path);

        assertThat(_get(RunView.class).getElement().getTextRecursively()).contains("There is no such run")
                .doesNotContain("Orders to stock");
    }
}
