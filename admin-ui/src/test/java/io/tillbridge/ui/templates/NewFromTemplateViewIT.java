package io.tillbridge.ui.templates;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

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
import io.tillbridge.templates.Template;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "New from template" on the Integrations page against a real database: the form offers the
 * templates with what each creates, the tenant's POS and the connections a template may write to (or
 * a new one filled in from the template's suggested settings), and installing makes the template's
 * integrations, shown in the list with where they came from. The POS connection points nowhere: an
 * install never calls it.
 */
class NewFromTemplateViewIT {

    private static final String WAREHOUSE_TEMPLATE = "pos-orders-to-warehouse";
    private static final String DAILY_SALES_TEMPLATE = "pos-daily-sales-by-tender";

    private static ApplicationContext context;
    private PortalSession session;

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
        String owner = PortalFixture.signUp(context, "Template Test Bakery");
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

    private ConnectionDetail connection(String connector, String name, Map<String, Object> config) {
        return context.getBean(ConnectionService.class).create(scope(), new ConnectionDraft(connector, name, config));
    }

    private ConnectionDetail pos() {
        return connection("square", "Till", Map.of("baseUrl", "http://127.0.0.1:9/", "accessToken", "not-a-token",
                "maxRetries", 0));
    }

    private ConnectionDetail warehouse() {
        return connection("postgres-warehouse", "Warehouse", Map.of("jdbcUrl", "jdbc:postgresql://127.0.0.1:9/none",
                "user", "wh", "password", "pw-x", "schema", "wh"));
    }

    private List<Integration> integrations() {
        return context.getBean(IntegrationService.class).list(scope(), Optional.empty(), 50).items();
    }

    private static NewFromTemplateView open() {
        UI.getCurrent().navigate("integrations/new-from-template");
        return _get(NewFromTemplateView.class);
    }

    private static Template named(TemplateInstallForm form, String id) {
        return form.template.getListDataView().getItems().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private static String path() {
        return UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters();
    }

    @Test
    void the_integrations_page_offers_new_from_template() {
        pos();
        UI.getCurrent().navigate("integrations");

        _click(_get(Button.class, spec -> spec.withId("integration-new-from-template")));

        assertThat(path()).isEqualTo("integrations/new-from-template");
        assertThat(_get(NewFromTemplateView.class).form.template.getListDataView().getItems().map(Template::id))
                .contains(WAREHOUSE_TEMPLATE, DAILY_SALES_TEMPLATE, "pos-refunds-and-voids");
    }

    @Test
    void choosing_a_template_shows_what_it_creates_the_pos_it_reads_and_the_connections_it_may_write_to() {
        ConnectionDetail till = pos();
        ConnectionDetail warehouse = warehouse();
        TemplateInstallForm form = open().form;

        form.template.setValue(named(form, WAREHOUSE_TEMPLATE));

        assertThat(form.about.getText()).contains("pos_orders", "pos_order_lines");
        assertThat(form.creates.getChildren().map(c -> ((ListItem) c).getText()).toList()).containsExactly(
                "POS orders: pos.orders → pos_orders, on a schedule, in shadow mode",
                "POS order lines: pos.orders → pos_order_lines, on a schedule, in shadow mode");
        assertThat(form.source.getListDataView().getItems().map(ConnectionDetail::id)).containsExactly(till.id());
        assertThat(form.target.getListDataView().getItems().map(ConnectionDetail::id))
                .as("only connections of a connector the template writes to").containsExactly(warehouse.id());
        assertThat(form.target.getValue().id()).isEqualTo(warehouse.id());
        assertThat(form.newTarget.getValue()).isFalse();
    }

    @Test
    void installing_onto_the_warehouse_makes_the_templates_integrations_and_lists_them_with_their_template() {
        pos();
        warehouse();
        NewFromTemplateView view = open();
        view.form.template.setValue(named(view.form, WAREHOUSE_TEMPLATE));
        view.form.namePrefix.setValue("Pier 4");

        _click(view.form.install);

        assertThat(integrations()).extracting(Integration::name).containsExactlyInAnyOrder("Pier 4 POS orders",
                "Pier 4 POS order lines");
        assertThat(integrations()).allSatisfy(i -> {
            assertThat(i.mode()).isEqualTo("shadow");
            assertThat(i.template().id()).isEqualTo(WAREHOUSE_TEMPLATE);
        });
        assertThat(path()).isEqualTo("integrations");
    }

    @Test
    void a_spreadsheet_template_makes_its_connection_from_the_templates_suggested_settings() {
        pos();
        NewFromTemplateView view = open();
        view.form.template.setValue(named(view.form, DAILY_SALES_TEMPLATE));
        assertThat(view.form.newTarget.getValue()).as("no spreadsheet connection yet: a new one").isTrue();
        assertThat(view.form.targetForm.fields().get("split").value().getValue()).isEqualTo("per_business_day");
        assertThat(view.form.targetForm.fields().get("format").value().getValue()).isEqualTo("csv");
        view.form.targetForm.fields().get("format").value().setValue("xlsx");
        view.form.targetName.setValue("Daily sales files");

        _click(view.form.install);

        ConnectionDetail made = context.getBean(ConnectionService.class).list(scope(), Optional.empty(), 10).items()
                .stream().filter(c -> c.connectorId().equals("spreadsheet-target")).findFirst().orElseThrow();
        assertThat(made.name()).isEqualTo("Daily sales files");
        assertThat(made.config()).containsEntry("split", "per_business_day").containsEntry("format", "xlsx");
        assertThat(integrations()).singleElement().satisfies(i -> {
            assertThat(i.targetConnectionId()).isEqualTo(made.id());
            assertThat(i.targetObject()).isEqualTo("daily_sales_by_tender");
        });
    }

    @Test
    void without_a_pos_the_form_says_so_at_the_field_and_nothing_is_made() {
        warehouse();
        NewFromTemplateView view = open();
        view.form.template.setValue(named(view.form, WAREHOUSE_TEMPLATE));

        _click(view.form.install);

        assertThat(view.form.source.isInvalid()).isTrue();
        assertThat(view.form.source.getErrorMessage()).isEqualTo("Choose the POS connection to read from");
        assertThat(integrations()).isEmpty();
        assertThat(path()).isEqualTo("integrations/new-from-template");
    }

    @Test
    void a_new_connection_missing_a_required_setting_is_refused_at_its_field_and_nothing_is_made() {
        pos();
        NewFromTemplateView view = open();
        view.form.template.setValue(named(view.form, WAREHOUSE_TEMPLATE));
        assertThat(view.form.newTarget.getValue()).isTrue();
        view.form.targetName.setValue("Warehouse");
        view.form.targetForm.fields().get("jdbcUrl").value().setValue("jdbc:postgresql://127.0.0.1:9/none");
        view.form.targetForm.fields().get("schema").value().setValue("wh");

        _click(view.form.install);

        assertThat(view.form.targetForm.fields().get("user").component().getElement().getProperty("invalid", false))
                .as("the missing user is named at its field").isTrue();
        assertThat(integrations()).isEmpty();
        assertThat(context.getBean(ConnectionService.class).list(scope(), Optional.empty(), 10).items())
                .extracting(ConnectionDetail::connectorId).containsExactly("square");
    }
}
