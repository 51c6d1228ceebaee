package io.tillbridge.ui;

import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.TenantScope;
import io.tillbridge.connections.ConnectionDraft;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.integrations.Integration;
import io.tillbridge.integrations.IntegrationDraft;
import io.tillbridge.integrations.IntegrationService;
import io.tillbridge.users.Session;
import io.tillbridge.users.SessionService;
import io.tillbridge.users.Signup;
import io.tillbridge.users.SignupResult;
import io.tillbridge.users.SignupService;
import java.util.Map;
import java.util.UUID;

/** Accounts for portal tests, made through the identity service, and a signed-in portal session. */
public final class PortalFixture {

    public static final String PASSWORD = "grind-the-beans-at-dawn";

    private PortalFixture() {
    }

    /** A new tenant with its owner; returns the owner's e-mail address. */
    public static String signUp(ApplicationContext context, String business) {
        String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@portal.example";
        context.getBean(SignupService.class).signUp(new Signup(business, email, PASSWORD, "Owner", null));
        return email;
    }

    public static SignupResult signUpResult(ApplicationContext context, String business, String email) {
        return context.getBean(SignupService.class).signUp(new Signup(business, email, PASSWORD, "Owner", null));
    }

    /** Signs {@code email} in to the current (mock) Vaadin session, as the login page does. */
    public static PortalSession signIn(ApplicationContext context, String email) {
        Session session = context.getBean(SessionService.class).login(email, PASSWORD, "127.0.0.1");
        PortalSession portal = PortalSession.signedIn(session.account(), session.refreshToken());
        portal.store();
        return portal;
    }

    /**
     * An integration from a Square sandbox connection's {@code orders} into another one's
     * {@code inventory_adjustments}: both discover their fields and samples from the sandbox.
     */
    public static Integration sandboxIntegration(ApplicationContext context, TenantScope scope) {
        ConnectionService connections = context.getBean(ConnectionService.class);
        UUID source = connections.create(scope, new ConnectionDraft("square", "Till", Map.of(), true)).id();
        UUID target = connections.create(scope, new ConnectionDraft("square", "Stock", Map.of(), true)).id();
        return context.getBean(IntegrationService.class).create(scope, new IntegrationDraft("Orders to stock", source,
                "orders", target, "inventory_adjustments", "live", null));
    }
}
