package io.tillbridge.templates;

import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.integrations.TemplateOrigin;
import io.tillbridge.locations.Location;
import io.tillbridge.locations.LocationService;
import io.tillbridge.mappings.MappingVersion;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.problems.Problem;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.scheduling.Schedule;
import io.tillbridge.scheduling.ScheduleDraft;
import io.tillbridge.scheduling.ScheduleService;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Installs a template into a tenant (DD-039): checks that both connections are the tenant's (404
 * otherwise) and can play their parts (422 {@code template-not-applicable} naming the field), then
 * creates, in ONE transaction, every integration of the template with its origin recorded, its
 * mapping version (pinned) and its schedule, each audited as if made by hand, and an audit entry of
 * the install. A failure anywhere rolls all of it back. What is installed is an ordinary integration
 * the merchant may change afterwards.
 */
@Singleton
public class TemplateInstalls {

    /** The longest name prefix: with a template's names (at most 100) an integration's name stays within 200. */
    public static final int MAX_NAME_PREFIX = 80;

    private final TenantTransactions transactions;
    private final TemplateCatalog catalog;
    private final ConnectionService connections;
    private final IntegrationService integrations;
    private final MappingVersions mappings;
    private final ScheduleService schedules;
    private final LocationService locations;
    private final AuditLog audit;

    TemplateInstalls(TenantTransactions transactions, TemplateCatalog catalog, ConnectionService connections,
            IntegrationService integrations, MappingVersions mappings, ScheduleService schedules,
            LocationService locations, AuditLog audit) {
        this.transactions = transactions;
        this.catalog = catalog;
        this.connections = connections;
        this.integrations = integrations;
        this.mappings = mappings;
        this.schedules = schedules;
        this.locations = locations;
        this.audit = audit;
    }

