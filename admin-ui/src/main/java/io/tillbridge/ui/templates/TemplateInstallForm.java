package io.tillbridge.ui.templates;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.InstalledConnector;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.templates.Template;
import io.tillbridge.templates.TemplateInstalls;
import io.tillbridge.ui.connections.SchemaForm;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Choosing a template to install (DD-039): the template with what it does and the integrations it
 * creates, the POS connection it reads, and the connection it writes to (one of the tenant's whose
 * connector the template writes to, or a new one whose form the template's suggested config fills
 * in), and an optional prefix for the integrations' names. Checks what it can at the fields and
 * hands the choice to the view; never calls a service.
 */
public final class TemplateInstallForm extends VerticalLayout {

    /** What the merchant chose: the target connection, or the draft of a new one. */
    public record Choice(Template template, UUID source, UUID target, ConnectionDraft newTarget, String namePrefix) {
    }

    public final Select<Template> template = new Select<>();
    public final Paragraph about = new Paragraph();
    public final UnorderedList creates = new UnorderedList();
    public final Select<ConnectionDetail> source = new Select<>();
    public final Select<ConnectionDetail> target = new Select<>();
    public final Checkbox newTarget = new Checkbox("Create a new connection to write to");
    public final Select<String> targetConnector = new Select<>();
    public final TextField targetName = new TextField("Name of the new connection");
    public final TextField namePrefix = new TextField("Name prefix (optional)");
    public final Button install = new Button("Install template");
    public final Paragraph refusal = new Paragraph();
    /** The new connection's config form, for the chosen connector; null until one is chosen. */
    public SchemaForm targetForm;
    private final Div targetFormHolder = new Div();
    private final List<ConnectionDetail> connections;
    private final Function<String, Optional<InstalledConnector>> connectorOf;

    /**
     * @param templates the templates offered
     * @param connections the tenant's connections, the sources and targets are chosen from
     * @param connectorOf an installed connector by id (its name and config schema)
     * @param onInstall what to do with a complete choice
     */
    public TemplateInstallForm(List<Template> templates, List<ConnectionDetail> connections,
            Function<String, Optional<InstalledConnector>> connectorOf, Consumer<Choice> onInstall) {
        this.connections = connections;
        this.connectorOf = connectorOf;
        setPadding(false);
        template.setId("template-choice");
        template.setLabel("Template");
        template.setItems(templates);
        template.setItemLabelGenerator(t -> t.name());
        template.setWidth("32rem");
        template.setMaxWidth("100%");
        about.setId("template-about");
        creates.setId("template-creates");
        source.setId("template-source");
        source.setLabel("POS connection to read from");
        source.setItemLabelGenerator(ConnectionDetail::name);
        target.setId("template-target");
        target.setLabel("Connection to write to");
        target.setItemLabelGenerator(ConnectionDetail::name);
        newTarget.setId("template-new-target");
        targetConnector.setId("template-target-connector");
        targetConnector.setLabel("Kind of the new connection");
        targetConnector.setItemLabelGenerator(id -> connectorOf.apply(id).map(InstalledConnector::name).orElse(id));
        targetName.setId("template-target-name");
        targetName.setMaxLength(200);
        targetName.setRequiredIndicatorVisible(true);
        namePrefix.setId("template-name-prefix");
        namePrefix.setMaxLength(TemplateInstalls.MAX_NAME_PREFIX);
        namePrefix.setHelperText("Put before each integration's name, e.g. a store's name");
        install.setId("template-install");
        install.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refusal.setId("template-refusal");
        refusal.setVisible(false);
        refusal.getStyle().set("color", "var(--lumo-error-text-color)");
        template.addValueChangeListener(event -> choose(event.getValue()));
        newTarget.addValueChangeListener(event -> showTarget());
        targetConnector.addValueChangeListener(event -> targetFormFor(event.getValue()));
        install.addClickListener(event -> choice().ifPresent(onInstall));
        add(template, about, creates, source, target, newTarget, targetConnector, targetName, targetFormHolder,
                namePrefix, refusal, install);
        if (!templates.isEmpty()) {
            template.setValue(templates.get(0));
        } else {
            choose(null);
        }
    }

    /** Chooses the connection to read from, if the template can read it. */
    public void preselectSource(UUID id) {
        source.getListDataView().getItems().filter(c -> c.id().equals(id)).findFirst().ifPresent(source::setValue);
    }

