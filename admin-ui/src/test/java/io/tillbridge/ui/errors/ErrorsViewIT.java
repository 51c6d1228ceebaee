package io.tillbridge.ui.errors;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.errors.ErrorFilter;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.ErrorStatus;
import io.tillbridge.integrations.Integration;
import io.tillbridge.ui.InboxRows;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error inbox pages against a real database. The errors are written as a run would leave them
 * (rows in the tenant's inbox); no worker runs in this context, so a retry stays queued.
 */
class ErrorsViewIT {

    private static ApplicationContext context;
    private PortalSession session;
    private Integration integration;
    private UUID bad;

    @BeforeAll
    static void start() {
        context = TestContexts.withConnections(Map.of("tillbridge.roles.worker", "false"));
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void anIntegrationWithErrors() throws Exception {
        String owner = PortalFixture.signUp(context, "Errors Test Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
        integration = PortalFixture.sandboxIntegration(context, scope());
        bad = error("ord-1", "value", "total.amount", "not a number: \"12,50\"");
        error("ord-2", "value", "total.amount", "not a number: \"7,00\"");
        error("ord-3", "unmapped_value", "tender", "no mapping for \"VOUCHER\"");
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    private TenantScope scope() {
        return session.admit(context.getBean(TenantAccess.class));
    }

    private UUID error(String key, String category, String field, String message) throws Exception {
        return InboxRows.insert(session.requireTenant().value(), integration.id(), key, category, field, message,
                "{\"id\": \"" + key + "\", \"total\": {\"amount\": \"12,50\", \"currency\": \"EUR\"},"
                        + " \"tender\": \"VOUCHER\"}");
    }

    @Test
    void open_errors_are_grouped_by_integration_and_kind_with_counts_and_a_fix() {
        UI.getCurrent().navigate("errors");
        ErrorsView view = _get(ErrorsView.class);

        assertThat(GridKt._size(view.groups)).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(view.groups, 0)).contains("Orders to stock");
        assertThat(java.util.stream.IntStream.range(0, 2).mapToObj(i -> GridKt._getFormatted(view.groups, i, "kind")))
                .containsExactlyInAnyOrder("Value the target cannot take", "Value with no mapping");
        assertThat(GridKt._size(view.grid)).isEqualTo(3);
    }

    @Test
    void an_error_shows_the_source_record_with_the_failing_field_marked_in_words() {
        UI.getCurrent().navigate("errors/" + bad);
        ErrorView view = _get(ErrorView.class);

        assertThat(view.title.getText()).isEqualTo("Value the target cannot take: record ord-1");
        assertThat(view.what.getText()).contains("field total.amount", "not a number");
        assertThat(view.fix.getText()).contains("Correct the field's rule in the mapping");
        assertThat(GridKt._findAll(view.record)).filteredOn(ErrorView.Line::failing)
                .extracting(ErrorView.Line::path).containsExactly("total.amount");
    }

    @Test
    void ignoring_a_selection_closes_those_errors_only() {
        UI.getCurrent().navigate("errors");
        ErrorsView view = _get(ErrorsView.class);
        view.grid.select(GridKt._get(view.grid, 0));

        view.closeSelected(false);

        ErrorInbox inbox = context.getBean(ErrorInbox.class);
        assertThat(inbox.list(scope(), new ErrorFilter(null, null, ErrorStatus.IGNORED, null), Optional.empty(), 50)
                .items()).hasSize(1);
        assertThat(GridKt._size(view.grid)).as("the open list no longer shows it").isEqualTo(2);
    }

    @Test
    void retrying_all_of_a_kind_queues_them_and_marks_them() {
        UI.getCurrent().navigate("errors");
        ErrorsView view = _get(ErrorsView.class);
        var valueErrors = java.util.stream.IntStream.range(0, 2).mapToObj(i -> GridKt._get(view.groups, i))
                .filter(c -> c.category().equals("value")).findFirst().orElseThrow();

        view.retryAll(valueErrors);

        ErrorInbox inbox = context.getBean(ErrorInbox.class);
        assertThat(inbox.list(scope(), new ErrorFilter(null, null, ErrorStatus.RETRIED, null), Optional.empty(), 50)
                .items()).hasSize(2);
    }

    @Test
    void fix_the_mapping_opens_the_builder_for_that_kind_of_error() {
        UI.getCurrent().navigate("errors");
        ErrorsView view = _get(ErrorsView.class);
        int row = java.util.stream.IntStream.range(0, 2).filter(i -> GridKt._get(view.groups, i).category()
                .equals("unmapped_value")).findFirst().orElseThrow();
        com.vaadin.flow.component.button.Button fix = GridKt._getCellComponent(view.groups, row, "actions").getChildren()
                .map(com.vaadin.flow.component.button.Button.class::cast)
                .filter(b -> b.getText().equals("Fix the mapping")).findFirst().orElseThrow();

        fix.click();

        var location = UI.getCurrent().getInternals().getActiveViewLocation();
        assertThat(location.getPath()).isEqualTo("integrations/" + integration.id() + "/mapping");
        assertThat(location.getQueryParameters().getParameters().get("errorKind")).containsExactly("unmapped_value");
    }

    @Test
    void another_tenants_error_is_not_found() {
        String path = "errors/" + bad;
        MockPortal.tearDown();
        MockPortal.setUp(context);
        PortalFixture.signIn(context, PortalFixture.signUp(context, "Other Errors Bakery"));

        UI.getCurrent().navigate(path);

        assertThat(_get(ErrorView.class).getElement().getTextRecursively()).doesNotContain("ord-1");
    }
}
