package io.tillbridge.ui.integrations;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.integrations.Integration;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.journals.JournalPreview;
import io.tillbridge.journals.JournalPreviewRequest;
import io.tillbridge.journals.JournalPreviews;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.templates.TemplateInstallDraft;
import io.tillbridge.templates.TemplateInstalls;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal preview on an integration's page against a real platform: the template "POS daily
 * sales -> QuickBooks journal" installed on the platform's Square sandbox, with its account map still
 * empty, so that every journal is held and names its keys. The preview never calls QuickBooks.
 */
class JournalPreviewSectionIT {

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
        String owner = PortalFixture.signUp(context, "Journal Preview Bakery");
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

    private Integration installed() {
        ConnectionService connections = context.getBean(ConnectionService.class);
        return installed(connections.create(scope(), new ConnectionDraft("square", "Till", Map.of(), true)).id());
    }

    private Integration installed(UUID pos) {
        ConnectionService connections = context.getBean(ConnectionService.class);
        UUID books = connections.create(scope(), new ConnectionDraft("quickbooks", "Books", Map.of("baseUrl",
                "http://127.0.0.1:9/", "realmId", "1", "accessToken", "not-a-token"))).id();
        context.getBean(TemplateInstalls.class).install(scope(), "pos-daily-sales-to-quickbooks",
                new TemplateInstallDraft(pos, books, null, null, false));
        return context.getBean(IntegrationService.class).list(scope(), Optional.empty(), 10).items().stream()
                .filter(i -> "pos.orders".equals(i.sourceStream())).findFirst().orElseThrow();
    }

    @Test
    void a_day_with_sales_shows_its_journals_and_the_keys_to_map_in_words() {
        Integration integration = installed();
        UI.getCurrent().navigate("integrations/" + integration.id());
        JournalPreviewSection section = _get(IntegrationView.class).journalPreview;
        assertThat(section).as("a section for a mapping that makes journals").isNotNull();
        assertThat(section.day.getValue()).isEqualTo(LocalDate.now(ZoneOffset.UTC).minusDays(1));

        // The sandbox's recent days are not known in advance: go back until a day has sales.
        aDayWithSales(section);
        // With an empty account map every row is held: the journal has no line yet.
        assertThat(GridKt._size(section.grids.get(0))).isZero();
        String text = section.journals.getElement().getTextRecursively();
        assertThat(text).contains("Balanced.").containsPattern("(Not final yet: final from|Final since) \\d{4}-")
                .contains("has no account in the value map").contains("Held until these values are mapped")
                .contains("Held: it is not posted until its records map.");
        assertThat(section.day.isInvalid()).isFalse();
    }

    /** Previews days back from yesterday until one has a journal. */
    private static void aDayWithSales(JournalPreviewSection section) {
        for (int back = 1; back <= 10 && section.grids.isEmpty(); back++) {
            section.day.setValue(LocalDate.now(ZoneOffset.UTC).minusDays(back));
            _click(section.preview);
        }
        assertThat(section.grids).as(section.summary.getText()).isNotEmpty();
    }

    @Test
    void with_every_key_mapped_a_journal_shows_its_lines_with_totals_and_balanced_in_words() {
        Integration integration = installed();
        UI.getCurrent().navigate("integrations/" + integration.id());
        JournalPreviewSection section = _get(IntegrationView.class).journalPreview;
        aDayWithSales(section);
        LocalDate day = section.day.getValue();
        // Map every key the day holds, each to an account of its own, and pin that version.
        JournalPreview held = context.getBean(JournalPreviews.class).preview(scope(), integration.id(),
                new JournalPreviewRequest(day.toString(), null));
        MappingVersions versions = context.getBean(MappingVersions.class);
        ObjectNode spec = (ObjectNode) MappingSpecJson.tree(versions.pinned(scope().tenant(), integration.id())
                .orElseThrow().spec());
        ObjectNode entries = ((ObjectNode) spec.path("valueMaps").path("accounts")).putObject("entries");
        held.journals().stream().flatMap(j -> j.held().stream()).forEach(v -> entries.put(v.value(), "acct-" + v.value()));
        int version = versions.create(scope(), integration.id(), MappingSpecJson.read(spec).spec()).version();
        versions.pin(scope(), integration.id(), version);

        UI.getCurrent().navigate("integrations/" + integration.id());
        section = _get(IntegrationView.class).journalPreview;
        section.day.setValue(day);
        _click(section.preview);

        Grid<JournalPreview.Line> grid = section.grids.get(0);
        assertThat(GridKt._size(grid)).isPositive();
        assertThat(GridKt._getFormatted(grid, 0, "account")).startsWith("acct-");
        JournalPreview.Journal first = context.getBean(JournalPreviews.class).preview(scope(), integration.id(),
                new JournalPreviewRequest(day.toString(), null)).journals().get(0);
        assertThat(grid.getColumnByKey("debit").getFooterText()).isEqualTo(first.debits().toPlainString());
        assertThat(grid.getColumnByKey("credit").getFooterText()).isEqualTo(first.credits().toPlainString());
        String text = section.journals.getElement().getTextRecursively();
        assertThat(text).contains("Balanced.").doesNotContain("Held until these values are mapped");
    }

    @Test
    void a_source_that_cannot_be_read_says_so_at_the_date_field() {
        ConnectionService connections = context.getBean(ConnectionService.class);
        UUID pos = connections.create(scope(), new ConnectionDraft("square", "Till", Map.of("baseUrl",
                "http://127.0.0.1:9/", "accessToken", "not-a-token", "maxRetries", 0))).id();
        Integration integration = installed(pos);
        UI.getCurrent().navigate("integrations/" + integration.id());
        JournalPreviewSection section = _get(IntegrationView.class).journalPreview;

        _click(section.preview);

        assertThat(section.day.isInvalid()).isTrue();
        assertThat(section.day.getErrorMessage()).contains("could not be read");
        assertThat(section.grids).isEmpty();
    }

    @Test
    void a_day_without_a_date_says_so_at_the_field() {
        Integration integration = installed();
        UI.getCurrent().navigate("integrations/" + integration.id());
        JournalPreviewSection section = _get(IntegrationView.class).journalPreview;
        section.day.clear();

        _click(section.preview);

        assertThat(section.day.isInvalid()).isTrue();
        assertThat(section.day.getErrorMessage()).isEqualTo("Choose a business day.");
    }
}
