package io.tillbridge.ui.home;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.locations.LocationDraft;
import io.tillbridge.locations.LocationService;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HomeViewIT {

    private static ApplicationContext context;
    private PortalSession session;

    @BeforeAll
    static void start() {
        context = TestContexts.run();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void signIn() {
        String owner = PortalFixture.signUp(context, "Home Test Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void a_new_tenant_sees_its_status_and_every_step_to_do() {
        UI.getCurrent().navigate("home");
        HomeView home = _get(HomeView.class);

        assertThat(home.status.getText()).startsWith("Home Test Bakery · free plan · active");
        assertThat(home.steps).extracting(HomeView.Step::id).containsExactly("profile", "locations", "connect", "integrate");
        assertThat(home.steps).noneMatch(HomeView.Step::done);
        assertThat(home.progress.getText()).isEqualTo("0 of 4 steps done.");
    }

    @Test
    void a_step_the_tenant_has_done_is_marked_done_in_words() {
        context.getBean(LocationService.class).create(session.admit(context.getBean(TenantAccess.class)),
                new LocationDraft("Harbour Street", ZoneId.of("Europe/Dublin"), 4));

        UI.getCurrent().navigate("home");
        HomeView home = _get(HomeView.class);

        assertThat(home.steps).filteredOn(HomeView.Step::done).extracting(HomeView.Step::id).containsExactly("locations");
        assertThat(home.progress.getText()).isEqualTo("1 of 4 steps done.");
        assertThat(home.checklist.getElement().getChild(1).getTextRecursively()).contains("Done", "Locations");
        assertThat(home.checklist.getElement().getChild(0).getTextRecursively()).contains("To do");
    }

    @Test
    void the_checklist_leads_to_the_setup_wizard() {
        UI.getCurrent().navigate("home");
        HomeView home = _get(HomeView.class);

        assertThat(_get(home, com.vaadin.flow.component.html.Anchor.class, spec -> spec.withId("home-get-started"))
                .getHref()).isEqualTo("get-started");
        assertThat(home.steps).filteredOn(step -> step.id().equals("integrate")).singleElement()
                .extracting(HomeView.Step::link).isEqualTo("get-started");
        assertThat(_get(com.vaadin.flow.component.sidenav.SideNav.class).getItems().get(0).getLabel())
                .as("the side navigation's first item").isEqualTo("Get started");
    }

    @Test
    void the_health_of_each_integration_shows_worst_first_in_words_with_why() {
        UI.getCurrent().navigate("home");
        assertThat(_get(HomeView.class).healthList.summary.getText()).startsWith("No integrations yet");

        io.tillbridge.tenants.TenantId tenant = session.currentTenant().orElseThrow();
        java.util.UUID failing = java.util.UUID.randomUUID();
        java.util.UUID healthy = java.util.UUID.randomUUID();
        context.getBean(io.tillbridge.tenants.TenantTransactions.class).write(tenant, c -> {
            for (java.util.UUID id : java.util.List.of(healthy, failing)) {
                io.tillbridge.platform.internal.Sql.update(c, "INSERT INTO integrations (tenant_id, id, name,"
                        + " source_connection_id, source_stream, target_connection_id, target_object) VALUES (?, ?, ?, ?,"
                        + " 'orders', ?, 'orders')", tenant.value(), id, id.equals(failing) ? "Orders" : "Items",
                        java.util.UUID.randomUUID(), java.util.UUID.randomUUID());
            }
            io.tillbridge.platform.internal.Sql.update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status,"
                    + " started_at, finished_at, records_read, records_written) VALUES (?, ?, ?, 'manual', 'succeeded',"
                    + " now() - interval '2 minutes', now() - interval '1 minute', 10, 10)", tenant.value(),
                    java.util.UUID.randomUUID(), healthy);
            for (int i = 1; i <= 3; i++) {
                io.tillbridge.platform.internal.Sql.update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger,"
                        + " status, started_at, finished_at) VALUES (?, ?, ?, 'manual', 'failed', now() - ? * interval '1 hour',"
                        + " now() - ? * interval '1 hour')", tenant.value(), java.util.UUID.randomUUID(), failing, i, i);
            }
            return null;
        });
        UI.getCurrent().navigate("settings");
        UI.getCurrent().navigate("home");
        HomeView home = _get(HomeView.class);

        assertThat(home.healthList.summary.getText()).startsWith("2 integrations: 1 failing, 1 healthy.");
        assertThat(home.healthList.items.getElement().getChild(0).getTextRecursively())
                .contains("Failing", "Orders", "The last 3 runs failed.", "0 open errors");
        assertThat(home.healthList.items.getElement().getChild(1).getTextRecursively())
                .contains("Healthy", "Items", "records failed in 24 h: 0.00%");
        assertThat(_get(home, com.vaadin.flow.component.html.Anchor.class, spec -> spec.withText("Orders (shadow)"))
                .getHref()).isEqualTo("integrations/" + failing);
    }

    @Test
    void a_failing_connection_shows_with_why_and_a_link_and_freshness_per_location_in_words() {
        io.tillbridge.tenants.TenantId tenant = session.currentTenant().orElseThrow();
        java.util.UUID connection = java.util.UUID.randomUUID();
        java.util.UUID integration = java.util.UUID.randomUUID();
        context.getBean(io.tillbridge.tenants.TenantTransactions.class).write(tenant, c -> {
            io.tillbridge.platform.internal.Sql.update(c, "INSERT INTO connections (tenant_id, id, connector_id, name)"
                    + " VALUES (?, ?, 'http-json', 'Till API')", tenant.value(), connection);
            io.tillbridge.platform.internal.Sql.update(c, "INSERT INTO connection_checks (tenant_id, connection_id,"
                    + " checked_at, ok, category, message, failing_since) VALUES (?, ?, now(), false, 'AUTH',"
                    + " 'the token was refused (401)', now() - interval '1 hour')", tenant.value(), connection);
            io.tillbridge.platform.internal.Sql.update(c, "INSERT INTO integrations (tenant_id, id, name,"
                    + " source_connection_id, source_stream, target_connection_id, target_object) VALUES (?, ?, 'Sales', ?,"
                    + " 'orders', ?, 'orders')", tenant.value(), integration, connection, java.util.UUID.randomUUID());
            io.tillbridge.platform.internal.Sql.update(c, "INSERT INTO runs (tenant_id, id, integration_id, trigger, status,"
                    + " started_at, finished_at, records_read, records_written) VALUES (?, ?, ?, 'manual', 'succeeded',"
                    + " now() - interval '2 minutes', now() - interval '1 minute', 10, 10)", tenant.value(),
                    java.util.UUID.randomUUID(), integration);
            io.tillbridge.platform.internal.Sql.update(c, "INSERT INTO source_freshness (tenant_id, integration_id, location,"
                    + " newest_record_at, arrived_at) VALUES (?, ?, 'L-DOWNTOWN', now() - interval '125 minutes', now())",
                    tenant.value(), integration);
            return null;
        });
        UI.getCurrent().navigate("settings");
        UI.getCurrent().navigate("home");
        HomeView home = _get(HomeView.class);

        assertThat(home.healthList.connectionSummary.getText()).isEqualTo("Connections: 1 failing.");
        assertThat(home.healthList.connectionItems.getElement().getChild(0).getTextRecursively())
                .contains("Failing", "Till API", "(AUTH): the token was refused (401)");
        assertThat(_get(home, com.vaadin.flow.component.html.Anchor.class, spec -> spec.withText("Till API")).getHref())
                .isEqualTo("connections/" + connection);
        assertThat(home.healthList.items.getElement().getChild(0).getTextRecursively())
                .contains("Degraded", "The connection Till API fails its check (AUTH)",
                        "newest record, stalest location first: L-DOWNTOWN 2 h 5 min old");
    }
}
