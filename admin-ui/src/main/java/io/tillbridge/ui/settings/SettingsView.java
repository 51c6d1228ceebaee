package io.tillbridge.ui.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.settings.SettingsChange;
import io.tillbridge.settings.TenantSettings;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;

/**
 * The tenant's business name, currency and KPI targets. A save names the version it was based on,
 * so a change by someone else in between is refused with a message to reload.
 */
@Route(value = "settings", layout = MainLayout.class)
@PageTitle("Settings · Tillbridge")
class SettingsView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final TenantSettingsService settings;
    final SettingsForm form = new SettingsForm();
    private final Paragraph identity = new Paragraph();
    private final Paragraph refusal = new Paragraph();
    private final Button reload = new Button("Reload", event -> load());
    private int version;

    SettingsView(TenantAccess access, TenantSettingsService settings) {
        this.access = access;
        this.settings = settings;
        setPadding(false);
        form.setMaxWidth("48rem");
        form.addSaveListener(event -> save(event.change()));
        identity.setId("settings-identity");
        identity.getStyle().set("color", "var(--lumo-secondary-text-color)");
        refusal.setVisible(false);
        reload.setId("settings-reload");
        add(new H2("Settings"), identity, refusal, form, reload);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isPresent()) {
            load();
        }
    }

    void load() {
        try {
            var scope = PortalSession.require().admit(access);
            TenantSettings current = settings.get(scope);
            version = current.version();
            form.edit(current);
            form.save.setVisible(scope.may(Permission.CONFIGURE) || scope.actor().kind() == io.tillbridge.audit.Actor.Kind.SUPPORT);
            identity.setText("Slug " + current.slug() + " · plan " + current.plan() + " · " + current.status());
            form.setVisible(true);
            refusal.setVisible(false);
        } catch (ProblemException e) {
            form.setVisible(false);
            refusal.setText(e.getMessage());
            refusal.setVisible(true);
        }
    }

    private void save(SettingsChange change) {
        Notices.attempt(() -> {
            TenantSettings saved = settings.update(PortalSession.require().admit(access), version, change);
            boolean changed = saved.version() != version;
            version = saved.version();
            form.edit(saved);
            Notices.done(changed ? "Settings saved." : "Nothing to save: the settings are as they were.");
        });
    }
}
