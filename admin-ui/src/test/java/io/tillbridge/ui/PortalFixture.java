package io.tillbridge.ui;

import io.micronaut.context.ApplicationContext;
import io.tillbridge.users.Session;
import io.tillbridge.users.SessionService;
import io.tillbridge.users.Signup;
import io.tillbridge.users.SignupResult;
import io.tillbridge.users.SignupService;
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
}
