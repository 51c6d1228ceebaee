package io.tillbridge.ui.integrations.mapping;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connector.mapping.FieldError;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.errors.ErrorCategory;
import io.tillbridge.errors.ErrorCount;
import io.tillbridge.errors.ErrorFilter;
import io.tillbridge.errors.ErrorInbox;
import io.tillbridge.errors.ErrorStatus;
import io.tillbridge.errors.RetryQueued;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.mappings.FieldPair;
import io.tillbridge.mappings.FieldSuggestionRequest;
import io.tillbridge.mappings.InvalidMappingException;
import io.tillbridge.mappings.MappingPreviewRequest;
import io.tillbridge.mappings.MappingPreviewResult;
import io.tillbridge.mappings.MappingPreviews;
import io.tillbridge.mappings.MappingVersion;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.ui.MainLayout;
import io.tillbridge.ui.Notices;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.errors.ErrorWords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The integration builder: the source's fields with types and samples, the target's fields (required
 * ones marked), suggested field pairs to accept, one rule per target field with its editor, value
 * maps, and a live preview over up to 20 sample records that follows every change. Saves a new
 * mapping version (and pins it). Opened from an error with {@code field} and {@code errorKind}, it
 * focuses that field, says how many errors it is fixing, and after a save and pin offers to retry them.
 */
@Route(value = "integrations/:integrationId/mapping", layout = MainLayout.class)
@PageTitle("Mapping · Tillbridge")
public class MappingBuilderView extends VerticalLayout implements BeforeEnterObserver {

    private final TenantAccess access;
    private final IntegrationService integrations;
    private final ConnectionService connections;
    private final MappingVersions versions;
    private final MappingPreviews previews;
    private final ErrorInbox inbox;
    final H2 title = new H2("Mapping");
    final Paragraph banner = new Paragraph();
    final Paragraph notes = new Paragraph();
    final HtmlTable sourceFields = new HtmlTable("mapping-source-fields", "");
    final SuggestionTable suggestions = new SuggestionTable(pair -> accept(List.of(pair)));
    final Button acceptAll = new Button("Accept all suggestions");
    final RulesGrid rules = new RulesGrid(() -> this.fixingField);
    final TextField newTarget = new TextField("New target field");
    final Button addTarget = new Button("Add target field");
    /** The open rule's editor, made when a rule is selected and dropped when none is: null until then. */
    RuleForm ruleForm;
    /** The open rule's value map, only while the open rule maps its values: else null. */
    ValueMapForm valueMapForm;
    final Paragraph previewStatus = new Paragraph();
    final PreviewTable preview = new PreviewTable();
    final Button save = new Button("Save as new version");
    final Button saveAndPin = new Button("Save and pin");
    final Paragraph saveStatus = new Paragraph();
    final Button retryErrors = new Button();
    private Integration integration;
    private MappingWorkspace workspace;
    private final List<RuleDraft> drafts = new ArrayList<>();
    private final Map<String, MappingSpec.ValueMap> valueMaps = new LinkedHashMap<>();
    private ErrorCategory fixing;
    private String fixingField;
    private long fixingCount;

