package io.tillbridge.webhooks;

import io.micronaut.context.env.Environment;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.credentials.Secret;
import io.tillbridge.credentials.SecretVault;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.RunTrigger;
import io.tillbridge.storage.StorageQuota;
import io.tillbridge.storage.StorageQuotaExceededException;
import io.tillbridge.storage.StorageUsage;
import io.tillbridge.support.TenantStatusService;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.webhooks.internal.WebhookRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Inbound webhooks (DD-013): an integration may have one endpoint, whose signing secret is sealed
 * by the secrets vault and shown once. A delivery is verified on its raw bytes (Standard Webhooks),
 * stored with its event id, deduplicated per endpoint, and queues a run with trigger
 * {@code webhook}, coalesced with a run of the integration that is still queued. A paused
 * integration or a suspended tenant gets the event stored but no run.
 */
@Singleton
public class WebhookService {

    /** Where the public receiving route lives. */
    public static final String HOOKS_PATH = "/api/v1/hooks/";
    /** The largest body a delivery may carry. */
    public static final int MAX_PAYLOAD_BYTES = 1024 * 1024;
    private static final String SECRET_FIELD = io.tillbridge.webhooks.internal.WebhookSecretStore.FIELD;

    private final TenantTransactions transactions;
    private final WebhookRepository repository;
    private final IntegrationService integrations;
    private final TenantStatusService tenants;
    private final RunCommands runs;
    private final SecretVault vault;
    private final AuditLog audit;
    private final Environment environment;
    private final Clock clock;
    private final StorageQuota storage;

    public WebhookService(TenantTransactions transactions, WebhookRepository repository,
            IntegrationService integrations, TenantStatusService tenants, RunCommands runs, SecretVault vault,
            AuditLog audit, Environment environment, Clock clock, StorageQuota storage) {
        this.transactions = transactions;
        this.repository = repository;
        this.integrations = integrations;
        this.tenants = tenants;
        this.runs = runs;
        this.vault = vault;
        this.audit = audit;
        this.environment = environment;
        this.clock = clock;
        this.storage = storage;
    }

    /** Gives the integration an endpoint and answers its secret, this once; 409 when it has one. */
    public IssuedWebhookEndpoint create(TenantScope scope, UUID integrationId) {
        scope.require(Permission.CONFIGURE);
        integrations.get(scope, integrationId);
        TenantId tenant = scope.tenant();
        UUID id = UUID.randomUUID();
        String secret = WebhookSignatures.newSecret();
        WebhookRepository.Row row = transactions.write(tenant, c -> {
            if (repository.byIntegration(tenant, c, integrationId, true).isPresent()) {
                throw new ProblemException(ProblemType.CONFLICT,
                        "The integration has a webhook endpoint already; delete it first to get a new one.");
            }
            repository.insert(tenant, c, id, integrationId, vault.seal(tenant, id, SECRET_FIELD, Secret.of(secret)));
            WebhookRepository.Row created = repository.byId(tenant, c, id).orElseThrow();
            audit.append(c, tenant, scope.actor(), AuditLog.Entry.of("webhook.created", "webhook-endpoint", id)
                    .after(Map.of("integrationId", integrationId.toString(), "url", url(id))));
            return created;
        });
        return new IssuedWebhookEndpoint(id, integrationId, url(id), secret, row.createdAt());
    }

    /** The integration's endpoint, without its secret; 404 when it has none. */
    public WebhookEndpoint get(TenantScope scope, UUID integrationId) {
        scope.require(Permission.READ);
        integrations.get(scope, integrationId);
        WebhookRepository.Row row = transactions.read(scope.tenant(),
                c -> repository.byIntegration(scope.tenant(), c, integrationId, false)).orElseThrow(WebhookService::none);
        return new WebhookEndpoint(row.id(), integrationId, url(row.id()), row.createdAt());
    }

    /** Removes the integration's endpoint and its stored events; deliveries to it then answer 404. */
    public void delete(TenantScope scope, UUID integrationId) {
        scope.require(Permission.CONFIGURE);
        integrations.get(scope, integrationId);
        TenantId tenant = scope.tenant();
        transactions.write(tenant, c -> {
            WebhookRepository.Row row = repository.byIntegration(tenant, c, integrationId, true)
                    .orElseThrow(WebhookService::none);
            repository.delete(tenant, c, row.id());
            audit.append(c, tenant, scope.actor(), AuditLog.Entry.of("webhook.deleted", "webhook-endpoint", row.id())
                    .before(Map.of("integrationId", integrationId.toString(), "url", url(row.id()))));
            return null;
        });
    }

    /**
     * Takes a delivery in: 404 for an unknown endpoint, 401 for a missing or wrong signature or a
     * timestamp outside the window (nothing stored), otherwise stores the event (once per event id)
     * and queues a run unless one is queued already.
     */
    public WebhookReceipt receive(UUID endpointId, String eventId, String timestamp, String signature,
            String contentType, byte[] body) {
        if (body.length > MAX_PAYLOAD_BYTES) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "A webhook body may have at most " + MAX_PAYLOAD_BYTES + " bytes.");
        }
        TenantId tenant = transactions.withoutTenant(c -> repository.tenantOf(c, endpointId))
                .orElseThrow(WebhookService::unknownEndpoint);
        WebhookRepository.Row endpoint = transactions.read(tenant, c -> repository.byId(tenant, c, endpointId))
                .orElseThrow(WebhookService::unknownEndpoint);
        Secret secret = vault.open(tenant, endpointId, SECRET_FIELD, endpoint.secret());
        Instant now = clock.instant();
        WebhookSignatures.Verdict verdict = WebhookSignatures.verify(secret.reveal(), eventId, timestamp, signature,
                body, now);
        if (verdict != WebhookSignatures.Verdict.VALID) {
            throw new ProblemException(ProblemType.INVALID_SIGNATURE, switch (verdict) {
                case MISSING_HEADER -> "Send webhook-id, webhook-timestamp and webhook-signature.";
                case BAD_TIMESTAMP -> "webhook-timestamp must be Unix seconds within 5 minutes of now.";
                default -> "webhook-signature does not match the body.";
            });
        }
        if (eventId.length() > 200) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "webhook-id may have at most 200 characters.");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        Optional<Integration> integration = integrations.find(tenant, endpoint.integrationId());
        boolean startsRuns = integration.isPresent() && !integration.get().paused() && tenants.isActive(tenant);
        boolean stored = transactions.write(tenant, c -> {
            StorageUsage usage = storage.usage(c, tenant);
            if (!repository.insertEvent(tenant, c, endpointId, eventId, signedAt, contentType, body)) {
                return false;
            }
            if (usage.exceeded()) {
                // Rolls the insert back; a redelivery of an event stored earlier is still answered as a duplicate.
                throw new StorageQuotaExceededException(usage);
            }
            if (startsRuns) {
                RunCommands.Enqueued run = runs.enqueueCoalesced(tenant, endpoint.integrationId(), RunTrigger.WEBHOOK);
                repository.setEventRun(tenant, c, endpointId, eventId, run.runId());
            }
            return true;
        });
        return new WebhookReceipt(eventId, !stored);
    }

    private String url(UUID endpointId) {
        String base = environment.getProperty("tillbridge.api.url", String.class).orElse("");
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + HOOKS_PATH + endpointId;
    }

    private static ProblemException none() {
        return new ProblemException(ProblemType.NOT_FOUND, "The integration has no webhook endpoint.");
    }

    private static ProblemException unknownEndpoint() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such webhook endpoint.");
    }
}
