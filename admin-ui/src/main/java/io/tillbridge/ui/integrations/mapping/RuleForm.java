package io.tillbridge.ui.integrations.mapping;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldBase;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The editor of one target field's rule: where the value comes from (a source field, joined source
 * fields, a constant or a CEL expression) and what is done to it (split, default, required, trim,
 * case, money, date-time, business day, value map, type). Every change is written into the draft
 * and fired as a {@link RuleChanged}; what the mapping engine says is wrong is shown in words at the
 * field it is about. Never calls services.
 */
class RuleForm extends VerticalLayout {

    /** The rule being edited changed. */
    static class RuleChanged extends ComponentEvent<RuleForm> {
        RuleChanged(RuleForm source) {
            super(source, false);
        }
    }

    static final List<String> TYPES = List.of("", "string", "integer", "decimal", "boolean", "date", "date-time");

    final H3 title = new H3();
    final Paragraph problem = new Paragraph();
    final Select<RuleDraft.Kind> kind = new Select<>();
    final ComboBox<String> source = new ComboBox<>("Source field");
    final TextField sources = new TextField("Source fields to join (comma separated)");
    final TextField separator = new TextField("Separator");
    final TextField constant = new TextField("Constant value");
    final TextArea expression = new TextArea("CEL expression");
    final TextField splitSeparator = new TextField("Split by");
    final IntegerField splitIndex = new IntegerField("Keep part (from 0)");
    final TextField defaultValue = new TextField("Default when empty");
    final Checkbox required = new Checkbox("Required: a record without a value is held as an error");
    final Checkbox trim = new Checkbox("Trim surrounding spaces");
    final Select<String> letterCase = new Select<>();
    final Select<String> type = new Select<>();
    final Select<String> moneyFrom = new Select<>();
    final Select<String> moneyTo = new Select<>();
    final TextField currency = new TextField("Currency");
    final TextField currencySource = new TextField("Currency from source field");
    final TextField convertTo = new TextField("Convert to currency");
    final TextField zone = new TextField("Write in time zone");
    final TextField assumeZone = new TextField("Time zone of values without one");
    final TextField dayZone = new TextField("Business day time zone");
    final TextField dayZoneSource = new TextField("Time zone from source field");
    final TextField closeOut = new TextField("Close-out time (HH:mm)");
    final Checkbox mapValues = new Checkbox("Map values with a value map");
    private RuleDraft draft;
    private boolean loading;

