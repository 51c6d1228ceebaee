package io.tillbridge.ui.settings;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.validator.BigDecimalRangeValidator;
import com.vaadin.flow.data.validator.StringLengthValidator;
import com.vaadin.flow.shared.Registration;
import io.tillbridge.settings.KpiTargets;
import io.tillbridge.settings.SettingsChange;
import io.tillbridge.settings.TenantSettings;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Comparator;

/** The business settings and KPI targets; fires {@link SaveEvent} with a valid change. */
class SettingsForm extends FormLayout {

    /** The fields as edited. */
    static final class Draft {
        String businessName;
        String currency;
        BigDecimal manualMinutesPerRecord;
        BigDecimal hourlyStaffCost;
        BigDecimal targetErrorRate;
        BigDecimal targetCompletionMinutes;

        static Draft of(TenantSettings settings) {
            Draft d = new Draft();
            d.businessName = settings.businessName();
            d.currency = settings.currency();
            d.manualMinutesPerRecord = settings.kpiTargets().manualMinutesPerRecord();
            d.hourlyStaffCost = settings.kpiTargets().hourlyStaffCost();
            d.targetErrorRate = settings.kpiTargets().targetErrorRate();
            d.targetCompletionMinutes = settings.kpiTargets().targetCompletionMinutes();
            return d;
        }

        SettingsChange toChange() {
            return new SettingsChange(businessName, Currency.getInstance(currency), new KpiTargets(
                    manualMinutesPerRecord, hourlyStaffCost, targetErrorRate, targetCompletionMinutes));
        }
    }

    final TextField businessName = new TextField("Business name");
    final ComboBox<String> currency = new ComboBox<>("Currency");
    final BigDecimalField manualMinutes = new BigDecimalField("Manual minutes per record");
    final BigDecimalField hourlyCost = new BigDecimalField("Hourly staff cost");
    final BigDecimalField errorRate = new BigDecimalField("Target error rate (0 to 1)");
    final BigDecimalField completionMinutes = new BigDecimalField("Target completion (minutes)");
    final Button save = new Button("Save");
    private final Binder<Draft> binder = new Binder<>();

    SettingsForm() {
        businessName.setId("settings-business");
        currency.setId("settings-currency");
        save.setId("settings-save");
        currency.setItems(Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode)
                .sorted(Comparator.naturalOrder()).toList());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);

        binder.forField(businessName).asRequired("Enter the business name")
                .withValidator(new StringLengthValidator("At most 200 characters", 1, 200))
                .bind(d -> d.businessName, (d, v) -> d.businessName = v);
        binder.forField(currency).asRequired("Choose a currency").bind(d -> d.currency, (d, v) -> d.currency = v);
        BigDecimal zero = BigDecimal.ZERO;
        binder.forField(manualMinutes).withValidator(new BigDecimalRangeValidator("Must be 0 or more", zero, null))
                .bind(d -> d.manualMinutesPerRecord, (d, v) -> d.manualMinutesPerRecord = v);
        binder.forField(hourlyCost).withValidator(new BigDecimalRangeValidator("Must be 0 or more", zero, null))
                .bind(d -> d.hourlyStaffCost, (d, v) -> d.hourlyStaffCost = v);
        binder.forField(errorRate).withValidator(new BigDecimalRangeValidator("Must be between 0 and 1", zero, BigDecimal.ONE))
                .bind(d -> d.targetErrorRate, (d, v) -> d.targetErrorRate = v);
        binder.forField(completionMinutes).withValidator(new BigDecimalRangeValidator("Must be 0 or more", zero, null))
                .bind(d -> d.targetCompletionMinutes, (d, v) -> d.targetCompletionMinutes = v);

        save.addClickListener(event -> {
            if (binder.validate().isOk()) {
                fireEvent(new SaveEvent(this, binder.getBean().toChange()));
            }
        });
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("40em", 2));
        add(businessName, currency, manualMinutes, hourlyCost, errorRate, completionMinutes, save);
    }

    void edit(TenantSettings settings) {
        binder.setBean(Draft.of(settings));
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    static final class SaveEvent extends ComponentEvent<SettingsForm> {
        private final SettingsChange change;

        SaveEvent(SettingsForm source, SettingsChange change) {
            super(source, false);
            this.change = change;
        }

        SettingsChange change() {
            return change;
        }
    }
}
