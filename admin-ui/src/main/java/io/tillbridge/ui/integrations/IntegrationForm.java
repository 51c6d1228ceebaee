package io.tillbridge.ui.integrations;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.problems.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What an integration is: its name, the source connection and the stream it reads, the target
 * connection and the object it writes, and how many record errors a run tolerates. Checks what it
 * can at the fields; never calls a service (the view hands it the connections and, per connection,
 * the streams it offers).
 */
class IntegrationForm extends FormLayout {

    final TextField name = new TextField("Name");
    final ComboBox<ConnectionDetail> source = new ComboBox<>("Source connection");
    final ComboBox<String> stream = new ComboBox<>("Stream to read");
    final ComboBox<ConnectionDetail> target = new ComboBox<>("Target connection");
    final ComboBox<String> object = new ComboBox<>("Object to write");
    final IntegerField maxErrors = new IntegerField("Record errors a run tolerates");
    private final Function<ConnectionDetail, List<String>> streamsOf;

    /**
     * @param sources the tenant's connections that can be a source
     * @param targets the tenant's connections that can be a target
     * @param streamsOf the streams or objects a connection offers; empty when it cannot tell
     */
    IntegrationForm(List<ConnectionDetail> sources, List<ConnectionDetail> targets,
            Function<ConnectionDetail, List<String>> streamsOf) {
        this.streamsOf = streamsOf;
        name.setId("integration-name");
        name.setMaxLength(200);
        name.setRequiredIndicatorVisible(true);
        connection(source, "integration-source", sources);
        connection(target, "integration-target", targets);
        streamField(stream, "integration-stream", "Pick the connection first; you may also type a stream's name");
        streamField(object, "integration-object", "Pick the connection first; you may also type an object's name");
        source.addValueChangeListener(event -> offer(stream, event.getValue()));
        target.addValueChangeListener(event -> offer(object, event.getValue()));
        maxErrors.setId("integration-max-errors");
        maxErrors.setMin(0);
        maxErrors.setStepButtonsVisible(true);
        maxErrors.setHelperText("One more fails the run. Leave empty for no limit.");
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("40em", 2));
        add(name, maxErrors, source, stream, target, object);
    }

    private static void connection(ComboBox<ConnectionDetail> field, String id, List<ConnectionDetail> items) {
        field.setId(id);
        field.setItems(items);
        field.setItemLabelGenerator(ConnectionDetail::name);
        field.setRequiredIndicatorVisible(true);
    }

    private static void streamField(ComboBox<String> field, String id, String helper) {
        field.setId(id);
        field.setHelperText(helper);
        field.setRequiredIndicatorVisible(true);
        // Connectors whose streams depend on their config may not list them: a typed name is taken as it is.
        field.setAllowCustomValue(true);
        field.addCustomValueSetListener(event -> {
            List<String> items = new ArrayList<>(field.getListDataView().getItems().toList());
            String typed = event.getDetail().trim();
            if (!typed.isEmpty() && !items.contains(typed)) {
                items.add(typed);
                field.setItems(items);
            }
            field.setValue(typed.isEmpty() ? null : typed);
        });
    }

    private void offer(ComboBox<String> field, ConnectionDetail connection) {
        String kept = field.getValue();
        List<String> items = new ArrayList<>(connection == null ? List.of() : streamsOf.apply(connection));
        if (kept != null && !items.contains(kept)) {
            items.add(kept);
        }
        field.setItems(items);
        field.setValue(kept);
    }

    /** Selects the connection with {@code id} among the choices, if it is one of them. */
    void preselect(ComboBox<ConnectionDetail> field, UUID id) {
        field.getListDataView().getItems().filter(c -> c.id().equals(id)).findFirst().ifPresent(field::setValue);
    }

    void show(Integration integration) {
        name.setValue(integration.name());
        stream.setValue(null);
        object.setValue(null);
        preselect(source, integration.sourceConnectionId());
        preselect(target, integration.targetConnectionId());
        choose(stream, integration.sourceStream());
        choose(object, integration.targetObject());
        maxErrors.setValue(integration.maxRecordErrors());
        List.<HasValidation>of(name, source, stream, target, object, maxErrors).forEach(f -> f.setInvalid(false));
    }

    private static void choose(ComboBox<String> field, String value) {
        List<String> items = new ArrayList<>(field.getListDataView().getItems().toList());
        if (!items.contains(value)) {
            items.add(value);
            field.setItems(items);
        }
        field.setValue(value);
    }

    /** The draft in {@code mode} (null keeps the integration's), or empty with a message at each field that is wrong. */
    Optional<IntegrationDraft> draft(String mode) {
        boolean valid = require(name, name.getValue().isBlank(), "Give the integration a name");
        valid &= require(source, source.getValue() == null, "Choose the connection to read from");
        valid &= require(stream, stream.getValue() == null || stream.getValue().isBlank(), "Choose the stream to read");
        valid &= require(target, target.getValue() == null, "Choose the connection to write to");
        valid &= require(object, object.getValue() == null || object.getValue().isBlank(), "Choose the object to write");
        Integer limit = maxErrors.getValue();
        valid &= require(maxErrors, limit != null && limit < 0,
                "Enter a whole number of 0 or more, or leave it empty for no limit");
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new IntegrationDraft(name.getValue().trim(), source.getValue().id(), stream.getValue(),
                target.getValue().id(), object.getValue(), mode, limit));
    }

    /** Shows a refusal of the service at the connection it names; false when it names neither. */
    boolean refuse(ProblemException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("The source connection")) {
            return !require(source, true, message);
        }
        if (message.startsWith("The target connection")) {
            return !require(target, true, message);
        }
        return false;
    }

    private static boolean require(HasValidation field, boolean wrong, String message) {
        field.setErrorMessage(wrong ? message : null);
        field.setInvalid(wrong);
        return !wrong;
    }
}