    RuleForm() {
        setPadding(false);
        setId("rule-form");
        problem.setId("rule-problem");
        problem.setVisible(false);
        kind.setId("rule-kind");
        source.setId("rule-source");
        sources.setId("rule-sources");
        constant.setId("rule-constant");
        expression.setId("rule-expression");
        type.setId("rule-type");
        kind.setLabel("Value comes from");
        kind.setItems(RuleDraft.Kind.values());
        kind.setItemLabelGenerator(k -> k.label);
        source.setAllowCustomValue(true);
        source.addCustomValueSetListener(e -> source.setValue(e.getDetail()));
        expression.setHelperText("Over record, e.g. record.total_money.amount / 100");
        expression.setWidthFull();
        letterCase.setLabel("Letter case");
        letterCase.setItems("", "upper", "lower");
        letterCase.setItemLabelGenerator(c -> c.isEmpty() ? "unchanged" : c);
        type.setLabel("Cast to type");
        type.setItems(TYPES);
        type.setItemLabelGenerator(t -> t.isEmpty() ? "as it comes" : t);
        moneyFrom.setLabel("Money from");
        moneyTo.setLabel("Money to");
        for (Select<String> money : List.of(moneyFrom, moneyTo)) {
            money.setItems("", "minor", "decimal");
            money.setItemLabelGenerator(m -> m.isEmpty() ? "not money" : m.equals("minor") ? "minor units (1050)" : "decimal (10.50)");
        }

        bind(kind, (d, v) -> d.kind = v == null ? RuleDraft.Kind.NONE : v);
        bind(source, (d, v) -> d.source = v == null ? "" : v);
        bind(sources, (d, v) -> d.sources = v);
        bind(separator, (d, v) -> d.separator = v);
        bind(constant, (d, v) -> d.constant = v);
        bind(expression, (d, v) -> d.expression = v);
        bind(splitSeparator, (d, v) -> d.splitSeparator = v);
        bind(splitIndex, (d, v) -> d.splitIndex = v);
        bind(defaultValue, (d, v) -> d.defaultValue = v);
        bind(required, (d, v) -> d.required = v);
        bind(trim, (d, v) -> d.trim = v);
        bind(letterCase, (d, v) -> d.letterCase = v == null ? "" : v);
        bind(type, (d, v) -> d.type = v == null ? "" : v);
        bind(moneyFrom, (d, v) -> d.moneyFrom = v == null ? "" : v);
        bind(moneyTo, (d, v) -> d.moneyTo = v == null ? "" : v);
        bind(currency, (d, v) -> d.currency = v.toUpperCase(Locale.ROOT));
        bind(currencySource, (d, v) -> d.currencySource = v);
        bind(convertTo, (d, v) -> d.convertTo = v.toUpperCase(Locale.ROOT));
        bind(zone, (d, v) -> d.zone = v);
        bind(assumeZone, (d, v) -> d.assumeZone = v);
        bind(dayZone, (d, v) -> d.dayZone = v);
        bind(dayZoneSource, (d, v) -> d.dayZoneSource = v);
        bind(closeOut, (d, v) -> d.closeOut = v);
        bind(mapValues, (d, v) -> d.valueMap = v ? (RuleDraft.blank(d.valueMap) ? d.target : d.valueMap) : "");
        for (TextFieldBase<?, ?> text : List.of(sources, separator, constant, expression, splitSeparator, defaultValue,
                currency, currencySource, convertTo, zone, assumeZone, dayZone, dayZoneSource, closeOut)) {
            text.setValueChangeMode(ValueChangeMode.EAGER);
        }
        splitIndex.setValueChangeMode(ValueChangeMode.EAGER);
        splitIndex.setMin(0);

        FormLayout value = new FormLayout(kind, source, sources, separator, constant, defaultValue, type, letterCase,
                required, trim);
        value.setColspan(expression, 2);
        Details split = new Details("Split", new FormLayout(splitSeparator, splitIndex));
        Details money = new Details("Money", new FormLayout(moneyFrom, moneyTo, currency, currencySource, convertTo));
        Details dateTime = new Details("Date-time", new FormLayout(zone, assumeZone));
        Details businessDay = new Details("Business day", new FormLayout(dayZone, dayZoneSource, closeOut));
        add(title, problem, value, expression, split, money, dateTime, businessDay, mapValues);
    }

    Registration addRuleChangedListener(ComponentEventListener<RuleChanged> listener) {
        return addListener(RuleChanged.class, listener);
    }

    private <V> void bind(AbstractField<?, V> field, BiConsumer<RuleDraft, V> write) {
        field.addValueChangeListener(event -> {
            if (loading || draft == null) {
                return;
            }
            write.accept(draft, event.getValue());
            if (field == kind) {
                showKind();
            }
            fireEvent(new RuleChanged(this));
        });
    }

