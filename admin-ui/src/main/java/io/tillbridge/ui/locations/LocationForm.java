package io.tillbridge.ui.locations;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.validator.IntegerRangeValidator;
import com.vaadin.flow.data.validator.StringLengthValidator;
import com.vaadin.flow.shared.Registration;
import io.tillbridge.locations.Location;
import io.tillbridge.locations.LocationDraft;
import java.time.ZoneId;

/**
 * A location's name, time zone and close-out hour; fires save, delete and close events. Also the
 * onboarding wizard's form for a new location.
 */
public class LocationForm extends FormLayout {

    static final class Draft {
        String name = "";
        String timeZone = "UTC";
        Integer closeOutHour = LocationDraft.DEFAULT_CLOSE_OUT_HOUR;
        String vendorLocationId = "";

        static Draft of(Location location) {
            Draft d = new Draft();
            d.name = location.name();
            d.timeZone = location.timeZone();
            d.closeOutHour = location.closeOutHour();
            d.vendorLocationId = location.vendorLocationId() == null ? "" : location.vendorLocationId();
            return d;
        }

        LocationDraft toDraft() {
            return new LocationDraft(name, ZoneId.of(timeZone), closeOutHour, vendorLocationId);
        }
    }

    public final TextField name = new TextField("Name");
    public final ComboBox<String> timeZone = new ComboBox<>("Time zone");
    public final IntegerField closeOutHour = new IntegerField("Close-out hour");
    public final TextField vendorLocationId = new TextField("Location id at the POS vendor");
    public final Button save = new Button("Save");
    public final Button delete = new Button("Delete");
    public final Button close = new Button("Close");
    private final Binder<Draft> binder = new Binder<>();

    public LocationForm() {
        name.setId("location-name");
        timeZone.setId("location-time-zone");
        closeOutHour.setId("location-close-out");
        vendorLocationId.setId("location-vendor-id");
        vendorLocationId.setHelperText("Optional: the POS's id of this shop, so that alerts about it use this time zone");
        save.setId("location-save");
        delete.setId("location-delete");
        timeZone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        closeOutHour.setStepButtonsVisible(true);
        closeOutHour.setMin(0);
        closeOutHour.setMax(23);
        closeOutHour.setHelperText("The hour the business day ends, 0 to 23 (local time)");
        // The field checks its bounds itself; without messages the browser shows only red.
        closeOutHour.setI18n(new IntegerField.IntegerFieldI18n()
                .setRequiredErrorMessage("Enter the hour the business day ends")
                .setBadInputErrorMessage("Enter a whole hour, 0 to 23")
                .setMinErrorMessage("Must be 0 to 23")
                .setMaxErrorMessage("Must be 0 to 23"));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);

        binder.forField(name).asRequired("Enter a name")
                .withValidator(new StringLengthValidator("At most 200 characters", 1, 200))
                .bind(d -> d.name, (d, v) -> d.name = v);
        binder.forField(timeZone).asRequired("Choose a time zone").bind(d -> d.timeZone, (d, v) -> d.timeZone = v);
        binder.forField(closeOutHour).asRequired("Enter the hour the business day ends")
                .withValidator(new IntegerRangeValidator("Must be 0 to 23", 0, 23))
                .bind(d -> d.closeOutHour, (d, v) -> d.closeOutHour = v);

        binder.forField(vendorLocationId)
                .withValidator(new StringLengthValidator("At most 200 characters", 0, 200))
                .bind(d -> d.vendorLocationId, (d, v) -> d.vendorLocationId = v);

        save.addClickListener(event -> {
            if (binder.validate().isOk()) {
                fireEvent(new SaveEvent(this, binder.getBean().toDraft()));
            }
        });
        delete.addClickListener(event -> fireEvent(new DeleteEvent(this)));
        close.addClickListener(event -> fireEvent(new CloseEvent(this)));
        setResponsiveSteps(new ResponsiveStep("0", 1));
        add(name, timeZone, closeOutHour, vendorLocationId, new HorizontalLayout(save, delete, close));
    }

    public void edit(Location location) {
        binder.setBean(location == null ? new Draft() : Draft.of(location));
        delete.setVisible(location != null);
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addDeleteListener(ComponentEventListener<DeleteEvent> listener) {
        return addListener(DeleteEvent.class, listener);
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    public static final class SaveEvent extends ComponentEvent<LocationForm> {
        private final LocationDraft draft;

        SaveEvent(LocationForm source, LocationDraft draft) {
            super(source, false);
            this.draft = draft;
        }

        public LocationDraft draft() {
            return draft;
        }
    }

    static final class DeleteEvent extends ComponentEvent<LocationForm> {
        DeleteEvent(LocationForm source) {
            super(source, false);
        }
    }

    static final class CloseEvent extends ComponentEvent<LocationForm> {
        CloseEvent(LocationForm source) {
            super(source, false);
        }
    }
}
