package io.tillbridge.ui.connectlinks;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.Caller;
import io.tillbridge.access.Permission;
import io.tillbridge.access.TenantAccess;
import io.tillbridge.access.TenantScope;
import io.tillbridge.audit.Actor;
import io.tillbridge.connectlinks.ConnectLinkDraft;
import io.tillbridge.connectlinks.ConnectLinks;
import io.tillbridge.connectlinks.PartnerRedirects;
import io.tillbridge.partners.Partner;
import io.tillbridge.partners.PartnerAccounts;
import io.tillbridge.partners.PartnerGrants;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import io.tillbridge.users.SignupResult;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connect link page with Karibu-Testing against a real database: what each person sees. */
class ConnectLinkViewIT {

    private static final String BACK = "https://app.partner.example/connected";

    private static ApplicationContext context;
    private SignupResult bakery;
    private String ownerEmail;
    private String partnerName;

    @BeforeAll
    static void start() {
        context = TestContexts.withConnections(java.util.Map.of());
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void a_bakery_that_granted_a_partner() {
        ownerEmail = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@portal.example";
        bakery = PortalFixture.signUpResult(context, "Link Test Bakery", ownerEmail);
        MockPortal.setUp(context);
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void a_visitor_who_is_not_signed_in_is_sent_to_sign_in_and_back() {
        UI.getCurrent().navigate("connect-link/" + "a".repeat(64));

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPathWithQueryParameters())
                .startsWith("login?continue=connect-link").contains("a".repeat(64));
    }

    @Test
    void the_owner_sees_who_asks_for_what_and_a_declined_link_then_reads_already_used() {
        String token = link();
        PortalFixture.signIn(context, ownerEmail);

        UI.getCurrent().navigate("connect-link/" + token);
        ConnectLinkView view = _get(ConnectLinkView.class);
        assertThat(view.request.getText()).startsWith(partnerName + " asks to connect your Square to Tillbridge for"
                + " Link Test Bakery, with access: ").contains("ORDERS_READ");

        _click(view.decline);
        UI.getCurrent().navigate("connect-link/" + token);
        assertThat(_get(ConnectLinkView.class).outcome.getText()).isEqualTo(ConnectLinkView.USED);
    }

    @Test
    void an_unknown_token_reads_in_words_that_it_is_not_known() {
        PortalFixture.signIn(context, ownerEmail);

        UI.getCurrent().navigate("connect-link/" + "0".repeat(64));

        assertThat(_get(ConnectLinkView.class).outcome.getText()).isEqualTo(ConnectLinkView.UNKNOWN);
    }

    @Test
    void someone_of_another_tenant_is_told_they_cannot_use_it_without_the_tenants_name() {
        String token = link();
        String stranger = PortalFixture.signUp(context, "Another Shop");
        PortalFixture.signIn(context, stranger);

        UI.getCurrent().navigate("connect-link/" + token);

        ConnectLinkView view = _get(ConnectLinkView.class);
        assertThat(view.outcome.getText()).contains("cannot add connections").doesNotContain("Link Test Bakery");
        assertThat(view.approve.isAttached()).isFalse();
    }

    /** A partner granted by the bakery creates a sandbox Square link; answers its token. */
    private String link() {
        Caller.User partnerOwner = new Caller.User(PortalFixture.signUpResult(context, "Partner Co",
                "dev-" + UUID.randomUUID().toString().substring(0, 8) + "@partner.example").userId(), "dev@partner.example",
                Optional.empty());
        partnerName = "Acme " + UUID.randomUUID().toString().substring(0, 6);
        Partner partner = context.getBean(PartnerAccounts.class).create(partnerOwner, partnerName, "dev@partner.example");
        context.getBean(PartnerRedirects.class).replace(partnerOwner, partner.id(), List.of(BACK));
        Caller.User owner = new Caller.User(bakery.userId(), ownerEmail, Optional.empty());
        context.getBean(PartnerGrants.class).grant(owner, context.getBean(TenantAccess.class).admit(owner,
                bakery.tenant()), partner.id());
        UUID keyId = UUID.randomUUID();
        TenantScope partnerScope = new TenantScope(bakery.tenant(), new Actor(Actor.Kind.PARTNER, keyId.toString(),
                partnerName, null), Set.of(Permission.READ, Permission.CONFIGURE), Optional.empty());
        String url = context.getBean(ConnectLinks.class).create(partnerScope,
                new Caller.Partner(partner.id(), keyId, Set.of(Caller.PartnerScope.WRITE)),
                new ConnectLinkDraft("square", BACK, "s", true)).url().toString();
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
