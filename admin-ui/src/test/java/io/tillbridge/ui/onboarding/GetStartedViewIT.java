package io.tillbridge.ui.onboarding;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.locations.LocationDraft;
import io.tillbridge.locations.LocationService;
import io.tillbridge.mappings.MappingVersion;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.onboarding.OnboardingProgress;
import io.tillbridge.onboarding.OnboardingService;
import io.tillbridge.onboarding.OnboardingStep;
import io.tillbridge.paging.Page;
import io.tillbridge.settings.KpiTargets;
import io.tillbridge.settings.SettingsChange;
import io.tillbridge.settings.TenantSettings;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.templates.Template;
import io.tillbridge.testing.WarehouseSandbox;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import io.tillbridge.ui.settings.SettingsForm;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The onboarding wizard against a real database, with the Square sandbox on loopback as the POS, a
 * warehouse schema in the test database as the destination, and the run worker of this context.
 */
class GetStartedViewIT {

    private static ApplicationContext context;
    private static WarehouseSandbox warehouse;
    private PortalSession session;

    @BeforeAll
    static void start() {
        context = TestContexts.withConnections(Map.of());
        warehouse = WarehouseSandbox.inTestDatabase();
    }

    @AfterAll
    static void close() {
        context.close();
        warehouse.close();
    }

    @BeforeEach
    void aNewTenantSignedIn() {
        String owner = PortalFixture.signUp(context, "Onboarding Bakery");
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

    private static GetStartedView open() {
        UI.getCurrent().navigate("get-started");
        return _get(GetStartedView.class);
    }

    private static String path() {
        return UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters();
    }

    @Test
    void a_new_tenant_starts_at_the_business_step_and_the_progress_names_every_step_in_words() {
        GetStartedView view = open();

        assertThat(view.current).isEqualTo(OnboardingStep.BUSINESS);
        assertThat(view.heading.getText()).isEqualTo("1. Business");
        assertThat(view.indicator.summary.getText()).isEqualTo("Step 1 of 8: Business · 0 of 8 steps done");
        List<String> labels = view.indicator.steps.getChildren().map(ListItem.class::cast)
                .map(item -> item.getChildren().findFirst().orElseThrow().getElement().getAttribute("aria-label"))
                .toList();
        assertThat(labels).hasSize(8).first().isEqualTo("1. Business, current step");
        assertThat(labels.get(7)).isEqualTo("8. Go live, to do");
        assertThat(view.indicator.steps.getElement().getTextRecursively()).contains("Current step", "To do");
    }

    @Test
    void an_empty_currency_is_refused_at_the_field_and_nothing_is_saved() {
        GetStartedView view = open();
        SettingsForm form = (SettingsForm) view.step;
        form.currency.clear();

        _click(form.save);

        assertThat(form.currency.isInvalid()).isTrue();
        assertThat(form.currency.getErrorMessage()).isEqualTo("Choose a currency");
        assertThat(view.current).isEqualTo(OnboardingStep.BUSINESS);
        assertThat(onboarding().progress(scope()).isDone(OnboardingStep.BUSINESS)).isFalse();
    }

    @Test
    void the_business_step_saves_name_and_currency_and_moves_on_to_locations() {
        GetStartedView view = open();
        SettingsForm form = (SettingsForm) view.step;
        form.businessName.setValue("Harbour Bakery");
        form.currency.setValue("GBP");

        _click(form.save);

        TenantSettings saved = context.getBean(TenantSettingsService.class).get(scope());
        assertThat(saved.businessName()).isEqualTo("Harbour Bakery");
        assertThat(saved.currency()).isEqualTo("GBP");
        assertThat(path()).isEqualTo("get-started?step=locations");
        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.LOCATIONS);
    }

    @Test
    void a_close_out_hour_of_25_is_refused_with_text_at_the_field_and_no_location_is_made() {
        confirmBusiness();
        LocationsStep step = (LocationsStep) open().step;
        step.form.name.setValue("Harbour street");
        step.form.timeZone.setValue("Europe/London");
        step.form.closeOutHour.setValue(25);

        _click(step.form.save);

        assertThat(step.form.closeOutHour.isInvalid()).isTrue();
        assertThat(step.form.closeOutHour.getErrorMessage()).isEqualTo("Must be 0 to 23");
        assertThat(locations()).isEmpty();
    }

