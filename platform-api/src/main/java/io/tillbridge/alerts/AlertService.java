package io.tillbridge.alerts;

import io.tillbridge.outbound.StandardWebhooks;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantScope;
import io.tillbridge.alerts.internal.AlertRows;
import io.tillbridge.alerts.internal.AlertSecretStore;
import io.tillbridge.alerts.internal.ChannelRows;
import io.tillbridge.audit.AuditLog;
import io.tillbridge.connections.PlatformEgress;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.credentials.Secret;
import io.tillbridge.credentials.SecretVault;
import io.tillbridge.mail.EmailAddress;
import io.tillbridge.platform.Versions;
import io.tillbridge.problems.ProblemException;
import io.tillbridge.problems.ProblemType;
import io.tillbridge.tenants.TenantTransactions;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What members do with alerts: read and acknowledge or snooze alerts, edit the rules of their
 * integrations, manage channels, send a test and read each channel's delivery log. Reading needs
 * READ; acknowledging and snoozing OPERATE; rules and channels CONFIGURE, audited in the change's
 * transaction.
 */
@Singleton
public class AlertService {

    /** Most alerts answered by one list. */
    public static final int MAX_LIST = 200;
    /** Addresses of one email channel. */
    public static final int MAX_ADDRESSES = 10;
    /** The longest snooze. */
    public static final Duration MAX_SNOOZE = Duration.ofDays(30);

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]+$");

    private final TenantTransactions transactions;
    private final AuditLog audit;
    private final SecretVault vault;
    private final PlatformEgress egress;
    private final AlertNotifier notifier;
    private final Clock clock;

    public AlertService(TenantTransactions transactions, AuditLog audit, SecretVault vault, PlatformEgress egress,
            AlertNotifier notifier, Clock clock) {
        this.transactions = transactions;
        this.audit = audit;
        this.vault = vault;
        this.egress = egress;
        this.notifier = notifier;
        this.clock = clock;
    }

    // Alerts.

    /** Alerts, open ones first, then newest first; {@code status} open, resolved or null for all. */
    public List<Alert> alerts(TenantScope scope, String status, UUID integrationId, int limit) {
        scope.require(Permission.READ);
        if (status != null && !status.equals("open") && !status.equals("resolved")) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "status must be open or resolved.");
        }
        return transactions.read(scope.tenant(), c -> AlertRows.alerts(c, status, integrationId,
                Math.max(1, Math.min(limit, MAX_LIST))));
    }

    public long openCount(TenantScope scope) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), AlertRows::openCount);
    }

    public Alert alert(TenantScope scope, UUID id) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> AlertRows.alert(c, id, false)).orElseThrow(AlertService::noAlert);
    }

    /** Stops the re-notifications of an open alert; it still resolves (and says so) by itself. */
    public Alert acknowledge(TenantScope scope, UUID id) {
        scope.require(Permission.OPERATE);
        return transactions.write(scope.tenant(), c -> {
            Alert before = AlertRows.alert(c, id, true).orElseThrow(AlertService::noAlert);
            requireOpen(before);
            Alert after = AlertRows.acknowledge(c, id, scope.actor().label() == null ? scope.actor().id() : scope.actor().label(), clock.instant());
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("alert.acknowledged", "alert", id));
            return after;
        });
    }

    /** Holds the re-notifications of an open alert until {@code until} (at most 30 days ahead). */
    public Alert snooze(TenantScope scope, UUID id, Instant until) {
        scope.require(Permission.OPERATE);
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(MAX_SNOOZE))) {
            throw new ProblemException(ProblemType.UNPROCESSABLE, "until must be in the future and at most 30 days ahead.");
        }
        return transactions.write(scope.tenant(), c -> {
            Alert before = AlertRows.alert(c, id, true).orElseThrow(AlertService::noAlert);
            requireOpen(before);
            Alert after = AlertRows.snooze(c, id, until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("alert.snoozed", "alert", id)
                    .after(Map.of("snoozedUntil", until.toString())));
            return after;
        });
    }

    private static void requireOpen(Alert alert) {
        if (!alert.status().equals("open")) {
            throw new ProblemException(ProblemType.CONFLICT, "The alert is resolved already.");
        }
    }

    // Rules.

    /** The rules of every integration (or one), created with defaults where missing. */
    public List<AlertRule> rules(TenantScope scope, UUID integrationId) {
        scope.require(Permission.READ);
        return transactions.write(scope.tenant(), c -> {
            AlertRows.ensureDefaults(c, scope.tenant().value());
            return AlertRows.rules(c, integrationId);
        });
    }

    public AlertRule rule(TenantScope scope, UUID id) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> AlertRows.rule(c, id, false)).orElseThrow(AlertService::noRule);
    }

    /** Changes a rule; 412 unless it is still at {@code expectedVersion}. */
    public AlertRule updateRule(TenantScope scope, UUID id, int expectedVersion, RuleChange change) {
        scope.require(Permission.CONFIGURE);
        return transactions.write(scope.tenant(), c -> {
            AlertRule before = AlertRows.rule(c, id, true).orElseThrow(AlertService::noRule);
            Versions.requireCurrent(expectedVersion, before.version());
            AlertRule changed = applied(c, before, change);
            AlertRule after = AlertRows.updateRule(c, changed);
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("alert_rule.changed", "alert_rule", id)
                    .before(before.auditState()).after(after.auditState()));
            return after;
        });
    }

    private static AlertRule applied(Connection c, AlertRule r, RuleChange change) throws SQLException {
        boolean backlog = r.kind().equals(RuleKind.BACKLOG.wire());
        boolean silence = r.kind().equals(RuleKind.DATA_STOPPED.wire());
        int threshold = change.threshold() == null ? r.threshold() : change.threshold();
        // The unreconciled rule's hours: at most the longest reconciliation range (92 days).
        boolean unreconciled = r.kind().equals(RuleKind.UNRECONCILED.wire());
        range("threshold", threshold, 1, silence ? 1440 : unreconciled ? 92 * 24 : 100000);
        Integer growth = backlog && change.growth() != null ? (Integer) range("growth", change.growth(), 1, 1000000) : r.growth();
        Integer growthHours = backlog && change.growthHours() != null ? (Integer) range("growthHours", change.growthHours(), 1, 168)
                : r.growthHours();
        BigDecimal factor = r.factor();
        if (silence && change.factor() != null) {
            if (change.factor().compareTo(BigDecimal.ONE) < 0 || change.factor().compareTo(BigDecimal.valueOf(100)) > 0
                    || change.factor().scale() > 2) {
                throw invalid("factor must be 1 to 100, with at most 2 decimals.");
            }
            factor = change.factor();
        }
        Integer weeks = silence && change.learnWeeks() != null ? (Integer) range("learnWeeks", change.learnWeeks(), 2, 12)
                : r.learnWeeks();
        int renotify = change.renotifyMinutes() == null ? r.renotifyMinutes()
                : range("renotifyMinutes", change.renotifyMinutes(), 15, 10080);
        List<UUID> channels = r.channelIds();
        if (change.allChannels()) {
            channels = null;
        } else if (change.channelIds() != null) {
            Set<UUID> distinct = new LinkedHashSet<>(change.channelIds());
            if (distinct.size() > 20) {
                throw invalid("channelIds names at most 20 channels.");
            }
            for (UUID channel : distinct) {
                if (ChannelRows.channel(c, channel, false).isEmpty()) {
                    throw invalid("channelIds names no channel of this tenant: " + channel);
                }
            }
            channels = List.copyOf(distinct);
        }
        return new AlertRule(r.id(), r.integrationId(), r.kind(), r.title(),
                change.enabled() == null ? r.enabled() : change.enabled(), threshold, growth, growthHours, factor, weeks,
                renotify, channels, r.version());
    }

    private static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(field + " must be " + min + " to " + max + ".");
        }
        return value;
    }

    // Channels.

    public List<AlertChannel> channels(TenantScope scope) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), ChannelRows::channels);
    }

    public AlertChannel channel(TenantScope scope, UUID id) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> ChannelRows.channel(c, id, false)).orElseThrow(AlertService::noChannel);
    }

    /** Adds a channel; a webhook channel's signing secret is answered here only. */
    public ChannelCreated createChannel(TenantScope scope, ChannelDraft draft) {
        scope.require(Permission.CONFIGURE);
        ChannelDraft valid = validated(draft);
        UUID id = UUID.randomUUID();
        String secret = valid.kind().equals("webhook") ? StandardWebhooks.newSecret() : null;
        return transactions.write(scope.tenant(), c -> {
            if (ChannelRows.count(c) >= 20) {
                throw new ProblemException(ProblemType.CONFLICT, "A tenant has at most 20 alert channels.");
            }
            AlertChannel created = ChannelRows.insert(c, scope.tenant().value(), id, valid.name(), valid.kind(),
                    valid.addresses(), valid.url(), secret == null ? null
                            : vault.seal(scope.tenant(), id, AlertSecretStore.FIELD, Secret.of(secret)));
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("alert_channel.created", "alert_channel", id)
                    .after(created.auditState()));
            return new ChannelCreated(created, secret);
        });
    }

    /** Changes a channel's name and addresses or URL (not its kind, nor its secret). */
    public AlertChannel updateChannel(TenantScope scope, UUID id, int expectedVersion, ChannelDraft draft) {
        scope.require(Permission.CONFIGURE);
        return transactions.write(scope.tenant(), c -> {
            AlertChannel before = ChannelRows.channel(c, id, true).orElseThrow(AlertService::noChannel);
            Versions.requireCurrent(expectedVersion, before.version());
            ChannelDraft valid = validated(new ChannelDraft(draft.name(), before.kind(), draft.addresses(), draft.url()));
            AlertChannel after = ChannelRows.update(c, id, valid.name(), valid.addresses(), valid.url());
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("alert_channel.changed", "alert_channel", id)
                    .before(before.auditState()).after(after.auditState()));
            return after;
        });
    }

    public void deleteChannel(TenantScope scope, UUID id, int expectedVersion) {
        scope.require(Permission.CONFIGURE);
        transactions.write(scope.tenant(), c -> {
            AlertChannel before = ChannelRows.channel(c, id, true).orElseThrow(AlertService::noChannel);
            Versions.requireCurrent(expectedVersion, before.version());
            ChannelRows.delete(c, id);
            audit.append(c, scope.tenant(), scope.actor(), AuditLog.Entry.of("alert_channel.deleted", "alert_channel", id)
                    .before(before.auditState()));
            return null;
        });
    }

    /** Sends a test notification on the channel now and answers its delivery (retried like others if it failed). */
    public Delivery test(TenantScope scope, UUID id) {
        scope.require(Permission.CONFIGURE);
        Instant now = clock.instant();
        UUID delivery = transactions.write(scope.tenant(), c -> {
            AlertChannel channel = ChannelRows.channel(c, id, false).orElseThrow(AlertService::noChannel);
            Alert sample = new Alert(new UUID(0L, 0L), new UUID(0L, 0L), new UUID(0L, 0L), "test", "", "open",
                    "Test notification", "This is a test of the alert channel \"" + channel.name() + "\".",
                    "/api/v1/tenants/" + scope.tenant().value() + "/alert-channels/" + id, "alerts", now, now, 1, null,
                    null, null, null);
            return ChannelRows.enqueue(c, scope.tenant().value(), id, null, "test", notifier.payload(sample, "test"), now);
        });
        return notifier.deliverNow(scope.tenant(), delivery, now);
    }

    /** The channel's delivery log, newest first (at most {@link ChannelRows#LOG_SIZE}). */
    public List<Delivery> deliveries(TenantScope scope, UUID id, int limit) {
        scope.require(Permission.READ);
        return transactions.read(scope.tenant(), c -> {
            ChannelRows.channel(c, id, false).orElseThrow(AlertService::noChannel);
            return ChannelRows.deliveries(c, id, Math.max(1, Math.min(limit, ChannelRows.LOG_SIZE)));
        });
    }

    private ChannelDraft validated(ChannelDraft d) {
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw invalid("name must be 1 to 100 characters.");
        }
        String kind = d.kind() == null ? "" : d.kind().strip().toLowerCase(Locale.ROOT);
        switch (kind) {
            case "email" -> {
                if (d.addresses() == null || d.addresses().isEmpty() || d.addresses().size() > MAX_ADDRESSES) {
                    throw invalid("An email channel needs 1 to " + MAX_ADDRESSES + " addresses.");
                }
                Set<String> addresses = new LinkedHashSet<>();
                for (String a : d.addresses()) {
                    String address = EmailAddress.normalise(a);
                    if (address == null || address.length() > 254 || !EMAIL.matcher(address).matches()) {
                        throw invalid("Not an email address: " + (a == null ? "null" : a.length() > 80 ? a.substring(0, 80) : a));
                    }
                    addresses.add(address);
                }
                return new ChannelDraft(name, kind, List.copyOf(addresses), null);
            }
            case "chat", "webhook" -> {
                return new ChannelDraft(name, kind, null, checkedUrl(d.url()));
            }
            default -> throw invalid("kind must be email, chat or webhook.");
        }
    }

    /** An http(s) URL of at most 2,000 characters whose host the egress policy does not refuse. */
    private String checkedUrl(String text) {
        if (text == null || text.isBlank() || text.length() > 2000) {
            throw invalid("url must be an http or https URL of at most 2000 characters.");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw invalid("url is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw invalid("url must be an http or https URL with a host and no user information.");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        try {
            egress.policy().resolve(uri.getHost(), port);
        } catch (ConnectorException e) {
            throw invalid("The platform does not send to this address: " + e.getMessage());
        } catch (UnknownHostException e) {
            // Not resolvable now: kept, and each send checks the address again.
        }
        return uri.toString();
    }

    private static ProblemException invalid(String message) {
        return new ProblemException(ProblemType.UNPROCESSABLE, message);
    }

    private static ProblemException noAlert() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such alert.");
    }

    private static ProblemException noRule() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such alert rule.");
    }

    private static ProblemException noChannel() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such alert channel.");
    }
}
