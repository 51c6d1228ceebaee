package io.tillbridge.ui.integrations.mapping;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.textfield.TextField;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.errors.ErrorFilter;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.ErrorStatus;
import io.tillbridge.integrations.Integration;
import io.tillbridge.mappings.MappingVersion;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.ui.InboxRows;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
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
 * The integration builder against a real database: a Square sandbox connection's {@code orders} as
 * the source (three discovered sample records), another one's {@code inventory_adjustments} as the
 * target. No worker runs in this context, so a retry stays queued.
 */
class MappingBuilderViewIT {

    private static ApplicationContext context;
    private PortalSession session;
    private Integration integration;

    @BeforeAll
    static void start() {
        context = TestContexts.withConnections(Map.of("tillbridge.roles.worker", "false"));
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void anIntegration() {
        String owner = PortalFixture.signUp(context, "Builder Test Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
        integration = PortalFixture.sandboxIntegration(context, scope());
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    private TenantScope scope() {
        return session.admit(context.getBean(TenantAccess.class));
    }

    private MappingBuilderView open(String query) {
        UI.getCurrent().navigate("integrations/" + integration.id() + "/mapping" + query);
        return _get(MappingBuilderView.class);
    }

    private static RuleDraft rule(MappingBuilderView view, String target) {
        return view.drafts().stream().filter(d -> d.target.equals(target)).findFirst().orElseThrow();
    }

    /** Selects the target field's rule, adding the field when the target does not list it, and sets where its value comes from. */
    private static RuleDraft added(MappingBuilderView view, String target, RuleDraft.Kind kind) {
        if (view.drafts().stream().anyMatch(d -> d.target.equals(target))) {
            view.rules.select(rule(view, target));
        } else {
            view.newTarget.setValue(target);
            view.addTarget();
        }
        view.ruleForm.kind.setValue(kind);
        return rule(view, target);
    }

    private static List<String> column(MappingBuilderView view, String target) {
        List<String> header = view.preview.columns();
        int at = header.indexOf(target);
        return view.preview.shownRows().stream().map(r -> r.get(at)).toList();
    }

    @Test
    void the_source_fields_show_types_and_samples_and_accepted_suggestions_become_rules() {
        MappingBuilderView view = open("");

        assertThat(view.sourceFields.shownRows()).extracting(row -> row.get(0)).contains("location_id", "state");
        assertThat(view.shownSuggestions()).anySatisfy(p -> {
            assertThat(p.source()).isEqualTo("location_id");
            assertThat(p.target()).isEqualTo("location_id");
            assertThat(p.confidence()).isGreaterThan(0.9);
        });

        view.accept(view.shownSuggestions());

        assertThat(rule(view, "location_id").kind).isEqualTo(RuleDraft.Kind.SOURCE);
        assertThat(rule(view, "location_id").source).isEqualTo("location_id");
        assertThat(column(view, "location_id")).contains("L88917AVBK2S5");
    }

    @Test
    void an_accept_button_accepts_the_pair_of_its_row_and_a_click_naming_no_shown_row_changes_nothing() {
        MappingBuilderView view = open("");
        List<io.tillbridge.mappings.FieldPair> shown = view.shownSuggestions();
        int row = shown.stream().map(io.tillbridge.mappings.FieldPair::target).toList().indexOf("location_id");
        assertThat(row).isNotNegative();
        String before = view.spec().toString();

        for (String hostile : List.of("-1", String.valueOf(shown.size()), "x", "")) {
            click(view.suggestions, hostile);
        }
        assertThat(view.spec().toString()).isEqualTo(before);

        click(view.suggestions, String.valueOf(row));
        assertThat(rule(view, "location_id").kind).isEqualTo(RuleDraft.Kind.SOURCE);
        assertThat(view.shownSuggestions()).noneMatch(p -> p.target().equals("location_id"));
    }

    private static void click(SuggestionTable table, String row) {
        elemental.json.JsonObject data = elemental.json.Json.createObject();
        data.put("event.target.dataset.row", row);
        data.put(SuggestionTable.BUTTON_CLICKED, true);
        com.github.mvysny.kaributesting.v10.ElementUtilsKt._fireDomEvent(table.getElement(),
                new com.vaadin.flow.dom.DomEvent(table.getElement(), "click", data));
    }

    @Test
    void a_value_map_lists_the_sample_values_and_maps_the_entered_ones() {
        MappingBuilderView view = open("");
        added(view, "account", RuleDraft.Kind.SOURCE);
        view.ruleForm.source.setValue("state");

        view.ruleForm.mapValues.setValue(true);

        assertThat(view.valueMapForm.shownEntries()).extracting(ValueMapForm.Entry::value)
                .containsExactly("COMPLETED", "OPEN", "CANCELED");
        assertThat(view.valueMapForm.summary.getText()).startsWith("3 values seen, 3 unmapped");
        ((TextField) GridKt._getCellComponent(view.valueMapForm.entries, 0, "target")).setValue("4000 Sales");
        view.valueMapForm.unmapped.setValue("fallback");
        view.valueMapForm.fallback.setValue("9999 Suspense");

        assertThat(column(view, "account")).containsExactly("4000 Sales", "9999 Suspense", "9999 Suspense");
        assertThat(view.spec().valueMaps().get("account").entries()).containsEntry("COMPLETED", "4000 Sales");
    }

    @Test
    void an_invalid_cel_expression_shows_the_compiler_message_at_the_field() {
        MappingBuilderView view = open("");
        added(view, "doubled", RuleDraft.Kind.EXPRESSION);

        view.ruleForm.expression.setValue("record.version *");

        assertThat(view.ruleForm.expression.isInvalid()).isTrue();
        assertThat(view.ruleForm.expression.getErrorMessage()).contains("the expression does not compile");
        assertThat(view.ruleForm.problem.getText()).startsWith("Problem: the expression does not compile");
        assertThat(GridKt._getFormatted(view.rules, view.drafts().indexOf(rule(view, "doubled")), "problem"))
                .contains("does not compile");
    }

    @Test
    void the_preview_follows_a_changed_rule() {
        MappingBuilderView view = open("");
        added(view, "note", RuleDraft.Kind.CONSTANT);
        view.ruleForm.constant.setValue("first");
        assertThat(column(view, "note")).containsOnly("first").hasSize(3);

        view.ruleForm.constant.setValue("second");

        assertThat(column(view, "note")).containsOnly("second").hasSize(3);
    }

    @Test
    void save_and_pin_creates_a_version_and_pins_it() {
        MappingBuilderView view = open("");
        added(view, "sku", RuleDraft.Kind.SOURCE);
        view.ruleForm.source.setValue("id");

        view.save(true);

        List<MappingVersion> saved = context.getBean(MappingVersions.class).list(scope(), integration.id());
        assertThat(saved).singleElement().satisfies(v -> {
            assertThat(v.pinned()).isTrue();
            assertThat(v.spec().toString()).contains("sku", "id");
        });
        assertThat(view.saveStatus.getText()).isEqualTo("Saved as version 1 and pinned: runs map with it from now on.");
    }

    @Test
    void an_invalid_mapping_is_not_saved_and_says_why_at_the_field() {
        MappingBuilderView view = open("");
        added(view, "quantity", RuleDraft.Kind.SOURCE);
        view.ruleForm.source.setValue("id");
        view.ruleForm.moneyFrom.setValue("minor");
        view.ruleForm.moneyTo.setValue("decimal");
        view.ruleForm.currency.setValue("XYZ");

        view.save(true);

        assertThat(context.getBean(MappingVersions.class).list(scope(), integration.id())).isEmpty();
        assertThat(view.saveStatus.getText()).startsWith("Nothing was saved: 1 problem to fix");
        assertThat(view.ruleForm.currency.isInvalid()).isTrue();
        assertThat(view.ruleForm.currency.getErrorMessage()).contains("'XYZ' is not an ISO 4217 currency code");
    }

    @Test
    void fixing_errors_from_the_inbox_saves_pins_and_retries_them() throws Exception {
        UUID first = error("ord-1", "  L88917AVBK2S5 ");
        error("ord-2", " L2 ");
        UI.getCurrent().navigate("errors/" + first);
        _click(_get(Button.class, spec -> spec.withId("error-fix-mapping")));
        MappingBuilderView view = _get(MappingBuilderView.class);
        assertThat(view.banner.getText()).startsWith("Fixing 2 errors of kind Value the target cannot take in field location_id");
        assertThat(view.ruleForm.title.getText()).isEqualTo("Rule for location_id");
        view.ruleForm.kind.setValue(RuleDraft.Kind.SOURCE);
        view.ruleForm.source.setValue("location_id");
        view.ruleForm.trim.setValue(true);
        assertThat(column(view, "location_id")).as("the errors' records, then the discovered samples").hasSize(5);
        assertThat(column(view, "location_id").subList(0, 2)).containsExactlyInAnyOrder("L88917AVBK2S5", "L2");

        view.save(true);
        assertThat(view.saveStatus.getText()).startsWith("Saved as version 1 and pinned");
        assertThat(view.retryErrors.getText()).isEqualTo("Retry the 2 errors of this kind");
        view.retryErrors();

        ErrorInbox inbox = context.getBean(ErrorInbox.class);
        assertThat(inbox.list(scope(), new ErrorFilter(integration.id(), null, ErrorStatus.RETRIED, null),
                Optional.empty(), 50).items()).hasSize(2);
        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath()).isEqualTo("errors");
        assertThat(NotificationsKt.getNotifications()).anySatisfy(n -> assertThat(n.getElement().getProperty("text"))
                .startsWith("2 records of kind Value the target cannot take queued for a retry"));
    }

    @Test
    void another_tenants_integration_is_not_found() {
        String path = "integrations/" + integration.id() + "/mapping";
        MockPortal.tearDown();
        MockPortal.setUp(context);
        PortalFixture.signIn(context, PortalFixture.signUp(context, "Other Builder Bakery"));

        UI.getCurrent().navigate(path);

        String text = _get(MappingBuilderView.class).getElement().getTextRecursively();
        assertThat(text).contains("No such integration").doesNotContain("Orders to stock");
    }

    private UUID error(String key, String location) throws Exception {
        return InboxRows.insert(session.requireTenant().value(), integration.id(), key, "value", "location_id",
                "unknown location \"" + location + "\"", "{\"id\": \"" + key + "\", \"location_id\": \"" + location + "\"}");
    }
}
