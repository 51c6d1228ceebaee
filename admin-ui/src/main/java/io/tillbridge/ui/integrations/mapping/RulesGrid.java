package io.tillbridge.ui.integrations.mapping;

import com.vaadin.flow.component.grid.Grid;
import java.util.function.Supplier;

/**
 * The builder's rules, one row per target field: the field (required, or being fixed), its type,
 * the rule in words and its problem. Selecting a row opens its rule editor (the view listens).
 */
class RulesGrid extends Grid<RuleDraft> {

    RulesGrid(Supplier<String> fixingField) {
        super(RuleDraft.class, false);
        setId("mapping-rules");
        addColumn(d -> d.target + (d.requiredByTarget ? " (required)" : "")
                + (d.target.equals(fixingField.get()) ? " (being fixed)" : "")).setHeader("Target field")
                .setAutoWidth(true).setKey("target");
        addColumn(d -> d.targetType).setHeader("Type").setAutoWidth(true).setKey("type");
        addColumn(RuleDraft::summary).setHeader("Rule").setKey("rule");
        addColumn(d -> d.problem.isEmpty() ? "" : "Problem: " + d.problem).setHeader("Problem").setKey("problem");
        setAllRowsVisible(true);
        setEmptyStateText("No target fields yet: add one by name.");
        setPartNameGenerator(d -> d.target.equals(fixingField.get()) ? "fixing" : null);
    }
}
