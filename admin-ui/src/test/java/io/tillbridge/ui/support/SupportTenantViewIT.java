package io.tillbridge.ui.support;

import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.TestContexts;
import io.tillbridge.users.SignupResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The support console's tenant page lists the tenant's real integrations. */
class SupportTenantViewIT {

    private static ApplicationContext context;
    private static String supportEmail;
    private static UUID shop;

    @BeforeAll
    static void a_tenant_with_an_integration_and_a_support_user() throws SQLException {
        context = TestContexts.run();
        SignupResult signup = PortalFixture.signUpResult(context, "Support View Shop",
                "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@portal.example");
        shop = signup.tenant().value();
        supportEmail = PortalFixture.signUp(context, "Support Staff Home");
        try (Connection c = TestDatabase.shared().owner().connect()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET platform_role = 'support' WHERE email = ?")) {
                ps.setString(1, supportEmail);
                ps.executeUpdate();
            }
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                ps.setString(1, shop.toString());
                ps.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO integrations (tenant_id, id, name,"
                    + " source_connection_id, source_stream, target_connection_id, target_object, mode)"
                    + " VALUES (?, ?, 'Orders to warehouse', ?, 'orders', ?, 'pos_orders', 'live')")) {
                ps.setObject(1, shop);
                ps.setObject(2, UUID.randomUUID());
                ps.setObject(3, UUID.randomUUID());
                ps.setObject(4, UUID.randomUUID());
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void the_tenant_page_lists_its_integrations_with_stream_mode_and_status() {
        MockPortal.setUp(context);
        PortalFixture.signIn(context, supportEmail);

        UI.getCurrent().navigate("support/tenants/" + shop);

        SupportTenantView view = (SupportTenantView) UI.getCurrent().getInternals().getActiveRouterTargetsChain().get(0);
        assertThat(view.integrations.isVisible()).isTrue();
        assertThat(_size(view.integrations)).isEqualTo(1);
        assertThat(_getFormattedRow(view.integrations, 0))
                .containsExactly("Orders to warehouse", "orders \u2192 pos_orders", "live", "active");
    }
}