    /**
     * Shows a refusal of the install at the field it names (the connections, the prefix, the new
     * connection's settings), or above the button; answers whether it was shown at a field.
     */
    public boolean refuse(ProblemException e) {
        for (Problem.FieldError error : e.errors()) {
            switch (error.field()) {
                case "sourceConnectionId" -> {
                    invalid(source, error.message());
                    return true;
                }
                case "targetConnectionId" -> {
                    invalid(target, error.message());
                    return true;
                }
                case "namePrefix" -> {
                    namePrefix.setErrorMessage(error.message());
                    namePrefix.setInvalid(true);
                    return true;
                }
                default -> {
                    // A setting of the new connection, below.
                }
            }
        }
        if (newTarget.getValue() && targetForm != null && targetForm.refuse(e, targetName)) {
            return true;
        }
        refusal.setText(e.getMessage() + " Nothing was created.");
        refusal.setVisible(true);
        return false;
    }

    private void choose(Template chosen) {
        creates.removeAll();
        if (chosen == null) {
            about.setText("No template can read from your connections yet: connect your POS first.");
            install.setEnabled(false);
            return;
        }
        install.setEnabled(true);
        about.setText(chosen.description());
        for (Template.Integration part : chosen.integrations()) {
            creates.add(new ListItem(part.name() + ": " + part.sourceStream() + " → " + part.targetObject()
                    + (part.schedule() == null ? "" : ", on a schedule") + ", in " + part.mode() + " mode"));
        }
        List<ConnectionDetail> sources = connections.stream()
                .filter(c -> chosen.source().connectors().contains(c.connectorId())).toList();
        source.setItems(sources);
        source.setHelperText(sources.isEmpty() ? "None of your connections is a POS this template reads." : null);
        if (!sources.isEmpty()) {
            source.setValue(sources.get(0));
        }
        List<ConnectionDetail> targets = connections.stream()
                .filter(c -> chosen.target().connectors().contains(c.connectorId())).toList();
        target.setItems(targets);
        if (!targets.isEmpty()) {
            target.setValue(targets.get(0));
        }
        newTarget.setEnabled(!targets.isEmpty());
        newTarget.setValue(targets.isEmpty());
        targetConnector.setItems(chosen.target().connectors());
        targetConnector.setValue(chosen.target().connectors().get(0));
        targetName.setValue(chosen.integrations().get(0).name() + " destination");
        targetFormFor(targetConnector.getValue());
        showTarget();
    }

    private void showTarget() {
        boolean making = newTarget.getValue();
        target.setVisible(!making);
        targetConnector.setVisible(making && targetConnector.getListDataView().getItemCount() > 1);
        targetName.setVisible(making);
        targetFormHolder.setVisible(making);
    }

    private void targetFormFor(String connectorId) {
        targetFormHolder.removeAll();
        targetForm = null;
        Template chosen = template.getValue();
        if (connectorId == null || chosen == null) {
            return;
        }
        connectorOf.apply(connectorId).ifPresent(connector -> {
            // Its own ids: the wizard shows this form beside the warehouse form of "start empty".
            targetForm = new SchemaForm(connector.configSchema(), "template-config-");
            targetForm.setMaxWidth("48rem");
            if (chosen.targetConfig() != null) {
                targetForm.prefill(chosen.targetConfig());
            }
            targetFormHolder.add(targetForm);
        });
    }

    private Optional<Choice> choice() {
        refusal.setVisible(false);
        Template chosen = template.getValue();
        if (chosen == null) {
            template.setErrorMessage("Choose a template");
            template.setInvalid(true);
            return Optional.empty();
        }
        source.setInvalid(false);
        target.setInvalid(false);
        namePrefix.setInvalid(false);
        if (source.getValue() == null) {
            invalid(source, "Choose the POS connection to read from");
            return Optional.empty();
        }
        String prefix = namePrefix.getValue().isBlank() ? null : namePrefix.getValue().strip();
        if (!newTarget.getValue()) {
            if (target.getValue() == null) {
                invalid(target, "Choose the connection to write to");
                return Optional.empty();
            }
            return Optional.of(new Choice(chosen, source.getValue().id(), target.getValue().id(), null, prefix));
        }
        if (targetForm == null) {
            invalid(target, "This platform has no connector the template writes to; ask the operator");
            return Optional.empty();
        }
        if (!targetForm.validate(targetName, "Give the new connection a name")) {
            return Optional.empty();
        }
        return Optional.of(new Choice(chosen, source.getValue().id(), null, new ConnectionDraft(targetConnector.getValue(),
                targetName.getValue(), targetForm.values()), prefix));
    }

    private static void invalid(Select<?> field, String message) {
        field.setErrorMessage(message);
        field.setInvalid(true);
    }
}
