package io.tillbridge.ui.integrations;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.mappings.MappingVersion;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.Notices;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The saved versions of an integration's mapping, newest first, with the one its runs use; pin
 * another (after a confirmation), and compare two versions side by side, field by field.
 */
class MappingVersionsSection extends VerticalLayout {

    private final MappingVersions mappings;
    private final Supplier<TenantScope> scope;
    private final UUID integrationId;
    final Grid<MappingVersion> versions = new Grid<>(MappingVersion.class, false);
    final Select<Integer> older = new Select<>();
    final Select<Integer> newer = new Select<>();
    final Button compare = new Button("Compare");
    final Paragraph comparison = new Paragraph();
    final Grid<MappingComparison.Difference> differences = new Grid<>(MappingComparison.Difference.class, false);
    private List<MappingVersion> shown = List.of();
    private boolean mayConfigure;

    MappingVersionsSection(MappingVersions mappings, Supplier<TenantScope> scope, UUID integrationId) {
        this.mappings = mappings;
        this.scope = scope;
        this.integrationId = integrationId;
        setPadding(false);
        versions.setId("mapping-versions");
        versions.addColumn(v -> "Version " + v.version()).setHeader("Version").setAutoWidth(true).setKey("version");
        versions.addColumn(v -> IntegrationWords.time(v.createdAt())).setHeader("Saved").setAutoWidth(true)
                .setKey("saved");
        versions.addColumn(v -> v.createdByLabel() == null ? "" : v.createdByLabel()).setHeader("By").setAutoWidth(true)
                .setKey("by");
        versions.addColumn(v -> v.pinned() ? "Runs use this version" : "").setHeader("In use").setAutoWidth(true)
                .setKey("pinned");
        versions.addColumn(new ComponentRenderer<>(this::pinButton)).setHeader("").setAutoWidth(true).setKey("pin");
        versions.setAllRowsVisible(true);
        versions.setEmptyStateText("No mapping saved yet: runs copy each field as it is. Edit the mapping to save"
                + " its first version.");
        versions.setWidthFull();
        older.setId("mapping-compare-older");
        older.setLabel("Compare version");
        newer.setId("mapping-compare-newer");
        newer.setLabel("with version");
        compare.setId("mapping-compare");
        compare.addClickListener(event -> compare());
        HorizontalLayout choice = new HorizontalLayout(older, newer, compare);
        choice.setAlignItems(FlexComponent.Alignment.BASELINE);
        choice.setWrap(true);
        comparison.setId("mapping-comparison");
        differences.setId("mapping-differences");
        differences.addColumn(MappingComparison.Difference::part).setHeader("Part").setAutoWidth(true).setKey("part");
        differences.addColumn(MappingComparison.Difference::change).setHeader("Change").setAutoWidth(true)
                .setKey("change");
        differences.addColumn(MappingComparison.Difference::before).setHeader("Before").setKey("before");
        differences.addColumn(MappingComparison.Difference::after).setHeader("After").setKey("after");
        differences.setAllRowsVisible(true);
        differences.setWidthFull();
        differences.setVisible(false);
        add(versions, choice, comparison, differences);
    }

    private com.vaadin.flow.component.Component pinButton(MappingVersion version) {
        Button pin = new Button("Pin version " + version.version(), event -> askPin(version.version()));
        pin.setId("mapping-pin-" + version.version());
        pin.addThemeVariants(ButtonVariant.LUMO_SMALL);
        pin.setVisible(mayConfigure && !version.pinned());
        return pin;
    }

    void load() {
        TenantScope current = scope.get();
        mayConfigure = current.may(Permission.CONFIGURE);
        shown = mappings.list(current, integrationId);
        versions.setItems(shown);
        List<Integer> numbers = shown.stream().map(MappingVersion::version).toList();
        older.setItems(numbers);
        newer.setItems(numbers);
        older.setItemLabelGenerator(v -> "Version " + v);
        newer.setItemLabelGenerator(v -> "Version " + v);
        if (numbers.size() >= 2) {
            older.setValue(numbers.get(1));
            newer.setValue(numbers.get(0));
        }
        boolean comparable = numbers.size() >= 2;
        older.setVisible(comparable);
        newer.setVisible(comparable);
        compare.setVisible(comparable);
        comparison.setVisible(false);
        differences.setVisible(false);
    }

    void askPin(int version) {
        Confirmation.ask("Pin version " + version + "?", "The integration's next runs map records with version "
                + version + ". Runs already started keep the version they began with.", "Pin version " + version,
                "mapping-pin-confirm", () -> pin(version));
    }

    void pin(int version) {
        try {
            mappings.pin(scope.get(), integrationId, version);
            Notices.done("Version " + version + " pinned: the next runs use it.");
            load();
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    void compare() {
        if (older.getValue() == null || newer.getValue() == null) {
            return;
        }
        try {
            MappingVersion before = mappings.get(scope.get(), integrationId, older.getValue());
            MappingVersion after = mappings.get(scope.get(), integrationId, newer.getValue());
            List<MappingComparison.Difference> found = MappingComparison.of(before.spec(), after.spec());
            comparison.setText(found.isEmpty() ? "Versions " + before.version() + " and " + after.version()
                    + " map records the same way." : "From version " + before.version() + " to version "
                    + after.version() + ": " + found.size() + (found.size() == 1 ? " difference." : " differences."));
            comparison.setVisible(true);
            differences.setItems(found);
            differences.setVisible(!found.isEmpty());
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }
}
