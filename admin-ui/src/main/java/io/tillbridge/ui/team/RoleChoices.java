package io.tillbridge.ui.team;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import io.tillbridge.access.TenantRole;

/** The tenant roles as a person chooses them: a name and what the role may do. */
final class RoleChoices {

    private RoleChoices() {
    }

    static String label(TenantRole role) {
        return switch (role) {
            case OWNER -> "Owner";
            case ADMIN -> "Admin";
            case OPERATOR -> "Operator";
            case VIEWER -> "Viewer";
        };
    }

    /** What the role may do, in one sentence (matches {@link TenantRole}'s permissions). */
    static String description(TenantRole role) {
        return switch (role) {
            case OWNER -> "Everything, including changing owners and removing the tenant.";
            case ADMIN -> "Settings, connections, integrations, members (except owners) and partner access.";
            case OPERATOR -> "Runs and errors: start, retry and resolve; reads everything else.";
            case VIEWER -> "Reads everything, changes nothing.";
        };
    }

    /** Shows each role's description in the drop-down, and the chosen one's below the field when asked. */
    static void describe(Select<TenantRole> select, boolean helperText) {
        select.setItemLabelGenerator(RoleChoices::label);
        select.setRenderer(new ComponentRenderer<>(role -> {
            Span name = new Span(label(role));
            name.getStyle().set("font-weight", "600");
            Span what = new Span(description(role));
            what.getStyle().set("display", "block").set("font-size", "var(--lumo-font-size-s)")
                    .set("color", "var(--lumo-secondary-text-color)");
            return new Div(name, what);
        }));
        if (helperText) {
            select.addValueChangeListener(event -> select.setHelperText(
                    event.getValue() == null ? null : description(event.getValue())));
        }
    }
}
