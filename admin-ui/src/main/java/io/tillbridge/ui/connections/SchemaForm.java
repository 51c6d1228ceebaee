package io.tillbridge.ui.connections;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A connector's config form, generated from the JSON Schema the connector catalog publishes: one
 * field per property in the connector's order ({@code x-order}), under its group's heading
 * ({@code x-group}), with its title, description, default and example; secret fields
 * ({@code x-secret}) masked and write-only, so that an existing connection's stored secret is kept
 * unless a new value is typed. Values are checked at the field before anything is sent.
 */
public final class SchemaForm extends FormLayout {

    /** One generated field. */
    public record Field(String name, Map<String, Object> schema, Component component, boolean secret, boolean required) {

        @SuppressWarnings("unchecked")
        public HasValue<?, Object> value() {
            return (HasValue<?, Object>) component;
        }
    }

    static final String KEEP_SECRET = "Stored; type a new value to replace it";

    private final Map<String, Field> fields = new LinkedHashMap<>();

    /** A form whose fields have the ids {@code config-<property>}. */
    public SchemaForm(Map<String, Object> schema) {
        this(schema, "config-");
    }

    /**
     * A form whose fields have the ids {@code <idPrefix><property>}: a page that shows two config
     * forms gives each its own prefix, so that no id is used twice.
     */
    @SuppressWarnings("unchecked")
    public SchemaForm(Map<String, Object> schema, String idPrefix) {
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        Set<String> required = Set.copyOf((List<String>) schema.getOrDefault("required", List.of()));
        List<Map.Entry<String, Object>> ordered = new ArrayList<>(properties.entrySet());
        ordered.sort(Comparator.comparing((Map.Entry<String, Object> e) -> group(e.getValue()).isEmpty() ? 0 : 1)
                .thenComparing(e -> group(e.getValue()))
                .thenComparingInt(e -> order(e.getValue())));
        String group = "";
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("40em", 2));
        for (Map.Entry<String, Object> property : ordered) {
            Map<String, Object> field = (Map<String, Object>) property.getValue();
            String fieldGroup = group(field);
            if (!fieldGroup.equals(group)) {
                group = fieldGroup;
                H4 heading = new H4(group);
                add(heading, 2);
            }
            Field generated = field(property.getKey(), field, required.contains(property.getKey()), idPrefix);
            fields.put(property.getKey(), generated);
            add(generated.component());
        }
    }

    /** The generated fields by property name. */
    public Map<String, Field> fields() {
        return fields;
    }

    /**
     * Fills the fields {@code values} names with those values (a template's suggested config of a new
     * connection); secrets and names the form does not have are left alone.
     */
    public void prefill(Map<String, Object> values) {
        values.forEach((name, value) -> {
            Field field = fields.get(name);
            if (field != null && !field.secret() && value != null) {
                set(field, value);
            }
        });
    }

    /** Shows a connection's stored config: plain values as they are, secrets as "stored". */
    void show(Map<String, Object> config) {
        fields.forEach((name, field) -> {
            Object value = config.get(name);
            if (field.secret()) {
                boolean stored = value instanceof Map<?, ?> marker && Boolean.TRUE.equals(marker.get("set"));
                ((PasswordField) field.component()).setPlaceholder(stored ? KEEP_SECRET : "");
                ((PasswordField) field.component()).clear();
            } else if (value != null) {
                set(field, value);
            }
        });
    }

    /**
     * Checks every field; marks the wrong ones with a message. Answers whether all are valid.
     * A required secret that is stored already counts as given.
     */
    /**
     * {@link #validate()} and the connection's {@code name} beside the fields, which must not be
     * blank ({@code nameHint} says what to enter); each problem shown at its field.
     */
    public boolean validate(TextField name, String nameHint) {
        boolean valid = validate();
        if (name.getValue().isBlank()) {
            name.setErrorMessage(nameHint);
            name.setInvalid(true);
            return false;
        }
        name.setInvalid(false);
        return valid;
    }

    /**
     * Shows a refusal's field errors at their fields: {@code name} for the connection's name, the
     * generated fields for {@code config.<field>}. False when none of them names a field shown here.
     */
    public boolean refuse(ProblemException refusal, TextField name) {
        boolean atField = false;
        for (Problem.FieldError error : refusal.errors() == null ? List.<Problem.FieldError>of() : refusal.errors()) {
            String field = error.field() == null ? "" : error.field().replaceFirst("^config\\.", "");
            if (field.equals("name")) {
                name.setErrorMessage(error.message());
                name.setInvalid(true);
                atField = true;
            } else {
                atField |= refuse(field, error.message());
            }
        }
        return atField;
    }

    public boolean validate() {
        boolean valid = true;
        for (Field field : fields.values()) {
            String problem = problem(field);
            HasValidation validation = (HasValidation) field.component();
            if (problem != null) {
                validation.setErrorMessage(problem);
                validation.setInvalid(true);
                valid = false;
            } else {
                validation.setInvalid(false);
            }
        }
        return valid;
    }

    /** Marks one field with the server's message; answers false when no field has that name. */
    public boolean refuse(String name, String message) {
        Field field = fields.get(name);
        if (field == null) {
            return false;
        }
        ((HasValidation) field.component()).setErrorMessage(message);
        ((HasValidation) field.component()).setInvalid(true);
        return true;
    }

    /** The config to send: plain values, and secrets only where a new value was typed. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach((name, field) -> {
            Object value = field.value().getValue();
            if (value instanceof String text) {
                value = text.isBlank() ? null : text.strip();
            }
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    private String problem(Field field) {
        Object value = field.value().getValue();
        boolean empty = value == null || value instanceof String s && s.isBlank();
        if (field.component() instanceof HasValidation v && v.isInvalid() && !empty && !(value instanceof String)) {
            return "Enter a valid number";
        }
        if (empty) {
            boolean stored = field.secret() && KEEP_SECRET.equals(((PasswordField) field.component()).getPlaceholder());
            boolean hasDefault = field.schema().containsKey("default");
            return field.required() && !stored && !hasDefault ? "Required" : null;
        }
        if (value instanceof String text && "uri".equals(field.schema().get("format"))) {
            try {
                URI uri = new URI(text.strip());
                if (uri.getScheme() == null || uri.getHost() == null) {
                    return "Enter a full address, such as https://api.example.com";
                }
            } catch (java.net.URISyntaxException e) {
                return "Enter a full address, such as https://api.example.com";
            }
        }
        if (value instanceof String text && field.schema().get("maxLength") instanceof Number max
                && text.length() > max.intValue()) {
            return "At most " + max + " characters";
        }
        if (value instanceof Number number) {
            BigDecimal n = new BigDecimal(number.toString());
            if (field.schema().get("minimum") instanceof Number min && n.compareTo(new BigDecimal(min.toString())) < 0) {
                return "At least " + min;
            }
            if (field.schema().get("maximum") instanceof Number max && n.compareTo(new BigDecimal(max.toString())) > 0) {
                return "At most " + max;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Field field(String name, Map<String, Object> schema, boolean required, String idPrefix) {
        String title = Objects.toString(schema.getOrDefault("title", name));
        boolean secret = Boolean.TRUE.equals(schema.get("x-secret")) || Boolean.TRUE.equals(schema.get("writeOnly"));
        Object type = schema.get("type");
        Component component;
        if (schema.get("enum") instanceof List<?> choices) {
            Select<Object> select = new Select<>();
            select.setLabel(title);
            select.setItems((List<Object>) choices);
            component = select;
        } else if ("boolean".equals(type)) {
            component = new Checkbox(title);
        } else if ("integer".equals(type)) {
            IntegerField number = new IntegerField(title);
            number.setI18n(new IntegerField.IntegerFieldI18n().setBadInputErrorMessage("Enter a whole number")
                    .setMinErrorMessage("Too small").setMaxErrorMessage("Too large"));
            if (schema.get("minimum") instanceof Number min) {
                number.setMin(min.intValue());
            }
            if (schema.get("maximum") instanceof Number max) {
                number.setMax(max.intValue());
            }
            component = number;
        } else if ("number".equals(type)) {
            component = new BigDecimalField(title);
        } else if (secret) {
            PasswordField password = new PasswordField(title);
            password.setRevealButtonVisible(false);
            password.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.OFF);
            component = password;
        } else {
            TextField text = new TextField(title);
            if (schema.get("examples") instanceof List<?> examples && !examples.isEmpty()) {
                text.setPlaceholder("e.g. " + examples.get(0));
            }
            component = text;
        }
        component.setId(idPrefix + name);
        if (component instanceof com.vaadin.flow.component.HasHelper helper) {
            String description = Objects.toString(schema.getOrDefault("description", ""));
            Object defaultValue = schema.get("default");
            helper.setHelperText((description + (defaultValue != null && !secret ? " (default " + defaultValue + ")" : ""))
                    .strip());
        }
        Field field = new Field(name, schema, component, secret, required);
        if (!secret && schema.containsKey("default")) {
            set(field, schema.get("default"));
        }
        if (required && component instanceof com.vaadin.flow.component.HasValue<?, ?> v) {
            v.setRequiredIndicatorVisible(true);
        }
        return field;
    }

    private static void set(Field field, Object value) {
        Component component = field.component();
        if (component instanceof IntegerField number && value instanceof Number n) {
            number.setValue(n.intValue());
        } else if (component instanceof BigDecimalField number && value instanceof Number n) {
            number.setValue(new BigDecimal(n.toString()));
        } else if (component instanceof Checkbox box && value instanceof Boolean b) {
            box.setValue(b);
        } else if (component instanceof Select<?>) {
            field.value().setValue(value);
        } else if (component instanceof TextField text) {
            text.setValue(value.toString());
        }
    }

    private static String group(Object property) {
        return property instanceof Map<?, ?> map && map.get("x-group") instanceof String g ? g : "";
    }

    private static int order(Object property) {
        return property instanceof Map<?, ?> map && map.get("x-order") instanceof Number n ? n.intValue() : 1000;
    }
}
