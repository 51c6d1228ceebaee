package io.tillbridge.ui.integrations;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.QueryParameters;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.scheduling.ScheduleService;
import io.tillbridge.templates.TemplateInstallDraft;
import io.tillbridge.templates.TemplateInstalls;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import io.tillbridge.ui.notfound.NotFoundView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The integrations pages against a real database. This context has no worker role, so a queued run
 * stays queued; the connections are to the Square sandbox, which these pages never call.
 */
class IntegrationsViewIT {

    private static ApplicationContext context;
    private PortalSession session;
    private UUID source;
    private UUID target;

    @BeforeAll
    static void start() {
        context = TestContexts.withConnections(Map.of("tillbridge.roles.worker", "false"));
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void signIn() {
        String owner = PortalFixture.signUp(context, "Integrations Test Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    private TenantScope scope() {
        return session.admit(context.getBean(TenantAccess.class));
    }

    private IntegrationService integrations() {
        return context.getBean(IntegrationService.class);
    }

    private void twoConnections() {
        ConnectionService connections = context.getBean(ConnectionService.class);
        source = connections.create(scope(), new ConnectionDraft("square", "Till", Map.of(), true)).id();
        target = connections.create(scope(), new ConnectionDraft("square", "Stock", Map.of(), true)).id();
    }

    private Integration anIntegration(String name) {
        return integrations().create(scope(), new IntegrationDraft(name, source, "orders", target,
                "inventory_adjustments", null, null));
    }

    /** An integration into an object the target does not describe, so that a mapping may name any fields. */
    private Integration aMappedIntegration() {
        return integrations().create(scope(), new IntegrationDraft("Orders copied", source, "orders", target,
                "order_copies", null, null));
    }

    private IntegrationView open(Integration integration) {
        UI.getCurrent().navigate("integrations/" + integration.id());
        return _get(IntegrationView.class);
    }

    private static void confirm(String id) {
        _click(_get(Button.class, spec -> spec.withId(id)));
    }

    @Test
    void an_integration_installed_from_a_template_says_so_in_the_list_and_on_its_page() {
        ConnectionService connections = context.getBean(ConnectionService.class);
        UUID pos = connections.create(scope(), new ConnectionDraft("square", "Till", Map.of("baseUrl",
                "http://127.0.0.1:9/", "accessToken", "not-a-token", "maxRetries", 0))).id();
        UUID warehouse = connections.create(scope(), new ConnectionDraft("postgres-warehouse", "Warehouse", Map.of(
                "jdbcUrl", "jdbc:postgresql://127.0.0.1:9/none", "user", "wh", "password", "pw-x", "schema", "wh"))).id();
        anIntegrationByHand(pos, warehouse);
        context.getBean(TemplateInstalls.class).install(scope(), "pos-orders-to-warehouse",
                new TemplateInstallDraft(pos, warehouse, null, null, false));

        UI.getCurrent().navigate("integrations");
        IntegrationsView view = _get(IntegrationsView.class);

        assertThat(GridKt._size(view.grid)).isEqualTo(3);
        assertThat(IntStream.range(0, 3).mapToObj(i -> GridKt._getFormatted(view.grid, i, "template")))
                .containsExactly("—", "pos-orders-to-warehouse, version 1", "pos-orders-to-warehouse, version 1");
        assertThat(view.fromTemplate.isVisible()).isTrue();
        Integration installed = integrations().list(scope(), Optional.empty(), 10).items().get(1);
        assertThat(open(installed).summary.getText()).isEqualTo("Shadow (writes nothing) · Active · Installed from"
                + " template pos-orders-to-warehouse, version 1");
    }

    private void anIntegrationByHand(UUID pos, UUID warehouse) {
        integrations().create(scope(), new IntegrationDraft("By hand", pos, "pos.orders", warehouse, "orders", null, null));
    }

    @Test
    void the_list_loads_page_after_page_as_it_scrolls_with_mode_status_mapping_and_last_run() {
        twoConnections();
        IntStream.range(0, IntegrationsView.PAGE_SIZE + 5).forEach(i -> anIntegration("Orders " + i));

        UI.getCurrent().navigate("integrations");
        IntegrationsView view = _get(IntegrationsView.class);

        assertThat(GridKt._size(view.grid)).isEqualTo(IntegrationsView.PAGE_SIZE + 5);
        assertThat(GridKt._getFormatted(view.grid, IntegrationsView.PAGE_SIZE + 4, "source")).isEqualTo("Till · orders");
        assertThat(GridKt._getFormatted(view.grid, 0, "target")).isEqualTo("Stock · inventory_adjustments");
        assertThat(GridKt._getFormatted(view.grid, 0, "mode")).isEqualTo("Shadow (writes nothing)");
        assertThat(GridKt._getFormatted(view.grid, 0, "status")).isEqualTo("Active");
        assertThat(GridKt._getFormatted(view.grid, 0, "mapping")).startsWith("Copies fields as they are");
        assertThat(GridKt._getFormatted(view.grid, 0, "last-run")).isEqualTo("No runs yet");
        assertThat(view.emptyState.isVisible()).isFalse();
    }

    @Test
    void a_row_shows_the_pinned_version_and_the_last_run() {
        twoConnections();
        Integration integration = aMappedIntegration();
        savedVersions(integration, 1);
        context.getBean(MappingVersions.class).pin(scope(), integration.id(), 1);
        integrations().runNow(scope(), integration.id());

        UI.getCurrent().navigate("integrations");
        IntegrationsView view = _get(IntegrationsView.class);

        assertThat(GridKt._getFormatted(view.grid, 0, "mapping")).isEqualTo("Version 1");
        assertThat(GridKt._getFormatted(view.grid, 0, "last-run")).startsWith("Waiting to start · ");
    }

    @Test
    void without_connections_the_empty_list_says_to_add_a_connection_first() {
        UI.getCurrent().navigate("integrations");
        IntegrationsView view = _get(IntegrationsView.class);

        assertThat(view.emptyState.isVisible()).isTrue();
        assertThat(view.grid.isVisible()).isFalse();
        assertThat(view.create.isVisible()).isFalse();
        assertThat(_get(view.emptyState, Anchor.class).getHref()).isEqualTo("connect");
    }

    @Test
    void with_connections_the_empty_list_offers_a_new_integration() {
        twoConnections();

        UI.getCurrent().navigate("integrations");
        IntegrationsView view = _get(IntegrationsView.class);

        assertThat(view.emptyState.getElement().getTextRecursively()).contains("New integration");
        assertThat(view.create.isVisible()).isTrue();
        _click(view.create);
        assertThat(_get(NewIntegrationView.class).form).isNotNull();
    }

    @Test
    void invalid_input_is_refused_at_the_fields_and_creates_nothing() {
        twoConnections();
        UI.getCurrent().navigate("integrations/new", QueryParameters.of("source", source.toString()));
        NewIntegrationView view = _get(NewIntegrationView.class);
        assertThat(view.form.source.getValue().id()).isEqualTo(source);

        view.form.maxErrors.setValue(-1);
        _click(view.create);

        assertThat(view.form.name.isInvalid()).isTrue();
        assertThat(view.form.name.getErrorMessage()).isEqualTo("Give the integration a name");
        assertThat(view.form.stream.isInvalid()).isTrue();
        assertThat(view.form.target.getErrorMessage()).isEqualTo("Choose the connection to write to");
        assertThat(view.form.maxErrors.isInvalid()).isTrue();
        assertThat(view.form.source.isInvalid()).isFalse();
        assertThat(integrations().list(scope(), Optional.empty(), Page.MAX_LIMIT).items()).isEmpty();
    }

    @Test
    void valid_input_creates_the_integration_in_shadow_mode_and_opens_its_page() {
        twoConnections();
        UI.getCurrent().navigate("integrations/new", QueryParameters.simple(Map.of("source", source.toString(),
                "target", target.toString())));
        NewIntegrationView view = _get(NewIntegrationView.class);
        assertThat(view.form.stream.getListDataView().getItems()).contains("orders");

        view.form.name.setValue("Orders to stock");
        view.form.stream.setValue("orders");
        view.form.object.setValue("inventory_adjustments");
        view.form.maxErrors.setValue(10);
        _click(view.create);

        Integration created = integrations().list(scope(), Optional.empty(), 10).items().get(0);
        assertThat(created.maxRecordErrors()).isEqualTo(10);
        assertThat(created.mode()).isEqualTo("shadow");
        IntegrationView page = _get(IntegrationView.class);
        assertThat(page.title.getText()).isEqualTo("Orders to stock");
        assertThat(page.getElement().getTextRecursively()).contains("Integrations › Orders to stock");
    }

    @Test
    void saving_over_a_concurrent_change_says_so_and_keeps_the_other_change() {
        twoConnections();
        Integration integration = anIntegration("Orders to stock");
        IntegrationView view = open(integration);
        integrations().update(scope(), integration.id(), integration.version(), new IntegrationDraft("Renamed elsewhere",
                source, "orders", target, "inventory_adjustments", null, null));

        view.form.name.setValue("My name");
        _click(view.save);

        assertThat(view.refusal.isVisible()).isTrue();
        assertThat(view.refusal.getText()).isEqualTo(Notices.CHANGED_BY_SOMEONE_ELSE);
        assertThat(integrations().get(scope(), integration.id()).name()).isEqualTo("Renamed elsewhere");
    }

    @Test
    void settings_are_saved() {
        twoConnections();
        Integration integration = anIntegration("Orders to stock");
        IntegrationView view = open(integration);

        view.form.name.setValue("Orders to the warehouse");
        view.form.maxErrors.setValue(3);
        _click(view.save);

        Integration saved = integrations().get(scope(), integration.id());
        assertThat(saved.name()).isEqualTo("Orders to the warehouse");
        assertThat(saved.maxRecordErrors()).isEqualTo(3);
        assertThat(view.title.getText()).isEqualTo("Orders to the warehouse");
    }

    @Test
    void going_live_asks_first_and_cancelling_keeps_shadow_mode() {
        twoConnections();
        Integration integration = anIntegration("Orders to stock");
        IntegrationView view = open(integration);

        _click(view.mode);
        confirm("integration-mode-confirm-cancel");
        assertThat(integrations().get(scope(), integration.id()).mode()).isEqualTo("shadow");

        _click(view.mode);
        confirm("integration-mode-confirm");
        assertThat(integrations().get(scope(), integration.id()).mode()).isEqualTo("live");
        assertThat(view.summary.getText()).startsWith("Live");
        assertThat(view.mode.getText()).isEqualTo("Switch to shadow mode");
    }

    @Test
    void pause_and_resume() {
        twoConnections();
        Integration integration = anIntegration("Orders to stock");
        IntegrationView view = open(integration);
        assertThat(view.health.getText()).startsWith("Never run. No run has ended yet. Last success: never;")
                .contains("0 runs waiting; 0 open errors.");

        _click(view.pause);
        assertThat(integrations().get(scope(), integration.id()).paused()).isTrue();
        assertThat(view.summary.getText()).endsWith("Paused");
        assertThat(view.runNow.isEnabled()).isFalse();
        assertThat(view.health.getText()).startsWith("Paused. The integration is paused");

        _click(view.pause);
        assertThat(integrations().get(scope(), integration.id()).paused()).isFalse();
        assertThat(view.pause.getText()).isEqualTo("Pause");
    }

    @Test
    void run_now_links_to_the_queued_run() {
        twoConnections();
        IntegrationView view = open(anIntegration("Orders to stock"));

        _click(view.runNow);

        assertThat(view.queuedRun.isVisible()).isTrue();
        assertThat(view.queuedRun.getHref()).matches("runs/[0-9a-f-]{36}");
    }

    @Test
    void an_interval_schedule_is_set_and_shown_with_its_next_times() {
        twoConnections();
        Integration integration = anIntegration("Orders to stock");
        ScheduleSection schedule = open(integration).schedule;

        schedule.kind.setValue(ScheduleSection.INTERVAL);
        schedule.interval.setValue(900);
        _click(schedule.save);

        assertThat(context.getBean(ScheduleService.class).get(scope(), integration.id()).intervalSeconds()).isEqualTo(900);
        assertThat(schedule.summary.getText()).startsWith("Runs every 900 seconds. Next: ");
        assertThat(schedule.remove.isVisible()).isTrue();
    }

    @Test
    void a_bad_cron_a_bad_zone_and_too_short_an_interval_are_refused_at_their_fields() {
        twoConnections();
        Integration integration = anIntegration("Orders to stock");
        ScheduleSection schedule = open(integration).schedule;

        schedule.cron.setValue("every morning");
        _click(schedule.save);
        assertThat(schedule.cron.isInvalid()).isTrue();
        assertThat(schedule.cron.getErrorMessage()).startsWith("This is not a Quartz cron expression");

        schedule.cron.setValue("0 0 6 * * ?");
        schedule.zone.setValue("Mars/Olympus");
        _click(schedule.save);
        assertThat(schedule.zone.isInvalid()).isTrue();
        assertThat(schedule.zone.getErrorMessage()).contains("IANA time zone");

        schedule.kind.setValue(ScheduleSection.INTERVAL);
        schedule.interval.setValue(5);
        _click(schedule.save);
        assertThat(schedule.interval.getErrorMessage()).isEqualTo("This must be at least 60 seconds");

        assertThatThrownBy(() -> context.getBean(ScheduleService.class).get(scope(), integration.id()))
                .isInstanceOf(ProblemException.class);
        assertThat(schedule.summary.getText()).startsWith("No schedule");
    }

    @Test
    void a_cron_schedule_in_a_time_zone_is_removed_after_a_confirmation() {
        twoConnections();
        Integration integration = anIntegration("Orders to stock");
        ScheduleSection schedule = open(integration).schedule;
        schedule.cron.setValue("0 0 6 * * ?");
        schedule.zone.setValue("Europe/Paris");
        _click(schedule.save);
        assertThat(schedule.summary.getText()).startsWith("Runs on the cron expression 0 0 6 * * ? in Europe/Paris");

        _click(schedule.remove);
        confirm("schedule-remove-confirm");

        assertThatThrownBy(() -> context.getBean(ScheduleService.class).get(scope(), integration.id()))
                .isInstanceOf(ProblemException.class);
        assertThat(schedule.summary.getText()).startsWith("No schedule");
        assertThat(schedule.remove.isVisible()).isFalse();
    }

    @Test
    void two_mapping_versions_are_compared_field_by_field() {
        twoConnections();
        Integration integration = aMappedIntegration();
        savedVersions(integration, 2);
        MappingVersionsSection versions = open(integration).versions;

        assertThat(GridKt._size(versions.versions)).isEqualTo(2);
        assertThat(versions.older.getValue()).isEqualTo(1);
        _click(versions.compare);

        assertThat(versions.comparison.getText()).isEqualTo("From version 1 to version 2: 3 differences.");
        assertThat(IntStream.range(0, 3).mapToObj(i -> GridKt._getFormatted(versions.differences, i, "part") + " | "
                + GridKt._getFormatted(versions.differences, i, "change") + " | "
                + GridKt._getFormatted(versions.differences, i, "after"))).containsExactly(
                "Field total | Changed | source total_money.amount · type decimal",
                "Field state | Removed | —",
                "Field location | Added | source location_id");
    }

    @Test
    void a_version_is_pinned_after_a_confirmation() {
        twoConnections();
        Integration integration = aMappedIntegration();
        savedVersions(integration, 2);
        MappingVersionsSection versions = open(integration).versions;

        versions.askPin(1);
        confirm("mapping-pin-confirm");

        assertThat(context.getBean(MappingVersions.class).get(scope(), integration.id(), 1).pinned()).isTrue();
        assertThat(GridKt._getFormatted(versions.versions, 1, "pinned")).isEqualTo("Runs use this version");
    }

    @Test
    void the_page_links_to_the_mapping_builder() {
        twoConnections();
        Integration integration = anIntegration("Orders to stock");

        Anchor edit = _get(open(integration), Anchor.class, spec -> spec.withId("integration-edit-mapping"));

        assertThat(edit.getHref()).isEqualTo("integrations/" + integration.id() + "/mapping");
    }

    @Test
    void a_webhook_url_is_created_with_its_secret_shown_once_and_removed_after_a_confirmation() {
        twoConnections();
        Integration integration = anIntegration("Orders to stock");
        IntegrationView view = open(integration);
        assertThat(view.webhookUrl.isVisible()).isFalse();

        _click(view.webhookCreate);
        assertThat(view.webhookUrl.getValue()).contains("/api/v1/hooks/");
        assertThat(view.webhookUrl.isVisible()).isTrue();
        assertThat(view.webhookText.getText()).startsWith("Signing secret (shown this once; store it now): whsec_");
        assertThat(open(integration).webhookText.getText()).doesNotContain("whsec_");

        IntegrationView reopened = _get(IntegrationView.class);
        _click(reopened.webhookRemove);
        confirm("integration-webhook-remove-confirm");
        assertThat(reopened.webhookUrl.isVisible()).isFalse();
        assertThat(reopened.webhookCreate.isVisible()).isTrue();
    }

    @Test
    void a_connection_that_can_be_a_source_links_to_a_new_integration_reading_from_it() {
        twoConnections();
        UI.getCurrent().navigate("connections/" + source);

        Anchor link = _get(Anchor.class, spec -> spec.withId("connection-integrate"));

        assertThat(link.getHref()).isEqualTo("integrations/new?source=" + source);
    }

    @Test
    void deleting_asks_first_then_deletes_and_returns_to_the_list() {
        twoConnections();
        Integration integration = anIntegration("Orders to stock");
        IntegrationView view = open(integration);

        _click(view.delete);
        confirm("integration-delete-confirm");

        assertThat(integrations().list(scope(), Optional.empty(), 10).items()).isEmpty();
        assertThat(_get(IntegrationsView.class).emptyState.isVisible()).isTrue();
    }

    @Test
    void another_tenants_integration_shows_the_not_found_page() {
        twoConnections();
        String path = "integrations/" + anIntegration("Orders to stock").id();
        MockPortal.tearDown();
        MockPortal.setUp(context);
        PortalFixture.signIn(context, PortalFixture.signUp(context, "Other Integrations Bakery"));

        UI.getCurrent().navigate(path);

        assertThat(_get(NotFoundView.class).getElement().getTextRecursively()).contains("There is no page at")
                .doesNotContain("Orders to stock");
    }

    /** Versions 1 (id, total, state) and, with {@code count} 2, version 2 (id, total as decimal, location). */
    private void savedVersions(Integration integration, int count) {
        MappingVersions mappings = context.getBean(MappingVersions.class);
        try {
            saveVersions(mappings, integration, count);
        } catch (io.tillbridge.mappings.InvalidMappingException e) {
            throw new AssertionError(e.fieldErrors().toString(), e);
        }
    }

    private void saveVersions(MappingVersions mappings, Integration integration, int count) {
        mappings.create(scope(), integration.id(), new MappingSpec(null, List.of(MappingSpec.FieldRule.copy("id", "id"),
                MappingSpec.FieldRule.copy("total_money.amount", "total"), MappingSpec.FieldRule.copy("state", "state")),
                null, null, null));
        if (count > 1) {
            MappingSpec.FieldRule total = new MappingSpec.FieldRule("total", "total_money.amount", null, null, null, null,
                    null, null, null, null, null, null, null, null, null, "decimal");
            mappings.create(scope(), integration.id(), new MappingSpec(null, List.of(MappingSpec.FieldRule.copy("id", "id"),
                    total, MappingSpec.FieldRule.copy("location_id", "location")), null, null, null));
        }
    }
}
