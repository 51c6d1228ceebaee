package io.tillbridge.ui.settings;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.UI;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.settings.KpiTargets;
import io.tillbridge.settings.SettingsChange;
import io.tillbridge.settings.TenantSettings;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettingsViewIT {

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
    void openSettings() {
        String owner = PortalFixture.signUp(context, "Settings Test Bakery");
        MockPortal.setUp(context);
        session = PortalFixture.signIn(context, owner);
        UI.getCurrent().navigate("settings");
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void saving_changes_the_business_name() {
        SettingsForm form = _get(SettingsView.class).form;
        form.businessName.setValue("Renamed Bakery");

        _click(form.save);

        assertThat(current().businessName()).isEqualTo("Renamed Bakery");
        assertThat(messages()).contains("Settings saved.");
    }

    @Test
    void a_save_over_someone_elses_change_is_refused_with_a_reload_message() {
        SettingsForm form = _get(SettingsView.class).form;
        TenantSettings before = current();
        settings().update(session.admit(context.getBean(TenantAccess.class)), before.version(),
                new SettingsChange("Changed Elsewhere", Currency.getInstance("EUR"), KpiTargets.NONE));
        form.businessName.setValue("My Change");

        _click(form.save);

        assertThat(messages()).contains(Notices.CHANGED_BY_SOMEONE_ELSE);
        assertThat(current().businessName()).isEqualTo("Changed Elsewhere");
    }

    @Test
    void an_error_rate_above_one_is_refused_in_the_form() {
        SettingsForm form = _get(SettingsView.class).form;
        int version = current().version();
        form.errorRate.setValue(new java.math.BigDecimal("1.5"));

        _click(form.save);

        assertThat(form.errorRate.isInvalid()).isTrue();
        assertThat(current().version()).isEqualTo(version);
    }

    private TenantSettings current() {
        return settings().get(session.admit(context.getBean(TenantAccess.class)));
    }

    private static TenantSettingsService settings() {
        return context.getBean(TenantSettingsService.class);
    }

    private static List<String> messages() {
        return NotificationsKt.getNotifications().stream().map(n -> n.getElement().getProperty("text")).toList();
    }
}
