package io.tillbridge.demo;

import io.micronaut.context.annotation.Value;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantRole;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.connections.ConnectionDetail;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.PlatformEgress;
import io.tillbridge.connector.mapping.MappingSpecJson;
import io.tillbridge.connector.pos.PosStreams;
import io.tillbridge.demo.internal.DemoRows;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.mappings.InvalidMappingException;
import io.tillbridge.mappings.MappingVersion;
import io.tillbridge.mappings.MappingVersions;
import io.tillbridge.paging.Page;
import io.tillbridge.scheduling.ScheduleDraft;
import io.tillbridge.scheduling.ScheduleService;
import io.tillbridge.settings.KpiTargets;
import io.tillbridge.settings.SettingsChange;
import io.tillbridge.settings.TenantSettings;
import io.tillbridge.settings.TenantSettingsService;
import io.tillbridge.templates.TemplateInstallDraft;
import io.tillbridge.templates.TemplateInstallation;
import io.tillbridge.templates.TemplateInstalls;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.tenants.TenantTransactions;
import io.tillbridge.users.Signup;
import io.tillbridge.users.SignupResult;
import io.tillbridge.users.SignupService;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.Driver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo tenant (DD-041): with the demo setting on, the launcher's first start creates a business
 * whose owner can sign in at once, with the Square sandbox connected and selling, the orders going to
 * a warehouse of the demo's own every minute, card payments whose network is not mapped yet waiting
 * in the error inbox to be fixed, and KPI targets set, so that runs, health and ROI show within a
 * minute. Every later start finds it (the {@code demo_tenant} row) and only grants its warehouse
 * connection the way to its database again. Creation goes through the same services as the API, as
 * the system actor {@code demo}.
 */
