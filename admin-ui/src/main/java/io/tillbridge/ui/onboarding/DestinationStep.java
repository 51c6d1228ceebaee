package io.tillbridge.ui.onboarding;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.onboarding.OnboardingService;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.templates.Template;
import io.tillbridge.templates.TemplateInstallation;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.connections.SchemaForm;
import io.tillbridge.ui.templates.TemplateInstallForm;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Step 5: the destination, from a template or empty. Starting from a template (DD-039) installs
 * ready-made integrations of the POS with their mappings into a connection the template writes to
 * (the tenant's, or a new one filled in with the template's suggested settings), in shadow mode,
 * and goes on with the shadow run. Starting empty makes a warehouse connection (the tenant's, or a
 * new one) and an integration of the POS's orders into it in shadow mode with a mapping that copies
 * the orders' fields, to be reviewed in the next step.
 */
class DestinationStep extends VerticalLayout {

    static final String START_EMPTY = "Or start empty: the POS's orders go to a table of your PostgreSQL warehouse"
            + " with every field as it is, in shadow mode (nothing is written until you go live). You can change the"
            + " mapping in the next step.";

    private final Supplier<TenantScope> scope;
    private final OnboardingService onboarding;
    private final UUID posConnection;
    private final Runnable done;
    private final Runnable toShadowRun;
    final Select<ConnectionDetail> warehouse = new Select<>();
    final TextField warehouseName = new TextField("Warehouse connection name");
    SchemaForm warehouseForm;
    final Button startEmpty = new Button("Start empty");
    final Paragraph refusal = new Paragraph();
    /** The template choice; null when no template can read the POS. */
    TemplateInstallForm templates;

    DestinationStep(Supplier<TenantScope> scope, OnboardingService onboarding, IntegrationService integrations,
            ConnectionService connections, ConnectorCatalog catalog, UUID posConnection, UUID integrationId,
            Runnable done, Runnable toShadowRun) {
        this.scope = scope;
        this.onboarding = onboarding;
        this.posConnection = posConnection;
        this.done = done;
        this.toShadowRun = toShadowRun;
        setPadding(false);
        refusal.setId("onboarding-destination-refusal");
        refusal.setVisible(false);
        refusal.getStyle().set("color", "var(--lumo-error-text-color)");
        if (integrationId != null) {
            Integration integration = integrations.get(scope.get(), integrationId);
            Paragraph made = new Paragraph(integration.name() + ": " + integration.sourceStream() + " → "
                    + integration.targetObject() + ", in " + integration.mode() + " mode"
                    + (integration.template() == null ? "." : ", from the template " + integration.template().id() + "."));
            made.setId("onboarding-integration");
            Button proceed = new Button("Continue", event -> done.run());
            proceed.setId("onboarding-destination-continue");
            proceed.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(made, proceed);
            return;
        }
        if (posConnection == null) {
            add(new Paragraph("Connect your POS first (step 4)."));
            return;
        }
        List<Template> offered = onboarding.templates(scope.get(), posConnection);
        if (!offered.isEmpty()) {
            templates = new TemplateInstallForm(offered, connections.list(scope.get(), Optional.empty(), Page.MAX_LIMIT)
                    .items(), id -> catalog.find(id).map(ConnectorCatalog.Entry::connector), this::startFromTemplate);
            templates.preselectSource(posConnection);
            templates.source.setReadOnly(true);
            templates.namePrefix.setVisible(false);
            Paragraph why = new Paragraph("Ready-made integrations of your POS with their mappings, for any POS. They"
                    + " start in shadow mode: nothing is written until you go live.");
            why.setId("onboarding-templates");
            add(new H3("Start from a template"), why, templates);
        }
        Paragraph empty = new Paragraph(START_EMPTY);
        empty.setId("onboarding-start-empty-text");
        add(new H3("Start empty"), empty);
        List<ConnectionDetail> warehouses = onboarding.warehouses(scope.get());
        if (!warehouses.isEmpty()) {
            warehouse.setId("onboarding-warehouse");
            warehouse.setLabel("Warehouse connection");
            warehouse.setItems(warehouses);
            warehouse.setItemLabelGenerator(ConnectionDetail::name);
            warehouse.setValue(warehouses.get(0));
            add(warehouse);
        } else {
            catalog.find(OnboardingService.WAREHOUSE).ifPresent(entry -> {
                warehouseForm = new SchemaForm(entry.connector().configSchema());
                warehouseForm.setMaxWidth("48rem");
                warehouseName.setId("onboarding-warehouse-name");
                warehouseName.setValue("Warehouse");
                warehouseName.setRequiredIndicatorVisible(true);
                warehouseName.setMaxLength(200);
                add(new Paragraph("Your PostgreSQL warehouse, where the orders' table is created."), warehouseName,
                        warehouseForm);
            });
        }
        startEmpty.setId("onboarding-start-empty");
        startEmpty.addClickListener(event -> startEmpty());
        if (templates == null) {
            startEmpty.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
        add(refusal, startEmpty);
    }

    void startFromTemplate(TemplateInstallForm.Choice choice) {
        try {
            TemplateInstallation installed = onboarding.startFromTemplate(scope.get(), choice.template().id(),
                    posConnection, choice.target(), choice.newTarget());
            Notices.done(choice.template().name() + ": " + installed.integrations().size()
                    + (installed.integrations().size() == 1 ? " integration" : " integrations")
                    + " created in shadow mode.");
            toShadowRun.run();
        } catch (ProblemException e) {
            templates.refuse(e);
        }
    }

    void startEmpty() {
        refusal.setVisible(false);
        UUID target = null;
        ConnectionDraft draft = null;
        if (warehouseForm != null) {
            if (!warehouseForm.validate(warehouseName, "Give the warehouse connection a name")) {
                return;
            }
            draft = new ConnectionDraft(OnboardingService.WAREHOUSE, warehouseName.getValue(), warehouseForm.values());
        } else if (warehouse.getValue() != null) {
            target = warehouse.getValue().id();
        } else {
            refusal.setText("There is no warehouse connector on this platform; ask the operator.");
            refusal.setVisible(true);
            return;
        }
        try {
            Integration made = onboarding.startEmpty(scope.get(), posConnection, target, draft);
            Notices.done(made.name() + " created in shadow mode.");
            done.run();
        } catch (ProblemException e) {
            boolean atField = warehouseForm != null && warehouseForm.refuse(e, warehouseName);
            refusal.setText(Notices.message(e) + " Nothing was created.");
            refusal.setVisible(true);
            if (!atField) {
                Notices.refused(e);
            }
        }
    }
}