    @Test
    void the_locations_step_asks_for_one_in_words_then_continues_once_one_is_added() {
        confirmBusiness();
        LocationsStep step = (LocationsStep) open().step;

        _click(step.proceed);
        assertThat(step.needOne.isVisible()).isTrue();
        assertThat(step.needOne.getText()).isEqualTo("Add at least one location before you continue.");

        step.form.name.setValue("Harbour street");
        step.form.timeZone.setValue("Europe/London");
        step.form.closeOutHour.setValue(3);
        _click(step.form.save);
        assertThat(step.added.getElement().getTextRecursively()).contains("Harbour street · Europe/London · closes out at 3:00");
        _click(step.proceed);

        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.TARGETS);
    }

    @Test
    void the_targets_step_saves_the_kpi_targets_and_moves_on_to_connect() {
        confirmBusiness();
        addLocation();
        GetStartedView view = open();
        assertThat(view.current).isEqualTo(OnboardingStep.TARGETS);
        SettingsForm form = (SettingsForm) view.step;
        assertThat(form.businessName.isVisible()).isFalse();
        form.manualMinutes.setValue(new BigDecimal("2.5"));
        form.hourlyCost.setValue(new BigDecimal("18"));
        form.errorRate.setValue(new BigDecimal("1"));
        form.completionMinutes.setValue(new BigDecimal("15"));

        _click(form.save);

        KpiTargets targets = context.getBean(TenantSettingsService.class).get(scope()).kpiTargets();
        assertThat(targets.manualMinutesPerRecord()).isEqualByComparingTo("2.5");
        assertThat(targets.targetErrorRate()).isEqualByComparingTo("0.01");
        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.CONNECT);
    }

    @Test
    void the_connect_step_offers_the_sandbox_first_and_connects_to_it() {
        uptoTargets();
        ConnectStep step = (ConnectStep) open().step;
        Button first = _get(step.catalog, Button.class, spec -> spec.withId("onboarding-sandbox-square"));
        assertThat(first.getText()).isEqualTo("Try the sandbox");

        _click(first);

        List<ConnectionDetail> made = context.getBean(ConnectionService.class).list(scope(), Optional.empty(), 10).items();
        assertThat(made).singleElement().satisfies(c -> {
            assertThat(c.connectorId()).isEqualTo("square");
            assertThat(c.sandbox()).isTrue();
        });
        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.DESTINATION);
    }

    @Test
    void starting_empty_makes_the_warehouse_connection_and_an_integration_of_pos_orders_in_shadow_mode_with_a_pinned_mapping() {
        uptoConnect();
        GetStartedView view = open();
        assertThat(view.current).isEqualTo(OnboardingStep.DESTINATION);
        DestinationStep step = (DestinationStep) view.step;
        assertThat(step.getElement().getTextRecursively()).contains("Or start empty: the POS's orders go to a table");
        fillWarehouse(step);

        _click(step.startEmpty);

        List<Integration> integrations = context.getBean(IntegrationService.class).list(scope(), Optional.empty(), 10).items();
        assertThat(integrations).singleElement().satisfies(i -> {
            assertThat(i.sourceStream()).isEqualTo("pos.orders");
            assertThat(i.targetObject()).isEqualTo(OnboardingService.WAREHOUSE_OBJECT);
            assertThat(i.mode()).isEqualTo("shadow");
        });
        assertThat(context.getBean(ConnectionService.class).list(scope(), Optional.empty(), 10).items())
                .extracting(ConnectionDetail::connectorId).containsExactlyInAnyOrder("square", "postgres-warehouse");
        assertThat(context.getBean(MappingVersions.class).list(scope(), integrations.get(0).id()))
                .singleElement().extracting(MappingVersion::pinned).isEqualTo(true);
        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.MAPPING);
    }

    @Test
    void starting_empty_refused_part_way_leaves_nothing_half_made() {
        uptoTargets();
        // A POS that cannot be reached: its orders' fields cannot be discovered for the mapping.
        context.getBean(ConnectionService.class).create(scope(), new ConnectionDraft("square", "Unreachable till",
                Map.of("baseUrl", "http://127.0.0.1:9/", "accessToken", "not-a-token", "maxRetries", 0)));
        DestinationStep step = (DestinationStep) open().step;
        fillWarehouse(step);

        _click(step.startEmpty);

        assertThat(step.refusal.isVisible()).isTrue();
        assertThat(step.refusal.getText()).endsWith("Nothing was created.");
        assertThat(context.getBean(IntegrationService.class).list(scope(), Optional.empty(), 10).items()).isEmpty();
        assertThat(context.getBean(ConnectionService.class).list(scope(), Optional.empty(), 10).items())
                .extracting(ConnectionDetail::connectorId).containsExactly("square");
        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.DESTINATION);
    }

    @Test
    void the_destination_step_offers_the_templates_that_read_the_pos_beside_starting_empty() {
        UUID pos = uptoConnect();
        DestinationStep step = (DestinationStep) open().step;

        assertThat(step.templates).isNotNull();
        assertThat(step.templates.template.getListDataView().getItems().map(Template::id))
                .contains("pos-orders-to-warehouse", "pos-daily-sales-by-tender", "pos-refunds-and-voids");
        assertThat(step.templates.source.getValue().id()).as("the POS just connected").isEqualTo(pos);
        assertThat(step.templates.source.isReadOnly()).isTrue();
        assertThat(step.startEmpty.isVisible()).isTrue();
        assertThat(step.getElement().getTextRecursively()).contains("Start from a template", "Start empty");
    }

    @Test
    void starting_from_the_warehouse_template_installs_it_in_shadow_mode_and_goes_on_to_the_shadow_run() {
        uptoConnect();
        DestinationStep step = (DestinationStep) open().step;
        step.templates.template.setValue(template(step, "pos-orders-to-warehouse"));
        assertThat(step.templates.newTarget.getValue()).as("no warehouse connection yet").isTrue();
        step.templates.targetName.setValue("Warehouse");
        warehouse.targetConfig(30).forEach((name, value) -> step.templates.targetForm.fields().get(name).value()
                .setValue(value instanceof Integer i ? (Object) i : String.valueOf(value)));

        _click(step.templates.install);

        List<Integration> made = context.getBean(IntegrationService.class).list(scope(), Optional.empty(), 10).items();
        assertThat(made).extracting(Integration::targetObject).containsExactlyInAnyOrder("pos_orders", "pos_order_lines");
        assertThat(made).allSatisfy(i -> {
            assertThat(i.mode()).isEqualTo("shadow");
            assertThat(i.template().id()).isEqualTo("pos-orders-to-warehouse");
        });
        OnboardingProgress progress = onboarding().progress(scope());
        assertThat(progress.isDone(OnboardingStep.DESTINATION)).isTrue();
        assertThat(progress.isDone(OnboardingStep.MAPPING)).as("the template's mappings count as reviewed").isTrue();
        assertThat(made.stream().filter(i -> i.id().equals(progress.integrationId())).findFirst().orElseThrow()
                .targetObject()).as("the wizard follows the orders").isEqualTo("pos_orders");
        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.SHADOW_RUN);
    }

    @Test
    void starting_from_a_spreadsheet_template_fills_the_new_connection_in_from_the_templates_settings() {
        uptoConnect();
        DestinationStep step = (DestinationStep) open().step;
        step.templates.template.setValue(template(step, "pos-refunds-and-voids"));
        assertThat(step.templates.targetForm.fields().get("split").value().getValue()).isEqualTo("per_business_day");

        _click(step.templates.install);

        assertThat(context.getBean(ConnectionService.class).list(scope(), Optional.empty(), 10).items())
                .filteredOn(c -> c.connectorId().equals("spreadsheet-target")).singleElement()
                .satisfies(c -> assertThat(c.config()).containsEntry("split", "per_business_day"));
        assertThat(context.getBean(IntegrationService.class).list(scope(), Optional.empty(), 10).items())
                .extracting(Integration::sourceStream).containsExactlyInAnyOrder("pos.refunds", "pos.orders");
        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.SHADOW_RUN);
    }

    @Test
    void a_template_refused_at_the_new_connection_leaves_nothing_made_and_says_why_at_the_field() {
        uptoConnect();
        DestinationStep step = (DestinationStep) open().step;
        step.templates.template.setValue(template(step, "pos-orders-to-warehouse"));
        step.templates.targetName.setValue("Warehouse");

        _click(step.templates.install);

        assertThat(step.templates.targetForm.fields().get("jdbcUrl").component().getElement()
                .getProperty("invalid", false)).as("the missing JDBC URL is named at its field").isTrue();
        assertThat(context.getBean(IntegrationService.class).list(scope(), Optional.empty(), 10).items()).isEmpty();
        assertThat(context.getBean(ConnectionService.class).list(scope(), Optional.empty(), 10).items())
                .extracting(ConnectionDetail::connectorId).containsExactly("square");
        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.DESTINATION);
    }

    @Test
    void going_live_after_a_template_switches_every_integration_it_installed() {
        UUID pos = uptoConnect();
        ConnectionDetail target = context.getBean(ConnectionService.class).create(scope(), new ConnectionDraft(
                OnboardingService.WAREHOUSE, "Warehouse", warehouse.targetConfig(30)));
        onboarding().startFromTemplate(scope(), "pos-orders-to-warehouse", pos, target.id(), null);
        UUID wizards = onboarding().progress(scope()).integrationId();

        onboarding().goLive(scope(), wizards);

        assertThat(context.getBean(IntegrationService.class).list(scope(), Optional.empty(), 10).items())
                .hasSize(2).allSatisfy(i -> assertThat(i.mode()).isEqualTo("live"));
        assertThat(onboarding().progress(scope()).finished()).isTrue();
    }

    private static Template template(DestinationStep step, String id) {
        return step.templates.template.getListDataView().getItems().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow();
    }

    @Test
    void the_mapping_step_shows_the_fields_a_sample_and_a_link_to_the_builder() {
        Integration integration = uptoDestination();
        MappingStep step = (MappingStep) open().step;

        assertThat(step.version.getText()).startsWith("Mapping version 1: ");
        assertThat(GridKt._size(step.fields)).isGreaterThan(0);
        assertThat(step.builder.getHref()).isEqualTo("integrations/" + integration.id() + "/mapping?return=get-started");
        assertThat(step.sampleNote.getText()).isNotBlank();

        _click(step.confirm);

        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.SHADOW_RUN);
        assertThat(onboarding().progress(scope()).isDone(OnboardingStep.MAPPING)).isTrue();
    }

    @Test
    void a_shadow_run_shows_what_it_would_create_change_and_leave_and_links_to_its_diff() throws Exception {
        uptoMapping();
        ShadowRunStep step = (ShadowRunStep) open().step;
        assertThat(step.status.getText()).isEqualTo("No shadow run yet.");

        _click(step.start);
        assertThat(step.checkAgain.isVisible() || step.proceed.isVisible()).isTrue();
        awaitRunEnd(step);

        assertThat(step.status.getText()).isEqualTo("Shadow run: Succeeded");
        assertThat(step.counts.getText()).matches("It would create [1-9][0-9]*, change 0 and leave 0 records unchanged\\.");
        assertThat(step.diff.getHref()).isEqualTo("runs/" + step.runId);
        assertThat(context.getBean(IntegrationService.class).list(scope(), Optional.empty(), 1).items().get(0).mode())
                .isEqualTo("shadow");
        _click(step.proceed);
        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.GO_LIVE);
    }

    @Test
    void going_live_after_a_confirmation_switches_the_integration_to_live_and_finishes_onboarding() throws Exception {
        uptoMapping();
        ShadowRunStep shadowStep = (ShadowRunStep) open().step;
        _click(shadowStep.start);
        awaitRunEnd(shadowStep);
        GetStartedView view = open();
        assertThat(view.current).isEqualTo(OnboardingStep.GO_LIVE);

        _click(_get(Button.class, spec -> spec.withId("onboarding-go-live")));
        _click(_get(Button.class, spec -> spec.withId("onboarding-go-live-confirm")));

        assertThat(context.getBean(IntegrationService.class).list(scope(), Optional.empty(), 1).items().get(0).mode())
                .isEqualTo("live");
        assertThat(onboarding().progress(scope()).finished()).isTrue();
        assertThat(_get(GetStartedView.class).getElement().getTextRecursively()).contains("Setup is finished.");
    }

    @Test
    void leaving_mid_way_and_returning_resumes_at_the_first_unfinished_step_and_earlier_steps_reopen() {
        uptoTargets();
        UI.getCurrent().navigate("home");

        GetStartedView view = open();

        assertThat(view.current).isEqualTo(OnboardingStep.CONNECT);
        assertThat(view.indicator.summary.getText()).isEqualTo("Step 4 of 8: Connect your POS · 3 of 8 steps done");
        _click(view.back);
        assertThat(path()).isEqualTo("get-started?step=targets");
        assertThat(_get(GetStartedView.class).current).isEqualTo(OnboardingStep.TARGETS);
        UI.getCurrent().navigate("get-started", com.vaadin.flow.router.QueryParameters.simple(Map.of("step", "go-live")));
        assertThat(_get(GetStartedView.class).current).as("a later step does not open before its turn")
                .isEqualTo(OnboardingStep.CONNECT);
    }

    @Test
    void another_tenant_sees_nothing_of_it() {
        uptoDestination();
        MockPortal.tearDown();
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, PortalFixture.signUp(context, "Other Onboarding Bakery"));

        GetStartedView view = open();

        assertThat(view.current).isEqualTo(OnboardingStep.BUSINESS);
        assertThat(onboarding().progress(scope()).done()).isEmpty();
        assertThat(onboarding().progress(scope()).integrationId()).isNull();
        assertThat(view.indicator.summary.getText()).endsWith("0 of 8 steps done");
    }

    private static void awaitRunEnd(ShadowRunStep step) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(90));
        while (!step.proceed.isVisible() && !step.status.getText().contains("Failed") && Instant.now().isBefore(until)) {
            Thread.sleep(250);
            step.refresh();
        }
    }

    private OnboardingService onboarding() {
        return context.getBean(OnboardingService.class);
    }

    private List<?> locations() {
        return context.getBean(LocationService.class).list(scope(), Optional.empty(), Page.MAX_LIMIT).items();
    }

    private void fillWarehouse(DestinationStep step) {
        warehouse.targetConfig(30).forEach((name, value) -> step.warehouseForm.fields().get(name).value()
                .setValue(value instanceof Integer i ? (Object) i : String.valueOf(value)));
    }

    private void confirmBusiness() {
        TenantSettingsService settings = context.getBean(TenantSettingsService.class);
        TenantSettings current = settings.get(scope());
        settings.update(scope(), current.version(), new SettingsChange("Harbour Bakery", Currency.getInstance("EUR"),
                KpiTargets.NONE));
        onboarding().confirm(scope(), OnboardingStep.BUSINESS);
    }

    private void addLocation() {
        context.getBean(LocationService.class).create(scope(), new LocationDraft("Harbour street",
                ZoneId.of("Europe/London"), 3));
    }

    private void uptoTargets() {
        confirmBusiness();
        addLocation();
        onboarding().confirm(scope(), OnboardingStep.TARGETS);
    }

    private UUID uptoConnect() {
        uptoTargets();
        return context.getBean(ConnectionService.class).create(scope(), new ConnectionDraft("square", "Square sandbox",
                Map.of(), true)).id();
    }

    private Integration uptoDestination() {
        UUID pos = uptoConnect();
        ConnectionDetail target = context.getBean(ConnectionService.class).create(scope(), new ConnectionDraft(
                OnboardingService.WAREHOUSE, "Warehouse", warehouse.targetConfig(30)));
        return onboarding().startEmpty(scope(), pos, target.id(), null);
    }

    private Integration uptoMapping() {
        Integration integration = uptoDestination();
        onboarding().confirm(scope(), OnboardingStep.MAPPING);
        return integration;
    }
}