@Singleton
public class DemoTenant {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTenant.class);
    public static final String EMAIL = "demo@tillbridge.local";
    static final String BUSINESS = "Demo Coffee Co.";
    static final String SQUARE = "square";
    static final String WAREHOUSE = "postgres-warehouse";
    static final String SQUARE_NAME = "Square (sandbox)";
    static final String WAREHOUSE_NAME = "Demo warehouse";
    /** The template the demo's orders and lines come from, and the prefix of its integrations' names. */
    static final String ORDERS_TEMPLATE = "pos-orders-to-warehouse";
    static final String TEMPLATE_PREFIX = "Demo";
    static final String PAYMENTS_NAME = "Card payments by network";
    /** How often the demo's integrations run: the scheduler's shortest interval. */
    static final int EVERY_SECONDS = 60;

    /** How to sign in as the demo's owner. */
    public record SignIn(String email, String password) {
        @Override
        public String toString() {
            return "SignIn[email=" + email + "]";
        }
    }

    private final boolean enabled;
    private final String ownerPassword;
    private final String warehouseUrl;
    private final String warehouseUser;
    private final String warehousePassword;
    private final String warehouseSchema;
    private final TenantTransactions transactions;
    private final DemoRows rows;
    private final SignupService signups;
    private final TenantSettingsService settings;
    private final ConnectionService connections;
    private final PlatformEgress egress;
    private final TemplateInstalls templates;
    private final IntegrationService integrations;
    private final MappingVersions mappings;
    private final ScheduleService schedules;
    private final Clock clock;

    public DemoTenant(@Value("${tillbridge.demo.enabled:false}") boolean enabled,
            @Value("${tillbridge.demo.owner-password:}") String ownerPassword,
            @Value("${tillbridge.demo.warehouse.url:}") String warehouseUrl,
            @Value("${tillbridge.demo.warehouse.user:}") String warehouseUser,
            @Value("${tillbridge.demo.warehouse.password:}") String warehousePassword,
            @Value("${tillbridge.demo.warehouse.schema:warehouse}") String warehouseSchema,
            TenantTransactions transactions, DemoRows rows, SignupService signups, TenantSettingsService settings,
            ConnectionService connections, PlatformEgress egress, TemplateInstalls templates,
            IntegrationService integrations, MappingVersions mappings, ScheduleService schedules, Clock clock) {
        this.enabled = enabled;
        this.ownerPassword = ownerPassword;
        this.warehouseUrl = warehouseUrl;
        this.warehouseUser = warehouseUser;
        this.warehousePassword = warehousePassword;
        this.warehouseSchema = warehouseSchema;
        this.transactions = transactions;
        this.rows = rows;
        this.signups = signups;
        this.settings = settings;
        this.connections = connections;
        this.egress = egress;
        this.templates = templates;
        this.integrations = integrations;
        this.mappings = mappings;
        this.schedules = schedules;
        this.clock = clock;
    }

    /** Whether the demo setting is on. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Creates the demo tenant unless it exists, and grants its warehouse connection its database;
     * answers how to sign in. Empty when the demo is off.
     */
    public synchronized Optional<SignIn> ensure() {
        if (!enabled) {
            return Optional.empty();
        }
        if (ownerPassword.isBlank() || warehouseUrl.isBlank()) {
            throw new IllegalStateException("the demo needs its owner's password and its warehouse database");
        }
        SignupResult owner = signups.ensureVerified(new Signup(BUSINESS, EMAIL, ownerPassword, "Demo Owner", "USD"),
                Actor.system("demo"));
        TenantScope scope = new TenantScope(owner.tenant(), Actor.system("demo"), EnumSet.allOf(Permission.class),
                Optional.of(TenantRole.OWNER));
        Optional<DemoRows.DemoRow> row = transactions.withoutTenant(c -> {
            rows.insert(c, owner.tenant(), owner.userId());
            return rows.lock(c);
        });
        if (row.isPresent() && row.get().completedAt() != null) {
            grant(owner.tenant(), row.get().warehouseConnection());
            return Optional.of(new SignIn(EMAIL, ownerPassword));
        }
        seed(scope);
        return Optional.of(new SignIn(EMAIL, ownerPassword));
    }

    private void seed(TenantScope scope) {
        LOG.info("Creating the demo tenant ({}) for {}", BUSINESS, EMAIL);
        TenantSettings current = settings.get(scope);
        settings.update(scope, current.version(), new SettingsChange(BUSINESS, Currency.getInstance("USD"),
                new KpiTargets(new BigDecimal("2.5"), new BigDecimal("28.50"), new BigDecimal("0.02"),
                        new BigDecimal("5"))));
        ConnectionDetail square = connection(scope, SQUARE_NAME)
                .orElseGet(() -> connections.create(scope, new ConnectionDraft(SQUARE, SQUARE_NAME, Map.of(), true)));
        ConnectionDetail warehouse = connection(scope, WAREHOUSE_NAME)
                .orElseGet(() -> connections.create(scope, new ConnectionDraft(WAREHOUSE, WAREHOUSE_NAME, warehouseConfig())));
        transactions.withoutTenant(c -> {
            rows.warehouse(c, warehouse.id());
            return null;
        });
        grant(scope.tenant(), warehouse.id());

        List<Integration> fromTemplate = integrations.list(scope, Optional.empty(), Page.MAX_LIMIT).items().stream()
                .filter(i -> i.name().startsWith(TEMPLATE_PREFIX + " ")).toList();
        if (fromTemplate.isEmpty()) {
            fromTemplate = templates.install(scope, ORDERS_TEMPLATE, new TemplateInstallDraft(square.id(), warehouse.id(),
                    TEMPLATE_PREFIX, "live", false)).integrations().stream()
                    .map(TemplateInstallation.Installed::integration).toList();
        }
        for (Integration installed : fromTemplate) {
            schedules.put(scope, installed.id(), Optional.empty(), new ScheduleDraft(null, null, EVERY_SECONDS, true));
        }

        Integration payments = integration(scope, PAYMENTS_NAME).orElse(null);
        if (payments != null) {
            // A seed cut short after this integration was made: start it again with its mapping.
            integrations.delete(scope, payments.id(), payments.version());
        }
        payments = integrations.create(scope, new IntegrationDraft(PAYMENTS_NAME,
                square.id(), PosStreams.PAYMENTS, warehouse.id(), "payments_by_network", "live", null));
        MappingVersion version;
        try {
            version = mappings.create(scope, payments.id(), MappingSpecJson.read(PAYMENTS_MAPPING).spec());
        } catch (InvalidMappingException e) {
            throw new IllegalStateException("the demo's payments mapping does not fit the sandbox: " + e.fieldErrors(), e);
        }
        mappings.pin(scope, payments.id(), version.version());
        schedules.put(scope, payments.id(), Optional.empty(), new ScheduleDraft(null, null, EVERY_SECONDS, true));

        for (Integration installed : fromTemplate) {
            integrations.runNow(scope, installed.id());
        }
        integrations.runNow(scope, payments.id());
        transactions.withoutTenant(c -> {
            rows.completed(c, clock.instant());
            return null;
        });
        LOG.info("Demo tenant {} ready", scope.tenant());
    }

    /**
     * Card payments by network: the value map knows Visa, Mastercard and American Express but not
     * Discover, so Discover payments wait in the error inbox until the merchant maps it (DD-032).
     */
    static final String PAYMENTS_MAPPING = """
            {"fields": [
              {"target": "payment_id", "source": "id", "required": true},
              {"target": "order_id", "source": "order_id"},
              {"target": "location_id", "source": "location_id"},
              {"target": "business_day", "source": "business_day"},
              {"target": "currency", "source": "currency"},
              {"target": "amount", "source": "amount"},
              {"target": "tip", "source": "tip"},
              {"target": "status", "source": "status"},
              {"target": "card_network", "source": "card_brand", "valueMap": "card_networks"}
            ],
            "valueMaps": {"card_networks": {"entries": {
              "VISA": "Visa", "MASTERCARD": "Mastercard", "AMERICAN_EXPRESS": "American Express",
              "SQUARE_GIFT_CARD": "Gift card", "null": "not a card"}, "unmapped": "hold"}}}
            """;

    private Optional<ConnectionDetail> connection(TenantScope scope, String name) {
        return connections.list(scope, Optional.empty(), Page.MAX_LIMIT).items().stream()
                .filter(c -> c.name().equals(name)).findFirst();
    }

    private Optional<Integration> integration(TenantScope scope, String name) {
        return integrations.list(scope, Optional.empty(), Page.MAX_LIMIT).items().stream()
                .filter(i -> i.name().equals(name)).findFirst();
    }

    private Map<String, Object> warehouseConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("jdbcUrl", warehouseUrl);
        config.put("user", warehouseUser);
        config.put("password", warehousePassword);
        config.put("schema", warehouseSchema);
        return config;
    }

    /** Lets the demo's warehouse connection, and no other, reach the demo's database (DD-041). */
    private void grant(TenantId tenant, UUID connection) {
        if (connection == null) {
            return;
        }
        Properties parsed = Driver.parseURL(warehouseUrl, null);
        if (parsed == null) {
            throw new IllegalStateException("the demo warehouse's URL is not a PostgreSQL URL");
        }
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0].trim();
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0].trim());
        try {
            egress.grantDatabase(tenant, connection, Arrays.stream(InetAddress.getAllByName(host))
                    .map(InetAddress::getHostAddress).toList(), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the demo warehouse's host " + host + " does not resolve", e);
        }
    }
}