    MappingBuilderView(TenantAccess access, IntegrationService integrations, ConnectionService connections,
            MappingVersions versions, MappingPreviews previews, ErrorInbox inbox) {
        this.access = access;
        this.integrations = integrations;
        this.connections = connections;
        this.versions = versions;
        this.previews = previews;
        this.inbox = inbox;
        setPadding(false);
        banner.setId("mapping-banner");
        notes.setId("mapping-notes");
        acceptAll.setId("mapping-accept-all");
        acceptAll.addClickListener(e -> accept(shownSuggestions()));

        rules.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));
        newTarget.setId("mapping-new-target");
        addTarget.setId("mapping-add-target");
        addTarget.addClickListener(e -> addTarget());

        previewStatus.setId("mapping-preview-status");
        save.setId("mapping-save");
        save.addClickListener(e -> save(false));
        saveAndPin.setId("mapping-save-pin");
        saveAndPin.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveAndPin.addClickListener(e -> save(true));
        saveStatus.setId("mapping-save-status");
        retryErrors.setId("mapping-retry-errors");
        retryErrors.setVisible(false);
        retryErrors.addClickListener(e -> retryErrors());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            return;
        }
        removeAll();
        try {
            UUID id = UUID.fromString(event.getRouteParameters().get("integrationId").orElse(""));
            integration = integrations.get(scope(), id);
        } catch (IllegalArgumentException e) {
            add(new Anchor("integrations", "Integrations"), new H2("Mapping"), new Paragraph("There is no such integration."));
            return;
        } catch (ProblemException e) {
            add(new Anchor("integrations", "Integrations"), new H2("Mapping"), new Paragraph(Notices.message(e)));
            return;
        }
        Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
        fixingField = query.getOrDefault("field", List.of()).stream().findFirst().orElse(null);
        fixing = query.getOrDefault("errorKind", List.of()).stream().findFirst().map(MappingBuilderView::category).orElse(null);
        try {
            workspace = MappingWorkspace.load(scope(), integration, connections, versions, inbox, fixing);
        } catch (ProblemException e) {
            add(new H2("Mapping"), new Paragraph(Notices.message(e)));
            return;
        }
        show();
    }

    private static ErrorCategory category(String wire) {
        try {
            return ErrorCategory.fromWire(wire);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private TenantScope scope() {
        return PortalSession.require().admit(access);
    }

    private void show() {
        Span breadcrumbs = new Span(new Anchor("integrations", "Integrations"), new Span(" › "),
                new Anchor("integrations/" + integration.id(), integration.name()), new Span(" › Mapping"));
        breadcrumbs.setId("mapping-breadcrumbs");
        title.setText("Mapping of " + integration.name());
        closeEditor();
        drafts.clear();
        valueMaps.clear();
        valueMaps.putAll(workspace.spec().valueMaps());
        Map<String, RuleDraft> byTarget = new LinkedHashMap<>();
        for (FieldDescriptor f : workspace.targetFields()) {
            RuleDraft d = new RuleDraft(f.name());
            d.requiredByTarget = !f.nullable();
            d.targetType = f.type().name().toLowerCase(java.util.Locale.ROOT);
            byTarget.put(f.name(), d);
        }
        for (MappingSpec.FieldRule rule : workspace.spec().fields()) {
            RuleDraft d = RuleDraft.of(rule);
            RuleDraft known = byTarget.get(rule.target());
            if (known != null) {
                d.requiredByTarget = known.requiredByTarget;
                d.targetType = known.targetType;
            }
            byTarget.put(rule.target(), d);
        }
        drafts.addAll(byTarget.values());
        rules.setItems(drafts);
        sourceFields.show(List.of("Source field", "Type", "Sample values"), workspace.sourceFields().stream()
                .map(f -> List.of(f.name(), f.type().name().toLowerCase(java.util.Locale.ROOT),
                        String.join(", ", f.samples().stream().map(String::valueOf).toList()))).toList(),
                "No source fields known: discovery found none and there are no sample records.", null);
        // Shown: the session keeps the fields' names and types, not their sample values (benchmark G10).
        workspace = workspace.withoutFieldSamples();
        notes.setText(String.join(" ", workspace.notes()));
        notes.setVisible(!workspace.notes().isEmpty());
        boolean mayConfigure = scope().may(Permission.CONFIGURE);
        save.setVisible(mayConfigure);
        saveAndPin.setVisible(mayConfigure);
        showBanner();
        add(breadcrumbs, title, banner, notes,
                new H3("Source fields"), sourceFields,
                new H3("Suggested pairs"), acceptAll, suggestions,
                new H3("Rules, one per target field"), adding(), rules,
                new H3("Preview of " + workspace.samples().size() + " sample records"), previewStatus, preview.inScrollingBox(),
                new HorizontalLayout(save, saveAndPin), saveStatus, retryErrors);
        suggest();
        Optional<RuleDraft> focus = fixingField == null ? Optional.empty() : drafts.stream()
                .filter(d -> d.target.equals(fixingField)).findFirst()
                .or(() -> drafts.stream().filter(d -> d.source.equals(fixingField) || d.sources.contains(fixingField)).findFirst());
        focus.ifPresent(d -> {
            fixingField = d.target;
            rules.select(d);
            rules.scrollToItem(d);
        });
        refreshPreview();
    }

    private HorizontalLayout adding() {
        HorizontalLayout adding = new HorizontalLayout(newTarget, addTarget);
        adding.setAlignItems(FlexComponent.Alignment.BASELINE);
        return adding;
    }

    private void showBanner() {
        if (fixing == null) {
            banner.setVisible(false);
            return;
        }
        fixingCount = inbox.counts(scope(), new ErrorFilter(integration.id(), fixing, ErrorStatus.OPEN, null)).stream()
                .mapToLong(ErrorCount::errors).sum();
        banner.setText("Fixing " + fixingCount + (fixingCount == 1 ? " error" : " errors") + " of kind "
                + ErrorWords.category(fixing) + (fixingField == null ? "" : " in field " + fixingField)
                + ". Their records are the first sample records of the preview; save and pin the fixed mapping, then retry them.");
        banner.setVisible(true);
    }

    /** Suggestions for the target fields that have no rule yet. */
    void suggest() {
        List<FieldSuggestionRequest.Field> source = workspace.sourceFields().stream()
                .map(f -> new FieldSuggestionRequest.Field(f.name(), f.type(), false)).toList();
        List<FieldSuggestionRequest.Field> target = drafts.stream().filter(d -> !d.mapped())
                .map(d -> new FieldSuggestionRequest.Field(d.target, null, d.requiredByTarget)).toList();
        List<FieldPair> found = List.of();
        String empty = "No suggestions for the target fields that are not mapped yet.";
        if (!source.isEmpty() && !target.isEmpty()) {
            try {
                found = previews.suggest(scope(), integration.id(), new FieldSuggestionRequest(source, target));
            } catch (ProblemException e) {
                empty = Notices.message(e);
            }
        }
        suggestions.show(found, empty);
        acceptAll.setEnabled(!found.isEmpty());
    }

    List<FieldPair> shownSuggestions() {
        return suggestions.pairs();
    }

    void accept(List<FieldPair> pairs) {
        for (FieldPair pair : pairs) {
            drafts.stream().filter(d -> d.target.equals(pair.target()) && !d.mapped()).findFirst().ifPresent(d -> {
                d.kind = RuleDraft.Kind.SOURCE;
                d.source = pair.source();
            });
        }
        rules.getDataProvider().refreshAll();
        if (ruleForm != null) {
            ruleForm.edit(ruleForm.draft(), sourceNames());
        }
        suggest();
        refreshPreview();
    }

    void addTarget() {
        String name = newTarget.getValue().strip();
        if (name.isEmpty() || drafts.stream().anyMatch(d -> d.target.equals(name))) {
            newTarget.setErrorMessage(name.isEmpty() ? "Name the target field." : "This target field is already listed.");
            newTarget.setInvalid(true);
            return;
        }
        newTarget.setInvalid(false);
        RuleDraft d = new RuleDraft(name);
        drafts.add(d);
        rules.getDataProvider().refreshAll();
        newTarget.clear();
        rules.select(d);
        suggest();
    }

    private List<String> sourceNames() {
        return workspace.sourceFields().stream().map(FieldDescriptor::name).toList();
    }

    private void edit(RuleDraft draft) {
        if (draft == null) {
            closeEditor();
            return;
        }
        if (ruleForm == null) {
            ruleForm = new RuleForm();
            ruleForm.addRuleChangedListener(e -> ruleChanged());
            addComponentAtIndex(indexOf(rules) + 1, ruleForm);
        }
        ruleForm.edit(draft, sourceNames());
        showValueMap(draft);
    }

    /** Drops the rule's editor and value map: a session keeps no form while no rule is open (benchmark G10). */
    private void closeEditor() {
        closeValueMap();
        if (ruleForm != null) {
            ruleForm.removeFromParent();
            ruleForm = null;
        }
    }

    private void closeValueMap() {
        if (valueMapForm != null) {
            valueMapForm.removeFromParent();
            valueMapForm = null;
        }
    }

    private void ruleChanged() {
        RuleDraft draft = ruleForm.draft();
        if (!draft.valueMap.isEmpty() && !valueMaps.containsKey(draft.valueMap)) {
            valueMaps.put(draft.valueMap, new MappingSpec.ValueMap(Map.of(), null, null));
        }
        rules.getDataProvider().refreshItem(draft);
        showValueMap(draft);
        refreshPreview();
    }

    private void valueMapChanged() {
        RuleDraft draft = ruleForm == null ? null : ruleForm.draft();
        if (draft != null && valueMapForm != null && !draft.valueMap.isEmpty()) {
            valueMaps.put(draft.valueMap, valueMapForm.valueMap());
            refreshPreview();
        }
    }

    private void showValueMap(RuleDraft draft) {
        if (draft.valueMap.isEmpty() || !draft.mapped()) {
            closeValueMap();
            return;
        }
        if (valueMapForm == null) {
            valueMapForm = new ValueMapForm();
            valueMapForm.addValueMapChangedListener(e -> valueMapChanged());
            addComponentAtIndex(indexOf(ruleForm) + 1, valueMapForm);
        }
        valueMapForm.edit(draft.valueMap, valueMaps.get(draft.valueMap), seenValues(draft));
    }

    private List<String> seenValues(RuleDraft draft) {
        return SeenValues.of(previews, inbox, scope(), integration.id(), workspace, draft);
    }

    /** The mapping as edited: the mapped rules, the value maps they use, the loaded steps, rates and grouping. */
    MappingSpec spec() {
        List<MappingSpec.FieldRule> fields = drafts.stream().filter(RuleDraft::mapped).map(RuleDraft::toRule).toList();
        Set<String> used = new LinkedHashSet<>();
        fields.forEach(f -> {
            if (f.valueMap() != null) {
                used.add(f.valueMap());
            }
        });
        Map<String, MappingSpec.ValueMap> maps = new LinkedHashMap<>();
        valueMaps.forEach((name, map) -> {
            if (used.contains(name) || workspace.spec().valueMaps().containsKey(name)) {
                maps.put(name, map);
            }
        });
        MappingSpec base = workspace.spec();
        return new MappingSpec(base.steps(), fields, maps, base.rates(), base.aggregate());
    }

    /** Maps the sample records with the mapping as edited and shows the outputs and errors, or why it does not compile. */
    void refreshPreview() {
        MappingSpec spec = spec();
        if (spec.fields().isEmpty()) {
            showProblems(List.of());
            previewStatus.setText("Map at least one target field to see the preview.");
            return;
        }
        if (workspace.samples().isEmpty()) {
            previewStatus.setText("No sample records: discovery found none and the integration has no failed records.");
            return;
        }
        try {
            MappingPreviewResult result = previews.preview(scope(), integration.id(),
                    new MappingPreviewRequest(spec, null, workspace.records()));
            showProblems(List.of());
            preview.show(result, spec.fields().stream().map(MappingSpec.FieldRule::target).toList());
            long failing = result.records().stream().filter(r -> !r.errors().isEmpty()).count();
            previewStatus.setText(result.records().size() + " sample records mapped; "
                    + (failing == 0 ? "no errors." : failing + (failing == 1 ? " record has" : " records have") + " errors."));
        } catch (InvalidMappingException e) {
            showProblems(e.fieldErrors());
            previewStatus.setText("The preview waits for the mapping to compile: " + e.getMessage());
        } catch (ProblemException e) {
            previewStatus.setText(Notices.message(e));
        }
    }

    /** Puts each error at its rule (its row and the editor's field); returns the errors no rule owns. */
    private List<String> showProblems(List<FieldError> errors) {
        RuleProblems placed = RuleProblems.place(drafts, errors);
        for (RuleDraft d : drafts) {
            String now = placed.byRule().getOrDefault(d, "");
            if (!Objects.equals(now, d.problem)) {
                d.problem = now;
                rules.getDataProvider().refreshItem(d);
                if (ruleForm != null && d == ruleForm.draft()) {
                    ruleForm.showProblem();
                }
            }
        }
        return placed.general();
    }

    void save(boolean pin) {
        MappingSpec spec = spec();
        MappingVersion saved;
        try {
            saved = versions.create(scope(), integration.id(), spec);
        } catch (InvalidMappingException e) {
            List<String> general = showProblems(e.fieldErrors());
            saveStatus.setText("Nothing was saved: " + e.fieldErrors().size()
                    + (e.fieldErrors().size() == 1 ? " problem" : " problems") + " to fix, shown at the fields"
                    + (general.isEmpty() ? "." : ": " + String.join("; ", general)));
            return;
        } catch (ProblemException e) {
            saveStatus.setText("Nothing was saved: " + Notices.message(e));
            return;
        }
        showProblems(List.of());
        if (!pin) {
            saveStatus.setText("Saved as version " + saved.version() + ". Runs keep using the pinned version until you pin it.");
            Notices.done("Saved as version " + saved.version() + ".");
            return;
        }
        try {
            versions.pin(scope(), integration.id(), saved.version());
        } catch (ProblemException e) {
            saveStatus.setText("Saved as version " + saved.version() + ", but not pinned: " + Notices.message(e));
            return;
        }
        saveStatus.setText("Saved as version " + saved.version() + " and pinned: runs map with it from now on.");
        Notices.done("Saved as version " + saved.version() + " and pinned.");
        if (fixing != null && fixingCount > 0 && scope().may(Permission.OPERATE)) {
            retryErrors.setText("Retry the " + fixingCount + (fixingCount == 1 ? " error" : " errors") + " of this kind");
            retryErrors.setVisible(true);
        }
    }

    void retryErrors() {
        try {
            RetryQueued queued = inbox.retryAll(scope(), fixing, integration.id());
            int errors = queued.runs().stream().mapToInt(RetryQueued.Queued::errors).sum();
            UI.getCurrent().navigate("errors");
            Notices.done(errors + (errors == 1 ? " record" : " records") + " of kind " + ErrorWords.category(fixing)
                    + " queued for a retry with mapping version "
                    + versions.list(scope(), integration.id()).stream().filter(MappingVersion::pinned)
                            .map(v -> String.valueOf(v.version())).findFirst().orElse("?") + ".");
        } catch (ProblemException e) {
            Notices.refused(e);
        }
    }

    /** The rules as listed, for tests. */
    List<RuleDraft> drafts() {
        return drafts;
    }
}
