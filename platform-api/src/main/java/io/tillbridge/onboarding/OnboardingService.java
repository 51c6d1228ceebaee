package io.tillbridge.onboarding;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionOAuth;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorCatalog;
import io.tillbridge.connections.DiscoveredCatalog;
import io.tillbridge.connections.InstalledConnector;
import io.tillbridge.connections.OAuthStart;
import io.tillbridge.connector.mapping.MappingSpec;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.locations.LocationService;
import io.tillbridge.mappings.MappingVersion;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.onboarding.internal.OnboardingRows;
import io.tillbridge.paging.Page;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.Run;
import io.tillbridge.runs.RunFilter;
import io.tillbridge.runs.RunHistory;
import io.tillbridge.runs.RunStatus;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.templates.Template;
import io.tillbridge.templates.TemplateInstallDraft;
import io.tillbridge.templates.TemplateInstallation;
import io.tillbridge.templates.TemplateInstalls;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's onboarding (DD-031): where it stands, derived from its data wherever the data tells
 * (locations, targets, a POS connection, the integration, its pinned mapping, a succeeded shadow
 * run, live mode), and the few confirmations it cannot tell (business profile confirmed, mapping
 * reviewed), which are stored. Also the wizard's composite steps: starting empty (warehouse
 * connection, integration and mapping version, all or nothing) or from a template (DD-039), and the
 * shadow run.
 */
@Singleton
public class OnboardingService {

    /** The connector the wizard offers as the destination when no template exists. */
    public static final String WAREHOUSE = "postgres-warehouse";
    /** The object the orders are written to in the warehouse. */
    public static final String WAREHOUSE_OBJECT = "pos_orders";
    /** Steps only a confirmation marks done. */
    static final Set<OnboardingStep> CONFIRMED = EnumSet.of(OnboardingStep.BUSINESS, OnboardingStep.TARGETS,
            OnboardingStep.MAPPING);

    private static final Logger LOG = LoggerFactory.getLogger(OnboardingService.class);

    private final TenantTransactions transactions;
    private final OnboardingRows rows;
    private final TenantSettingsService settings;
    private final LocationService locations;
    private final ConnectionService connections;
    private final ConnectorCatalog catalog;
    private final IntegrationService integrations;
    private final MappingVersions mappings;
    private final RunHistory runs;
    private final ConnectionOAuth oauth;
    private final TemplateInstalls templates;

    OnboardingService(TenantTransactions transactions, OnboardingRows rows, TenantSettingsService settings,
            LocationService locations, ConnectionService connections, ConnectorCatalog catalog,
            IntegrationService integrations, MappingVersions mappings, RunHistory runs, ConnectionOAuth oauth,
            TemplateInstalls templates) {
        this.transactions = transactions;
        this.rows = rows;
        this.settings = settings;
        this.locations = locations;
        this.connections = connections;
        this.catalog = catalog;
        this.integrations = integrations;
        this.mappings = mappings;
        this.runs = runs;
        this.oauth = oauth;
        this.templates = templates;
    }

    /** Where the tenant stands. */
    public OnboardingProgress progress(TenantScope scope) {
        scope.require(Permission.READ);
        OnboardingRows.Row stored = transactions.read(scope.tenant(), c -> rows.find(scope.tenant(), c))
                .orElse(OnboardingRows.Row.NONE);
        Set<OnboardingStep> done = EnumSet.noneOf(OnboardingStep.class);
        if (stored.confirmed().contains(OnboardingStep.BUSINESS)) {
            done.add(OnboardingStep.BUSINESS);
        }
        if (!locations.list(scope, Optional.empty(), 1).items().isEmpty()) {
            done.add(OnboardingStep.LOCATIONS);
        }
        if (stored.confirmed().contains(OnboardingStep.TARGETS) || settings.get(scope).kpiTargets().anySet()) {
            done.add(OnboardingStep.TARGETS);
        }
        List<ConnectionDetail> all = connections.list(scope, Optional.empty(), Page.MAX_LIMIT).items();
        Optional<ConnectionDetail> pos = all.stream().filter(this::isPos).findFirst();
        pos.ifPresent(p -> done.add(OnboardingStep.CONNECT));
        Optional<Integration> integration = integration(scope, stored.integrationId(), all);
        UUID shadowRun = stored.shadowRunId();
        if (integration.isPresent()) {
            Integration i = integration.get();
            done.add(OnboardingStep.DESTINATION);
            boolean pinned = mappings.list(scope, i.id()).stream().anyMatch(MappingVersion::pinned);
            if (pinned && stored.confirmed().contains(OnboardingStep.MAPPING)) {
                done.add(OnboardingStep.MAPPING);
            }
            Optional<Run> succeeded = runs.list(scope, new RunFilter(RunStatus.SUCCEEDED, null, i.id(), null, null),
                    Optional.empty(), Page.MAX_LIMIT).items().stream().filter(Run::shadow).findFirst();
            if (succeeded.isPresent()) {
                done.add(OnboardingStep.SHADOW_RUN);
                shadowRun = shadowRun == null ? succeeded.get().id() : shadowRun;
            }
            if ("live".equals(i.mode())) {
                done.add(OnboardingStep.GO_LIVE);
            }
        }
        UUID posId = integration.map(Integration::sourceConnectionId).or(() -> pos.map(ConnectionDetail::id)).orElse(null);
        return new OnboardingProgress(done, posId, integration.map(Integration::id).orElse(null), shadowRun);
    }

