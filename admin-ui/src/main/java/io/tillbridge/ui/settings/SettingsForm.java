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

/**
 * The business settings and KPI targets; fires {@link SaveEvent} with a valid change. The settings
 * page shows both parts; the onboarding wizard one part per step ({@link #showOnly}).
 */
public class SettingsForm extends FormLayout {

    /** The parts of the form. */
    public enum Part {
        /** Business name and currency. */
        BUSINESS,
        /** The KPI targets. */
        TARGETS
    }

    /** The fields as edited. */
    static final class Draft {
        String businessName;
        String currency;
        BigDecimal manualMinutesPerRecord;
        BigDecimal hourlyStaffCost;
        /** The target error rate as the merchant reads it: a percentage, 0 to 100. */
        BigDecimal targetErrorPercent;
        BigDecimal targetCompletionMinutes;

        static Draft of(TenantSettings settings) {
            Draft d = new Draft();
            d.businessName = settings.businessName();
            d.currency = settings.currency();
            d.manualMinutesPerRecord = settings.kpiTargets().manualMinutesPerRecord();
            d.hourlyStaffCost = settings.kpiTargets().hourlyStaffCost();
            d.targetErrorPercent = settings.kpiTargets().targetErrorRate() == null ? null
                    : settings.kpiTargets().targetErrorRate().movePointRight(2).stripTrailingZeros();
            d.targetCompletionMinutes = settings.kpiTargets().targetCompletionMinutes();
            return d;
        }

        SettingsChange toChange() {
            BigDecimal targetErrorRate = targetErrorPercent == null ? null : targetErrorPercent.movePointLeft(2);
            return new SettingsChange(businessName, Currency.getInstance(currency), new KpiTargets(
                    manualMinutesPerRecord, hourlyStaffCost, targetErrorRate, targetCompletionMinutes));
        }
    }

    public final TextField businessName = new TextField("Business name");
    public final ComboBox<String> currency = new ComboBox<>("Currency");
    public final BigDecimalField manualMinutes = new BigDecimalField("Manual minutes per record");
    public final BigDecimalField hourlyCost = new BigDecimalField("Hourly staff cost");
    public final BigDecimalField errorRate = new BigDecimalField("Target error rate (%)");
    public final BigDecimalField completionMinutes = new BigDecimalField("Target completion (minutes)");
    public final Button save = new Button("Save");
    private final Binder<Draft> binder = new Binder<>();
    /** What was typed into the currency field that is no currency; null when nothing was. */
    private String rejectedCurrency;

    public SettingsForm() {
        businessName.setId("settings-business");
        currency.setId("settings-currency");
        save.setId("settings-save");
        errorRate.setId("settings-error-rate");
        manualMinutes.setId("settings-manual-minutes");
        hourlyCost.setId("settings-hourly-cost");
        completionMinutes.setId("settings-completion");
        currency.setItems(CurrencyChoices.inUse());
        currency.setItemLabelGenerator(CurrencyChoices::label);
        currency.setHelperText("The currency amounts are kept in");
        // A typed code that is no currency in use is refused at the field, never silently reverted.
        currency.setAllowCustomValue(true);
        currency.addCustomValueSetListener(event -> rejectCurrency(event.getDetail()));
        currency.addValueChangeListener(event -> rejectedCurrency = null);
        manualMinutes.setHelperText("How long one record took by hand before the integration");
        hourlyCost.setHelperText("What an hour of that work costs, in the currency above");
        errorRate.setHelperText("The share of records allowed to fail, 0 to 100 %, e.g. 1 or 0.5");
        completionMinutes.setHelperText("How long a run may take");
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
        binder.forField(errorRate)
                .withValidator(new BigDecimalRangeValidator("Must be between 0 and 100 %", zero, BigDecimal.valueOf(100)))
                .withValidator(v -> v == null || v.stripTrailingZeros().scale() <= 3, "At most three decimals, e.g. 0.125")
                .bind(d -> d.targetErrorPercent, (d, v) -> d.targetErrorPercent = v);
        binder.forField(completionMinutes).withValidator(new BigDecimalRangeValidator("Must be 0 or more", zero, null))
                .bind(d -> d.targetCompletionMinutes, (d, v) -> d.targetCompletionMinutes = v);

        save.addClickListener(event -> {
            if (rejectedCurrency != null) {
                rejectCurrency(rejectedCurrency);
                return;
            }
            if (binder.validate().isOk()) {
                fireEvent(new SaveEvent(this, binder.getBean().toChange()));
            }
        });
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("40em", 2));
        add(businessName, currency, manualMinutes, hourlyCost, errorRate, completionMinutes, save);
    }

    /** Shows one part only; the other part's values are kept as they are and saved unchanged. */
    public void showOnly(Part part) {
        boolean business = part == Part.BUSINESS;
        businessName.setVisible(business);
        currency.setVisible(business);
        manualMinutes.setVisible(!business);
        hourlyCost.setVisible(!business);
        errorRate.setVisible(!business);
        completionMinutes.setVisible(!business);
    }

    public void edit(TenantSettings settings) {
        // A currency set through the API that no country uses any more stays choosable as it is.
        currency.setItems(CurrencyChoices.inUse().contains(settings.currency()) ? CurrencyChoices.inUse()
                : java.util.stream.Stream.concat(CurrencyChoices.inUse().stream(), java.util.stream.Stream.of(settings.currency()))
                        .sorted().toList());
        binder.setBean(Draft.of(settings));
        rejectedCurrency = null;
    }

    private void rejectCurrency(String typed) {
        rejectedCurrency = typed;
        currency.setErrorMessage("\"" + typed + "\" is not a currency in use; choose one from the list");
        currency.setInvalid(true);
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    public static final class SaveEvent extends ComponentEvent<SettingsForm> {
        private final SettingsChange change;

        SaveEvent(SettingsForm source, SettingsChange change) {
            super(source, false);
            this.change = change;
        }

        public SettingsChange change() {
            return change;
        }
    }
}
