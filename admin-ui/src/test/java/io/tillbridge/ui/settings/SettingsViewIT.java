package io.tillbridge.ui.settings;

import static com.github.mvysny.kaributesting.v10.ButtonKt._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
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
    void an_error_rate_above_100_percent_is_refused_at_the_field_with_a_message() {
        SettingsForm form = _get(SettingsView.class).form;
        int version = current().version();
        form.errorRate.setValue(new java.math.BigDecimal("150"));

        _click(form.save);

        assertThat(form.errorRate.isInvalid()).isTrue();
        assertThat(form.errorRate.getErrorMessage()).isEqualTo("Must be between 0 and 100 %");
        assertThat(current().version()).isEqualTo(version);
    }

    @Test
    void the_error_rate_is_entered_as_a_percentage_and_kept_as_a_share() {
        SettingsForm form = _get(SettingsView.class).form;
        form.errorRate.setValue(new java.math.BigDecimal("1.5"));

        _click(form.save);

        assertThat(current().kpiTargets().targetErrorRate()).isEqualByComparingTo("0.015");
        MockPortal.tearDown();
        MockPortal.setUp(context);
        PortalFixture.signIn(context, session.email());
        UI.getCurrent().navigate("settings");
        assertThat(_get(SettingsView.class).form.errorRate.getValue()).isEqualByComparingTo("1.5");
    }

    @Test
    void a_typed_code_that_is_no_currency_is_refused_at_the_field_and_nothing_is_saved() {
        SettingsForm form = _get(SettingsView.class).form;
        TenantSettings before = current();

        ComboBoxKt._fireCustomValueSet(form.currency, "XYZ");
        _click(form.save);

        assertThat(form.currency.isInvalid()).isTrue();
        assertThat(form.currency.getErrorMessage()).contains("\"XYZ\" is not a currency in use");
        assertThat(messages()).doesNotContain("Settings saved.");
        assertThat(current().version()).isEqualTo(before.version());
    }

    @Test
    void an_emptied_currency_is_refused_at_the_field() {
        SettingsForm form = _get(SettingsView.class).form;
        int version = current().version();

        form.currency.clear();
        _click(form.save);

        assertThat(form.currency.isInvalid()).isTrue();
        assertThat(form.currency.getErrorMessage()).isEqualTo("Choose a currency");
        assertThat(current().version()).isEqualTo(version);
    }

    @Test
    void saving_without_a_change_says_so_and_writes_nothing() {
        SettingsForm form = _get(SettingsView.class).form;
        int version = current().version();

        _click(form.save);

        assertThat(messages()).contains("Nothing to save: the settings are as they were.").doesNotContain("Settings saved.");
        assertThat(current().version()).isEqualTo(version);
    }

    @Test
    void the_currency_list_offers_currencies_in_use_with_their_names_and_no_withdrawn_codes() {
        SettingsForm form = _get(SettingsView.class).form;

        List<String> labels = ComboBoxKt.getSuggestions(form.currency);

        assertThat(labels).contains("EUR · Euro", "USD · US Dollar", "JPY · Japanese Yen")
                .noneMatch(l -> l.startsWith("DEM") || l.startsWith("ATS") || l.startsWith("XAU"));
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