    /** Shows {@code rule} for editing; the source field offers {@code sourceFields}. */
    void edit(RuleDraft rule, List<String> sourceFields) {
        draft = rule;
        loading = true;
        try {
            title.setText("Rule for " + rule.target + (rule.requiredByTarget ? " (required by the target)" : ""));
            List<String> offered = new java.util.ArrayList<>(sourceFields);
            if (!rule.source.isEmpty() && !offered.contains(rule.source)) {
                offered.add(rule.source);
            }
            source.setItems(offered);
            kind.setValue(rule.kind);
            source.setValue(rule.source.isEmpty() ? null : rule.source);
            sources.setValue(rule.sources);
            separator.setValue(rule.separator);
            constant.setValue(String.valueOf(rule.constant));
            expression.setValue(rule.expression);
            splitSeparator.setValue(rule.splitSeparator);
            splitIndex.setValue(rule.splitIndex);
            defaultValue.setValue(String.valueOf(rule.defaultValue));
            required.setValue(rule.required);
            trim.setValue(rule.trim);
            letterCase.setValue(rule.letterCase);
            type.setValue(TYPES.contains(rule.type) ? rule.type : "");
            moneyFrom.setValue(rule.moneyFrom);
            moneyTo.setValue(rule.moneyTo);
            currency.setValue(rule.currency);
            currencySource.setValue(rule.currencySource);
            convertTo.setValue(rule.convertTo);
            zone.setValue(rule.zone);
            assumeZone.setValue(rule.assumeZone);
            dayZone.setValue(rule.dayZone);
            dayZoneSource.setValue(rule.dayZoneSource);
            closeOut.setValue(rule.closeOut);
            mapValues.setValue(!rule.valueMap.isEmpty());
        } finally {
            loading = false;
        }
        showKind();
        showProblem();
    }

    RuleDraft draft() {
        return draft;
    }

    private void showKind() {
        RuleDraft.Kind k = kind.getValue() == null ? RuleDraft.Kind.NONE : kind.getValue();
        source.setVisible(k == RuleDraft.Kind.SOURCE);
        sources.setVisible(k == RuleDraft.Kind.SOURCES);
        separator.setVisible(k == RuleDraft.Kind.SOURCES);
        constant.setVisible(k == RuleDraft.Kind.CONSTANT);
        expression.setVisible(k == RuleDraft.Kind.EXPRESSION);
    }

    /**
     * Shows the draft's problem in words: above the form, and at the field it is about (the mapping
     * engine names the rule and says what is wrong; the words tell which part).
     */
    void showProblem() {
        List<HasValidation> all = List.of(kind, source, sources, constant, expression, splitSeparator, defaultValue, type,
                letterCase, moneyFrom, currency, currencySource, convertTo, zone, assumeZone, dayZone, dayZoneSource,
                closeOut);
        all.forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
        String text = draft == null ? "" : draft.problem;
        problem.setText(text.isEmpty() ? "" : "Problem: " + text);
        problem.setVisible(!text.isEmpty());
        if (text.isEmpty()) {
            return;
        }
        HasValidation at = fieldOf(text.toLowerCase(Locale.ROOT));
        at.setErrorMessage(text);
        at.setInvalid(true);
    }

    private HasValidation fieldOf(String text) {
        Function<String, Boolean> has = text::contains;
        RuleDraft.Kind k = draft.kind;
        if (has.apply("expression")) {
            return expression;
        } else if (has.apply("currencysource")) {
            return currencySource;
        } else if (has.apply("convert") || has.apply("no rate")) {
            return convertTo;
        } else if (has.apply("money") || has.apply("currency")) {
            return has.apply("iso 4217") ? currency : moneyFrom;
        } else if (has.apply("closeout")) {
            return closeOut;
        } else if (has.apply("zonesource")) {
            return dayZoneSource;
        } else if (has.apply("businessday")) {
            return dayZone;
        } else if (has.apply("time zone")) {
            return RuleDraft.blank(draft.zone) ? dayZone : zone;
        } else if (has.apply("split")) {
            return splitSeparator;
        } else if (has.apply("case")) {
            return letterCase;
        } else if (has.apply("type")) {
            return type;
        } else if (has.apply("source path") || has.apply("source field") || has.apply("no such")) {
            return k == RuleDraft.Kind.SOURCES ? sources : source;
        }
        return switch (k) {
            case SOURCE -> source;
            case SOURCES -> sources;
            case CONSTANT -> constant;
            case EXPRESSION -> expression;
            case NONE -> kind;
        };
    }
}
