package io.tillbridge.ui.integrations;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/**
 * A question before an action that cannot be taken back or that changes what runs do: a dialog
 * with the consequence in words, "Cancel" (focused, and Escape) and the action's own button.
 */
final class Confirmation {

    private Confirmation() {
    }

    /** Asks before an action that changes what runs do. */
    static Dialog ask(String title, String consequence, String action, String actionId, Runnable onConfirm) {
        return ask(title, consequence, action, actionId, false, onConfirm);
    }

    /** Asks before {@code onConfirm}; a {@code destructive} action's button is marked as one, in words and colour. */
    static Dialog ask(String title, String consequence, String action, String actionId, boolean destructive,
            Runnable onConfirm) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(title);
        dialog.add(new Paragraph(consequence));
        Button confirm = new Button(action, event -> {
            dialog.close();
            onConfirm.run();
        });
        confirm.setId(actionId);
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        if (destructive) {
            confirm.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        Button cancel = new Button("Cancel", event -> dialog.close());
        cancel.setId(actionId + "-cancel");
        dialog.getFooter().add(cancel, confirm);
        dialog.open();
        cancel.focus();
        return dialog;
    }
}
