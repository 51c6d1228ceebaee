package io.tillbridge.ui.locations;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.locations.Location;
import io.tillbridge.locations.LocationDraft;
import io.tillbridge.locations.LocationService;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import java.util.Optional;
import java.util.UUID;

/**
 * The tenant's locations: a list, and the form of the one the URL names ({@code locations/<id>},
 * or {@code locations/new} for a new one). The URL is the source of truth: selecting a row navigates.
 */
@Route(value = "locations/:locationId?", layout = MainLayout.class)
@PageTitle("Locations · Tillbridge")
class LocationsView extends VerticalLayout implements BeforeEnterObserver {

    static final String NEW = "new";

    private final TenantAccess access;
    private final LocationService locations;
    final Grid<Location> grid = new Grid<>(Location.class, false);
    final LocationForm form = new LocationForm();
    private final Paragraph refusal = new Paragraph();
    private Location editing;

    LocationsView(TenantAccess access, LocationService locations) {
        this.access = access;
        this.locations = locations;
        setPadding(false);
        setSizeFull();

        grid.setId("locations");
        grid.addColumn(Location::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(Location::timeZone).setHeader("Time zone").setAutoWidth(true);
        grid.addColumn(Location::closeOutHour).setHeader("Close-out hour").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No locations yet. Add each shop with its time zone and the hour its business day"
                + " closes, so that sales land in the right business day.");
        grid.asSingleSelect().addValueChangeListener(event -> {
            if (event.isFromClient()) {
                UI.getCurrent().navigate("locations/" + (event.getValue() == null ? "" : event.getValue().id()));
            }
        });

        form.setWidth("22rem");
        form.addSaveListener(event -> save(event.draft()));
        form.addDeleteListener(event -> delete());
        form.addCloseListener(event -> UI.getCurrent().navigate("locations"));

        Button add = new Button("Add location", event -> UI.getCurrent().navigate("locations/" + NEW));
        add.setId("location-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        refusal.setVisible(false);
        HorizontalLayout masterDetail = new HorizontalLayout(grid, form);
        masterDetail.setWidthFull();
        masterDetail.setFlexGrow(1, grid);
        add(new H2("Locations"), refusal, add, masterDetail);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        Optional<String> selected = event.getRouteParameters().get("locationId");
        try {
            TenantScope scope = scope();
            grid.setItems(locations.list(scope, Optional.empty(), Page.MAX_LIMIT).items());
            refusal.setVisible(false);
            if (selected.isEmpty()) {
                showForm(null, false);
            } else if (selected.get().equals(NEW)) {
                showForm(null, true);
            } else {
                showForm(locations.get(scope, parse(selected.get())), true);
            }
        } catch (ProblemException | IllegalArgumentException e) {
            refusal.setText(e instanceof ProblemException p ? Notices.message(p) : "No such location.");
            refusal.setVisible(true);
            showForm(null, false);
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(io.tillbridge.problems.ProblemType.NOT_FOUND, "No such location.");
        }
    }

    private void showForm(Location location, boolean visible) {
        editing = location;
        form.edit(location);
        form.setVisible(visible);
        if (location == null) {
            grid.asSingleSelect().clear();
        } else {
            grid.select(location);
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    private void save(LocationDraft draft) {
        Notices.attempt(() -> {
            Location saved = editing == null
                    ? locations.create(scope(), draft)
                    : locations.update(scope(), editing.id(), editing.version(), draft);
            Notices.done("Location " + saved.name() + " saved.");
            UI.getCurrent().navigate("locations/" + saved.id());
        });
    }

    private void delete() {
        if (editing == null) {
            return;
        }
        Notices.attempt(() -> {
            locations.delete(scope(), editing.id(), editing.version());
            Notices.done("Location " + editing.name() + " deleted.");
            UI.getCurrent().navigate("locations");
        });
    }
}
