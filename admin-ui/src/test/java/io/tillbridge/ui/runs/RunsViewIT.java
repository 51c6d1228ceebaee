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
        context = TestContexts.withConnections(Map.of("tillbridge.roles.worker", "false"));
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
    void a_shadow_run_shows_what_it_would_have_written_and_the_integration_goes_live_from_there() throws Exception {
        IntegrationService integrations = context.getBean(IntegrationService.class);
        Integration current = integrations.get(scope(), integration.id());
        integrations.update(scope(), integration.id(), current.version(), new IntegrationDraft(current.name(),
                current.sourceConnectionId(), current.sourceStream(), current.targetConnectionId(),
                current.targetObject(), "shadow", null));
        UUID tenant = session.requireTenant().value();
        try (java.sql.Connection c = io.tillbridge.migrations.testing.TestDatabase.shared().owner().connect()) {
            c.setAutoCommit(false);
            sql(c, "SELECT set_config('app.tenant_id', ?, true)", tenant.toString());
            sql(c, "UPDATE runs SET shadow = true WHERE id = ?", run);
            sql(c, "INSERT INTO shadow_changes (tenant_id, run_id, source_key, action, before, after, changed_fields)"
                    + " VALUES (?, ?, 'ord-1', 'update', '{\"total\": \"12.50\"}'::jsonb, '{\"total\": \"13.00\"}'::jsonb,"
                    + " '[\"total\"]'::jsonb)", tenant, run);
            sql(c, "INSERT INTO shadow_changes (tenant_id, run_id, source_key, action, after, changed_fields)"
                    + " VALUES (?, ?, 'ord-2', 'create', '{\"total\": \"4.00\"}'::jsonb, '[\"total\"]'::jsonb)", tenant, run);
            c.commit();
        }

        UI.getCurrent().navigate("runs/" + run);
        RunView view = _get(RunView.class);

        assertThat(view.shadowSummary.getText()).contains("created 1, changed 1 and left 0 records unchanged");
        assertThat(GridKt._size(view.shadowGrid)).isEqualTo(2);
        assertThat(java.util.stream.IntStream.range(0, 2).mapToObj(i -> GridKt._getFormatted(view.shadowGrid, i, "difference")))
                .containsExactlyInAnyOrder("total: 12.50 → 13.00", "total: 4.00");
        view.shadowAction.setValue("create");
        assertThat(GridKt._size(view.shadowGrid)).isEqualTo(1);
        assertThat(view.goLive.isVisible()).isTrue();

        view.goLive();

        assertThat(integrations.get(scope(), integration.id()).mode()).isEqualTo("live");
        assertThat(view.goLive.isVisible()).isFalse();
    }

    private static void sql(java.sql.Connection c, String statement, Object... parameters) throws java.sql.SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.execute();
        }
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
