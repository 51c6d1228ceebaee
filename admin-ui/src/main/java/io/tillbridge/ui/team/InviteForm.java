package io.tillbridge.ui.team;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.shared.Registration;
import io.tillbridge.access.TenantRole;

/** An invitation's address and role; fires {@link InviteEvent} when both are valid. */
class InviteForm extends HorizontalLayout {

    final EmailField email = new EmailField("Email");
    final Select<TenantRole> role = new Select<>();
    final Button invite = new Button("Invite");

    InviteForm() {
        email.setId("invite-email");
        email.setWidth("20rem");
        email.setMaxWidth("100%");
        role.setId("invite-role");
        role.setLabel("Role");
        role.setItems(TenantRole.values());
        RoleChoices.describe(role, true);
        role.setValue(TenantRole.OPERATOR);
        role.setWidth("14rem");
        invite.setId("invite-submit");
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        invite.addClickListener(event -> submit());
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
        add(email, role, invite);
    }

    private void submit() {
        if (email.isEmpty() || email.isInvalid()) {
            email.setInvalid(true);
            email.setErrorMessage("Enter the address to invite");
            return;
        }
        fireEvent(new InviteEvent(this, email.getValue().trim(), role.getValue()));
    }

    void clear() {
        email.clear();
        role.setValue(TenantRole.OPERATOR);
    }

    Registration addInviteListener(ComponentEventListener<InviteEvent> listener) {
        return addListener(InviteEvent.class, listener);
    }

    static final class InviteEvent extends ComponentEvent<InviteForm> {
        private final String email;
        private final TenantRole role;

        InviteEvent(InviteForm source, String email, TenantRole role) {
            super(source, false);
            this.email = email;
            this.role = role;
        }

        String email() {
            return email;
        }

        TenantRole role() {
            return role;
        }
    }
}
