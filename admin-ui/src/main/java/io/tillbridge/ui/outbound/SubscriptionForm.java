package io.tillbridge.ui.outbound;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.validator.StringLengthValidator;
import com.vaadin.flow.shared.Registration;
import io.tillbridge.events.EventTypes;
import io.tillbridge.outbound.SubscriptionDraft;
import io.tillbridge.outbound.SubscriptionUrls;
import io.tillbridge.outbound.WebhookSubscription;
import io.tillbridge.outbound.WebhookSubscriptions;
import java.util.LinkedHashSet;
import java.util.Set;

/** A webhook subscription's URL, event types, description and switch; fires save, delete and close events. */
class SubscriptionForm extends FormLayout {

    static final class Draft {
        String url = "";
        Set<String> eventTypes = new LinkedHashSet<>();
        String description = "";
        boolean enabled = true;

        static Draft of(WebhookSubscription s) {
            Draft d = new Draft();
            d.url = s.url();
            d.eventTypes = new LinkedHashSet<>(s.eventTypes());
            d.description = s.description();
            d.enabled = s.enabled();
            return d;
        }

        SubscriptionDraft toDraft() {
            return new SubscriptionDraft(url, EventTypes.ALL.stream().filter(eventTypes::contains).toList(), description,
                    enabled);
        }
    }

    final TextField url = new TextField("Endpoint URL");
    final CheckboxGroup<String> eventTypes = new CheckboxGroup<>("Events");
    final TextField description = new TextField("Description");
    final Checkbox enabled = new Checkbox("Send events");
    final Button save = new Button("Save");
    final Button delete = new Button("Delete");
    final Button close = new Button("Close");
    private final Binder<Draft> binder = new Binder<>();

    SubscriptionForm() {
        url.setId("webhook-url");
        url.setPlaceholder("https://hooks.example.com/tillbridge");
        url.setHelperText("https:// — events are signed (Standard Webhooks)");
        eventTypes.setId("webhook-events");
        eventTypes.setItems(EventTypes.ALL);
        description.setId("webhook-description");
        enabled.setId("webhook-enabled");
        save.setId("webhook-save");
        delete.setId("webhook-delete");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);

        binder.forField(url).asRequired("Enter the URL that receives the events")
                .withValidator(new StringLengthValidator("At most " + SubscriptionUrls.MAX_LENGTH + " characters", 1,
                        SubscriptionUrls.MAX_LENGTH))
                .bind(d -> d.url, (d, v) -> d.url = v.trim());
        binder.forField(eventTypes).withValidator(v -> v != null && !v.isEmpty(), "Choose at least one event")
                .bind(d -> d.eventTypes, (d, v) -> d.eventTypes = new LinkedHashSet<>(v));
        binder.forField(description)
                .withValidator(new StringLengthValidator("At most " + WebhookSubscriptions.MAX_DESCRIPTION
                        + " characters", 0, WebhookSubscriptions.MAX_DESCRIPTION))
                .bind(d -> d.description, (d, v) -> d.description = v);
        binder.forField(enabled).bind(d -> d.enabled, (d, v) -> d.enabled = v);

        save.addClickListener(event -> {
            if (binder.validate().isOk()) {
                fireEvent(new SaveEvent(this, binder.getBean().toDraft()));
            }
        });
        delete.addClickListener(event -> fireEvent(new DeleteEvent(this)));
        close.addClickListener(event -> fireEvent(new CloseEvent(this)));
        setResponsiveSteps(new ResponsiveStep("0", 1));
        add(url, eventTypes, description, enabled, new HorizontalLayout(save, delete, close));
    }

    void edit(WebhookSubscription subscription) {
        binder.setBean(subscription == null ? new Draft() : Draft.of(subscription));
        delete.setVisible(subscription != null);
    }

    /** Shows what the platform refused at the field it names. */
    void refuse(String field, String message) {
        TextField target = "description".equals(field) ? description : url;
        if ("eventTypes".equals(field)) {
            eventTypes.setErrorMessage(message);
            eventTypes.setInvalid(true);
            return;
        }
        target.setErrorMessage(message);
        target.setInvalid(true);
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addDeleteListener(ComponentEventListener<DeleteEvent> listener) {
        return addListener(DeleteEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    static final class SaveEvent extends ComponentEvent<SubscriptionForm> {
        private final SubscriptionDraft draft;

        SaveEvent(SubscriptionForm source, SubscriptionDraft draft) {
            super(source, false);
            this.draft = draft;
        }

        SubscriptionDraft draft() {
            return draft;
        }
    }

    static final class DeleteEvent extends ComponentEvent<SubscriptionForm> {
        DeleteEvent(SubscriptionForm source) {
            super(source, false);
        }
    }

    static final class CloseEvent extends ComponentEvent<SubscriptionForm> {
        CloseEvent(SubscriptionForm source) {
            super(source, false);
        }
    }
}