    /** Records that the merchant confirmed a step that leaves no data of its own behind. */
    public OnboardingProgress confirm(TenantScope scope, OnboardingStep step) {
        scope.require(Permission.CONFIGURE);
        if (!CONFIRMED.contains(step)) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The step " + step.title()
                    + " is done by what it makes, not by a confirmation.");
        }
        transactions.write(scope.tenant(), c -> {
            rows.confirm(scope.tenant(), c, step);
            return null;
        });
        return progress(scope);
    }

    /** Whether a connection is to a POS: its connector offers the canonical orders stream. */
    public boolean isPos(ConnectionDetail connection) {
        return catalog.find(connection.connectorId()).map(ConnectorCatalog.Entry::connector)
                .filter(c -> c.roles().contains("source") && c.streams().contains(PosStreams.ORDERS)).isPresent();
    }

    /** The connectors a merchant may connect as the POS, sandbox ones first. */
    public List<InstalledConnector> posConnectors() {
        return catalog.list().stream().filter(c -> c.roles().contains("source") && c.streams().contains(PosStreams.ORDERS))
                .sorted((a, b) -> Boolean.compare(b.sandbox(), a.sandbox())).toList();
    }

    /**
     * Starts connecting the POS with the vendor's OAuth flow from the wizard: once the merchant
     * granted access, the browser returns to the wizard ({@link WizardOAuthReturn}).
     */
    public OAuthStart startOAuth(TenantScope scope, ConnectionDraft draft) {
        return oauth.start(scope, draft, (c, authorizationId) -> rows.oauthStarted(scope.tenant(), c, authorizationId));
    }

    /** The tenant's warehouse connections. */
    public List<ConnectionDetail> warehouses(TenantScope scope) {
        return connections.list(scope, Optional.empty(), Page.MAX_LIMIT).items().stream()
                .filter(c -> WAREHOUSE.equals(c.connectorId())).toList();
    }

    /**
     * Starts without a template: the warehouse connection {@code warehouse} (created from
     * {@code newWarehouse} when null), an integration of the POS's {@code pos.orders} into it in
     * shadow mode, and a mapping version copying the orders' fields, pinned. All or nothing: what
     * was made is removed again when a later part is refused.
     */
    public Integration startEmpty(TenantScope scope, UUID posConnectionId, UUID warehouse, ConnectionDraft newWarehouse) {
        scope.require(Permission.CONFIGURE);
        ConnectionDetail pos = connections.get(scope, posConnectionId);
        if (!isPos(pos)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The connection " + pos.name() + " is not a POS.");
        }
        ConnectionDetail created = null;
        Integration integration = null;
        try {
            UUID target = warehouse;
            if (target == null) {
                created = connections.create(scope, newWarehouse);
                target = created.id();
            }
            integration = integrations.create(scope, new IntegrationDraft("Orders to warehouse", pos.id(),
                    PosStreams.ORDERS, target, WAREHOUSE_OBJECT, "shadow", null));
            MappingVersion version = mappings.create(scope, integration.id(), copyOfOrders(scope, pos.id()));
            mappings.pin(scope, integration.id(), version.version());
            UUID id = integration.id();
            transactions.write(scope.tenant(), c -> {
                rows.integration(scope.tenant(), c, id);
                rows.unconfirm(scope.tenant(), c, OnboardingStep.MAPPING);
                return null;
            });
            return integrations.get(scope, id);
        } catch (RuntimeException e) {
            undo(scope, integration, created, e);
            throw e;
        }
    }

    /** The templates that can read from the POS connection: those whose source connectors include its connector. */
    public List<Template> templates(TenantScope scope, UUID posConnectionId) {
        return templates.applicableTo(connections.get(scope, posConnectionId).connectorId());
    }

    /** The tenant's connections a template may write to. */
    public List<ConnectionDetail> targets(TenantScope scope, Template template) {
        return connections.list(scope, Optional.empty(), Page.MAX_LIMIT).items().stream()
                .filter(c -> template.target().connectors().contains(c.connectorId())).toList();
    }

    /**
     * Starts from a template (DD-039): installs it between the POS and the target connection
     * {@code target} (made from {@code newTarget} when null) in shadow mode, all or nothing, and
     * takes its first integration reading the POS's orders as the wizard's: its pinned mapping is the
     * template's, so the mapping step counts as reviewed and the wizard goes on with the shadow run.
     */
    public TemplateInstallation startFromTemplate(TenantScope scope, String templateId, UUID posConnectionId,
            UUID target, ConnectionDraft newTarget) {
        scope.require(Permission.CONFIGURE);
        ConnectionDetail pos = connections.get(scope, posConnectionId);
        if (!isPos(pos)) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The connection " + pos.name() + " is not a POS.");
        }
        TemplateInstallDraft draft = new TemplateInstallDraft(pos.id(), target, null, "shadow", true);
        TemplateInstallation installed = target == null ? templates.installWithNewTarget(scope, templateId, newTarget, draft)
                : templates.install(scope, templateId, draft);
        UUID wizards = installed.integrations().stream().map(TemplateInstallation.Installed::integration)
                .filter(i -> PosStreams.ORDERS.equals(i.sourceStream())).findFirst()
                .orElse(installed.integrations().get(0).integration()).id();
        transactions.write(scope.tenant(), c -> {
            rows.integration(scope.tenant(), c, wizards);
            rows.confirm(scope.tenant(), c, OnboardingStep.MAPPING);
            return null;
        });
        return installed;
    }

    /** Queues a shadow run of the onboarding integration; 409 once it is live. */
    public UUID startShadowRun(TenantScope scope, UUID integrationId) {
        Integration integration = integrations.get(scope, integrationId);
        if (!"shadow".equals(integration.mode())) {
            throw new ProblemException(ProblemType.CONFLICT, integration.name()
                    + " is live already: its runs write to the target.");
        }
        UUID run = integrations.runNow(scope, integrationId);
        transactions.write(scope.tenant(), c -> {
            rows.shadowRun(scope.tenant(), c, run);
            return null;
        });
        return run;
    }

    /**
     * Switches the onboarding integration to live, and, when it was installed from a template, the
     * other integrations of that install with it. Idempotent.
     */
    public Integration goLive(TenantScope scope, UUID integrationId) {
        Integration wizards = integrations.get(scope, integrationId);
        if (wizards.template() != null) {
            UUID install = wizards.template().installId();
            integrations.list(scope, Optional.empty(), Page.MAX_LIMIT).items().stream()
                    .filter(i -> i.template() != null && install.equals(i.template().installId())
                            && !i.id().equals(integrationId))
                    .forEach(i -> live(scope, i));
        }
        return live(scope, wizards);
    }

    private Integration live(TenantScope scope, Integration i) {
        if ("live".equals(i.mode())) {
            return i;
        }
        return integrations.update(scope, i.id(), i.version(), new IntegrationDraft(i.name(),
                i.sourceConnectionId(), i.sourceStream(), i.targetConnectionId(), i.targetObject(), "live",
                i.maxRecordErrors()));
    }

    /** One rule per top-level field of the POS's discovered orders: the identity, as a version. */
    private MappingSpec copyOfOrders(TenantScope scope, UUID posConnectionId) {
        DiscoveredCatalog discovered = connections.discover(scope, posConnectionId);
        List<MappingSpec.FieldRule> fields = discovered.streams().stream()
                .filter(s -> s.name().equals(PosStreams.ORDERS)).findFirst()
                .map(s -> s.fields().stream().map(DiscoveredCatalog.Field::name)
                        .filter(name -> name.matches("[A-Za-z_][A-Za-z0-9_]*")).distinct()
                        .map(name -> MappingSpec.FieldRule.copy(name, name)).toList())
                .orElse(List.of());
        if (fields.isEmpty()) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "The POS offers no fields of " + PosStreams.ORDERS
                    + " to map; test the connection and try again.");
        }
        return new MappingSpec(null, fields, null, null, null);
    }

    private void undo(TenantScope scope, Integration integration, ConnectionDetail created, RuntimeException cause) {
        try {
            if (integration != null) {
                integrations.delete(scope, integration.id(), integrations.get(scope, integration.id()).version());
            }
            if (created != null) {
                connections.delete(scope, created.id(), connections.get(scope, created.id()).version());
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            LOG.warn("Starting empty failed and what it made could not all be removed", e);
        }
    }

    private Optional<Integration> integration(TenantScope scope, UUID stored, List<ConnectionDetail> all) {
        if (stored != null) {
            Optional<Integration> found = integrations.find(scope.tenant(), stored);
            if (found.isPresent()) {
                return found;
            }
        }
        Set<UUID> posIds = all.stream().filter(this::isPos).map(ConnectionDetail::id)
                .collect(java.util.stream.Collectors.toSet());
        return integrations.list(scope, Optional.empty(), Page.MAX_LIMIT).items().stream()
                .filter(i -> posIds.contains(i.sourceConnectionId()) && PosStreams.ORDERS.equals(i.sourceStream()))
                .findFirst();
    }
}
