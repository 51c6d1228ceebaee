package io.tillbridge.ui.onboarding;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.tillbridge.access.TenantScope;
import io.tillbridge.locations.Location;
import io.tillbridge.locations.LocationService;
import io.tillbridge.paging.Page;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.locations.LocationForm;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Step 2: at least one location, each with its time zone and close-out hour. */
class LocationsStep extends VerticalLayout {

    private final Supplier<TenantScope> scope;
    private final LocationService locations;
    final UnorderedList added = new UnorderedList();
    final LocationForm form = new LocationForm();
    final Paragraph needOne = new Paragraph();
    final Button proceed = new Button("Continue");
    private final Runnable done;

    LocationsStep(Supplier<TenantScope> scope, LocationService locations, Runnable done) {
        this.scope = scope;
        this.locations = locations;
        this.done = done;
        setPadding(false);
        added.setId("onboarding-locations");
        form.delete.setVisible(false);
        form.close.setVisible(false);
        form.save.setText("Add location");
        form.setMaxWidth("32rem");
        form.edit(null);
        form.addSaveListener(event -> Notices.attempt(() -> {
            Location saved = locations.create(scope.get(), event.draft());
            Notices.done("Location " + saved.name() + " added.");
            form.edit(null);
            list();
        }));
        needOne.setId("onboarding-locations-needed");
        needOne.setVisible(false);
        needOne.getStyle().set("color", "var(--lumo-error-text-color)");
        proceed.setId("onboarding-locations-continue");
        proceed.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        proceed.addClickListener(event -> proceed());
        add(new Paragraph("Each shop with its time zone and the hour its business day closes, so that late sales"
                + " land in the right business day. Add at least one."), added, form, needOne, proceed);
        list();
    }

    private List<Location> list() {
        List<Location> all = locations.list(scope.get(), Optional.empty(), Page.MAX_LIMIT).items();
        added.removeAll();
        all.forEach(l -> added.add(new ListItem(l.name() + " · " + l.timeZone() + " · closes out at "
                + l.closeOutHour() + ":00")));
        added.setVisible(!all.isEmpty());
        if (!all.isEmpty()) {
            needOne.setVisible(false);
        }
        return all;
    }

    void proceed() {
        if (list().isEmpty()) {
            needOne.setText("Add at least one location before you continue.");
            needOne.setVisible(true);
            return;
        }
        done.run();
    }
}
