package io.tillbridge.ui.reconciliation;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.platform.internal.Sql;
import io.tillbridge.reconciliation.ReconciledDay;
import io.tillbridge.reconciliation.Reconciliation;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciliation view of an integration: the range from the URL, the refusal of an integration
 * that makes no journals, and a reconciliation's days in words with the differing families, the
 * document and the CSV download.
 */
class ReconciliationViewIT {

    private static final LocalDate DAY = LocalDate.parse("2026-11-02");

    private static ApplicationContext context;
    private PortalSession session;
    private UUID orders;

    @BeforeAll
    static void start() {
        context = TestContexts.run();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void a_tenant_with_an_integration() {
        String owner = PortalFixture.signUp(context, "Reconciling Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
        TenantId tenant = session.currentTenant().orElseThrow();
        orders = UUID.randomUUID();
        context.getBean(TenantTransactions.class).write(tenant, c -> {
            Sql.update(c, "INSERT INTO integrations (tenant_id, id, name, source_connection_id, source_stream,"
                    + " target_connection_id, target_object) VALUES (?, ?, 'Orders', ?, 'orders', ?, 'orders')",
                    tenant.value(), orders, UUID.randomUUID(), UUID.randomUUID());
            return null;
        });
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void the_range_comes_from_the_url_and_an_integration_without_journals_is_refused_in_words() {
        UI.getCurrent().navigate("integrations/" + orders + "/reconciliation",
                QueryParameters.simple(Map.of("from", "2026-11-01", "to", "2026-11-07")));
        ReconciliationView view = _get(ReconciliationView.class);

        assertThat(view.from.getValue()).isEqualTo(LocalDate.parse("2026-11-01"));
        assertThat(view.to.getValue()).isEqualTo(LocalDate.parse("2026-11-07"));
        assertThat(view.refusal.isVisible()).isTrue();
        assertThat(view.refusal.getText()).contains("makes no journal documents");
        assertThat(view.download.isVisible()).isFalse();
    }

    @Test
    void days_show_their_status_in_words_with_the_differing_families_and_a_csv_download() {
        UI.getCurrent().navigate("integrations/" + orders + "/reconciliation",
                QueryParameters.simple(Map.of("from", "2026-11-01", "to", "2026-11-07")));
        ReconciliationView view = _get(ReconciliationView.class);
        ReconciledDay matched = ReconciledDay.compare(DAY, "L1", "USD", true, "TBa", "11",
                Map.of("tax", new BigDecimal("-8.88")), Map.of("tax", new BigDecimal("-8.88")));
        ReconciledDay differing = ReconciledDay.compare(DAY, "L2", "USD", true, "TBb", "12",
                Map.of("tax", new BigDecimal("-8.88")), Map.of("tax", new BigDecimal("-7.88")));
        ReconciledDay missing = ReconciledDay.compare(DAY, "L3", "USD", true, "TBc", null,
                Map.of("tax", new BigDecimal("-8.88")), null);
        ReconciledDay pending = ReconciledDay.compare(DAY.plusDays(1), "L1", "USD", false, "TBd", null,
                Map.of("tax", new BigDecimal("-8.88")), null);

        view.show(new Reconciliation(orders, DAY, DAY.plusDays(1), 40, List.of(),
                List.of(matched, differing, missing, pending)));

        assertThat(view.days.getGenericDataView().getItems().map(ReconciliationView::status).toList())
                .containsExactly("Matched", "Differs by 1.00 in tax", "Missing in the target", "Not final yet");
        assertThat(ReconciliationView.amounts(differing)).isEqualTo("tax: POS -8.88, target -7.88");
        assertThat(view.summary.getText()).contains("4 days and locations").contains("1 matched, 1 differing,"
                + " 1 missing, 1 not final yet");
        assertThat(view.download.isVisible()).isTrue();
        assertThat(view.download.getText()).isEqualTo("Download CSV");
        assertThat(view.download.getHref()).isNotBlank();
    }
}
