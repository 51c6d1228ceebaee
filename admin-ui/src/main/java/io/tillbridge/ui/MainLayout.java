package io.tillbridge.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;
import io.tillbridge.support.ImpersonationService;
import io.tillbridge.support.StaffAccess;
import io.tillbridge.users.Membership;
import io.tillbridge.users.AccountService;
import io.tillbridge.users.SessionService;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The frame of every signed-in page: navigation, the tenant switcher, sign-out, and the support
 * banner while an impersonation is live. Nobody gets past it without a portal session: every
 * page inside it sends a visitor who is not signed in to {@code login}, remembering where they
 * wanted to go.
 */
public class MainLayout extends AppLayout implements BeforeEnterObserver, AfterNavigationObserver {

    private final SessionService sessions;
    private final AccountService accounts;
    private final ImpersonationBanner banner;
    private final Select<Membership> tenantSwitcher = new Select<>();
    private final Span who = new Span();
    /** The first segment of the page shown, where switching tenants returns to. */
    private String section = "";
    private final SideNavItem support = new SideNavItem("Support console", "support", VaadinIcon.LIFEBUOY.create());

    MainLayout(SessionService sessions, AccountService accounts, ImpersonationService impersonations,
            StaffAccess staffAccess) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.banner = new ImpersonationBanner(impersonations, staffAccess);

        Span product = new Span("Tillbridge");
        product.getStyle().set("font-weight", "600").set("font-size", "var(--lumo-font-size-l)");

        tenantSwitcher.setId("tenant-switcher");
        tenantSwitcher.setAriaLabel("Tenant");
        tenantSwitcher.setItemLabelGenerator(m -> m.name() + " (" + m.role().wire() + ")");
        tenantSwitcher.addValueChangeListener(event -> {
            if (event.isFromClient() && event.getValue() != null) {
                switchTo(event.getValue());
            }
        });
        who.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                // On a narrow screen the address is cut with an ellipsis (whole in its tooltip), not the buttons.
                .set("min-width", "0").set("overflow", "hidden").set("text-overflow", "ellipsis")
                .set("white-space", "nowrap");
        Button signOut = new Button("Sign out", event -> signOut());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        Button signOutEverywhere = new Button("Sign out everywhere", event -> signOutEverywhere());
        signOutEverywhere.setId("sign-out-everywhere");
        signOutEverywhere.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        HorizontalLayout right = new HorizontalLayout(tenantSwitcher, who, signOut, signOutEverywhere);
        right.setAlignItems(FlexComponent.Alignment.CENTER);
        right.getStyle().set("margin-left", "auto").set("padding-right", "var(--lumo-space-m)").set("min-width", "0");
        signOut.getStyle().set("flex-shrink", "0");
        signOutEverywhere.getStyle().set("flex-shrink", "0");
        tenantSwitcher.getStyle().set("flex-shrink", "1").set("min-width", "8em");
        addToNavbar(new DrawerToggle(), product, right);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Get started", "get-started", VaadinIcon.ROAD.create()));
        nav.addItem(new SideNavItem("Home", "home", VaadinIcon.HOME.create()));
        nav.addItem(new SideNavItem("Dashboard", "dashboard", VaadinIcon.CHART.create()));
        nav.addItem(new SideNavItem("Connections", "connections", VaadinIcon.PLUG.create()));
        nav.addItem(new SideNavItem("Integrations", "integrations", VaadinIcon.EXCHANGE.create()));
        nav.addItem(new SideNavItem("Runs", "runs", VaadinIcon.PLAY_CIRCLE.create()));
        nav.addItem(new SideNavItem("Errors", "errors", VaadinIcon.WARNING.create()));
        nav.addItem(new SideNavItem("Alerts", "alerts", VaadinIcon.BELL.create()));
        nav.addItem(new SideNavItem("Team", "team", VaadinIcon.USERS.create()));
        nav.addItem(new SideNavItem("Settings", "settings", VaadinIcon.COG.create()));
        nav.addItem(new SideNavItem("Locations", "locations", VaadinIcon.SHOP.create()));
        nav.addItem(new SideNavItem("Webhooks", "webhooks", VaadinIcon.PAPERPLANE.create()));
        nav.addItem(new SideNavItem("Partner access", "partners", VaadinIcon.CONNECT.create()));
        nav.addItem(new SideNavItem("Audit log", "audit", VaadinIcon.LIST.create()));
        nav.addItem(support);
        nav.getStyle().set("margin", "var(--lumo-space-s)");
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (PortalSession.current().isEmpty()) {
            String target = event.getLocation().getPathWithQueryParameters();
            event.forwardTo("login", QueryParameters.simple(Map.of("continue", target)));
        }
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        section = event.getLocation().getFirstSegment();
        PortalSession.current().ifPresent(this::show);
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        Div page = new Div(banner, (Component) content);
        page.getStyle().set("padding", "var(--lumo-space-m) var(--lumo-space-l)");
        setContent(page);
    }

    private void show(PortalSession session) {
        List<Membership> tenants = session.tenants();
        tenantSwitcher.setItems(tenants);
        session.currentMembership().ifPresent(tenantSwitcher::setValue);
        tenantSwitcher.setVisible(session.impersonation().isEmpty() && !tenants.isEmpty());
        who.setText(session.email());
        who.setTitle(session.email());
        support.setVisible(session.isStaff());
        banner.show(session);
    }

    private void switchTo(Membership tenant) {
        PortalSession session = PortalSession.require();
        if (session.currentTenant().filter(t -> Objects.equals(t, tenant.tenant())).isPresent()) {
            return;
        }
        session.withCurrentTenant(tenant.tenant()).store();
        UI.getCurrent().navigate(section.isEmpty() || section.equals("support") ? "home" : section);
    }

    /** Ends every session of the user: API refresh tokens and every portal session, this one too. */
    private void signOutEverywhere() {
        PortalSession.current().ifPresent(session -> Notices.attempt(() -> accounts.signOutEverywhere(session.user())));
        endThisSession();
    }

    private void signOut() {
        PortalSession.current().ifPresent(session -> Notices.attempt(() -> sessions.logout(session.refreshToken())));
        endThisSession();
    }

    private static void endThisSession() {
        PortalSession.clear();
        UI.getCurrent().getPage().setLocation("login");
        VaadinSession vaadin = VaadinSession.getCurrent();
        if (vaadin != null && vaadin.getSession() != null) {
            vaadin.getSession().invalidate();
        }
    }
}