    /** The template, or 404 naming the id. */
    public Template template(String id) {
        return catalog.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "No template has the id '" + id + "'; GET /api/v1/templates lists them."));
    }

    /** Installs template {@code templateId} as {@code draft} asks; all of it or nothing. */
    public TemplateInstallation install(TenantScope scope, String templateId, TemplateInstallDraft draft) {
        scope.require(Permission.CONFIGURE);
        Template template = template(templateId);
        String prefix = validPrefix(draft.namePrefix());
        String mode = draft.mode() == null ? null : draft.mode().trim();
        if (mode != null && !IntegrationService.MODES.contains(mode)) {
            throw invalid("mode", "must be shadow or live");
        }
        boolean withSchedules = draft.schedule() == null || draft.schedule();
        String zone = withSchedules ? tenantZone(scope) : null;
        UUID installId = UUID.randomUUID();
        List<UUID> scheduled = new ArrayList<>();
        try {
            return transactions.write(scope.tenant(), c -> {
                ConnectorSpec<?> source = connectorOf(c, scope, draft.sourceConnectionId(), "sourceConnectionId");
                ConnectorSpec<?> target = connectorOf(c, scope, draft.targetConnectionId(), "targetConnectionId");
                if (!source.roles().contains(ConnectorSpec.Role.SOURCE)
                        || !source.streams().containsAll(template.source().streams())) {
                    throw notApplicable("sourceConnectionId", "its connector " + source.id() + " does not emit "
                            + template.source().streams() + "; the template applies to connections of "
                            + template.source().connectors());
                }
                if (!template.target().connectors().contains(target.id())) {
                    throw notApplicable("targetConnectionId", "its connector " + target.id() + " is not one the"
                            + " template writes to: " + template.target().connectors());
                }
                List<UUID> made = new ArrayList<>();
                List<Integer> versions = new ArrayList<>();
                for (Template.Integration part : template.integrations()) {
                    Integration created = integrations.create(scope, new IntegrationDraft(named(prefix, part.name()),
                            draft.sourceConnectionId(), part.sourceStream(), draft.targetConnectionId(),
                            part.targetObject(), mode != null ? mode : part.mode(), null),
                            new TemplateOrigin(template.id(), template.version(), part.key(), installId));
                    MappingVersion version = mappings.createPinned(scope, created.id(),
                            catalog.spec(template.id(), part.key()));
                    made.add(created.id());
                    versions.add(version.version());
                }
                // Schedules last: their triggers are written by the job store in transactions of its own,
                // removed again below if this transaction does not commit.
                List<Schedule> saved = new ArrayList<>();
                for (int i = 0; i < made.size(); i++) {
                    Template.Schedule schedule = template.integrations().get(i).schedule();
                    if (withSchedules && schedule != null) {
                        scheduled.add(made.get(i));
                        saved.add(schedules.put(scope, made.get(i), Optional.empty(),
                                new ScheduleDraft(schedule.cron(), zone, null, true)));
                    } else {
                        saved.add(null);
                    }
                }
                List<TemplateInstallation.Installed> installed = new ArrayList<>();
                for (int i = 0; i < made.size(); i++) {
                    installed.add(new TemplateInstallation.Installed(template.integrations().get(i).key(),
                            integrations.get(scope, made.get(i)), versions.get(i), saved.get(i)));
                }
                Map<String, Object> state = new LinkedHashMap<>();
                state.put("templateId", template.id());
                state.put("templateVersion", template.version());
                state.put("sourceConnectionId", draft.sourceConnectionId().toString());
                state.put("targetConnectionId", draft.targetConnectionId().toString());
                state.put("integrationIds", made.stream().map(UUID::toString).toList());
                state.put("schedules", withSchedules);
                audit.append(c, scope.tenant(), scope.actor(),
                        AuditLog.Entry.of("template.installed", "template-install", installId).after(state));
                return new TemplateInstallation(template.id(), template.version(), installId, installed);
            });
        } catch (RuntimeException e) {
            for (UUID integration : scheduled) {
                try {
                    schedules.disarmUnsaved(scope.tenant(), integration);
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    /**
     * Makes the target connection from {@code target} (a merchant's form, prefilled from the
     * template's {@link Template#targetConfig()}), then installs the template onto it as
     * {@link #install} does; when the install is refused, the connection made for it is deleted
     * again, so that nothing is left half made. {@code draft}'s target connection is ignored.
     */
    public TemplateInstallation installWithNewTarget(TenantScope scope, String templateId, ConnectionDraft target,
            TemplateInstallDraft draft) {
        scope.require(Permission.CONFIGURE);
        Template template = template(templateId);
        if (!template.target().connectors().contains(target.connectorId())) {
            throw notApplicable("targetConnectionId", "a connection of " + target.connectorId() + " is not one the"
                    + " template writes to: " + template.target().connectors());
        }
        ConnectionDetail created = connections.create(scope, target);
        try {
            return install(scope, templateId, new TemplateInstallDraft(draft.sourceConnectionId(), created.id(),
                    draft.namePrefix(), draft.mode(), draft.schedule()));
        } catch (RuntimeException e) {
            try {
                connections.delete(scope, created.id(), connections.get(scope, created.id()).version());
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Every template whose integrations can read from a connection of {@code connectorId}. */
    public List<Template> applicableTo(String connectorId) {
        return catalog.list().stream().filter(t -> t.source().connectors().contains(connectorId)).toList();
    }

    private ConnectorSpec<?> connectorOf(Connection c, TenantScope scope, UUID id, String field) throws SQLException {
        if (id == null) {
            throw invalid(field, "is required");
        }
        return connections.connectorOf(c, scope.tenant(), id).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, field + ": no such connection in this tenant.",
                List.of(new Problem.FieldError(field, "no such connection in this tenant"))));
    }

    /** The time zone of the tenant's first location; UTC when it has none. */
    private String tenantZone(TenantScope scope) {
        return locations.list(scope, Optional.empty(), 1).items().stream().findFirst().map(Location::timeZone)
                .orElse("UTC");
    }

    private static String validPrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return null;
        }
        String trimmed = prefix.trim();
        if (trimmed.length() > MAX_NAME_PREFIX) {
            throw invalid("namePrefix", "must be at most " + MAX_NAME_PREFIX + " characters");
        }
        return trimmed;
    }

    private static String named(String prefix, String name) {
        return prefix == null ? name : prefix + " " + name;
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    private static ProblemException notApplicable(String field, String message) {
        return new ProblemException(ProblemType.TEMPLATE_NOT_APPLICABLE, field + ": " + message + ". Nothing was"
                + " created.", List.of(new Problem.FieldError(field, message)));
    }
}
