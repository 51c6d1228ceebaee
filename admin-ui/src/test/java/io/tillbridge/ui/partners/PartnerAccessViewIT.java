package io.tillbridge.ui.partners;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import io.micronaut.context.ApplicationContext;
import io.tillbridge.access.Caller;
import io.tillbridge.partners.Partner;
import io.tillbridge.partners.PartnerAccounts;
import io.tillbridge.partners.PartnerGrant;
import io.tillbridge.ui.MockPortal;
import io.tillbridge.ui.PortalFixture;
import io.tillbridge.ui.PortalSession;
import io.tillbridge.ui.TestContexts;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PartnerAccessViewIT {

    private static ApplicationContext context;
    private Partner partner;

    @BeforeAll
    static void start() {
        context = TestContexts.run();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @BeforeEach
    void an_owner_and_a_partner_account() {
        String owner = PortalFixture.signUp(context, "Partner Access Deli");
        MockPortal.setUp(context);
        PortalSession session = PortalFixture.signIn(context, owner);
        Caller developer = session.user();
        partner = context.getBean(PartnerAccounts.class).create(developer, "Acme Integrations", "dev@acme.example");
        UI.getCurrent().navigate("partners");
    }

    @AfterEach
    void tearDown() {
        MockPortal.tearDown();
    }

    @Test
    void granting_access_lists_the_partner() {
        PartnerAccessView view = _get(PartnerAccessView.class);
        view.partnerId.setValue(partner.id().toString());

        _get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("partner-grant")).click();

        List<PartnerGrant> grants = GridKt._findAll(view.grid);
        assertThat(grants).extracting(PartnerGrant::partnerName).containsExactly("Acme Integrations");
    }

    @Test
    void a_malformed_partner_id_is_explained_at_the_field() {
        PartnerAccessView view = _get(PartnerAccessView.class);
        view.partnerId.setValue("not-an-id");

        _get(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("partner-grant")).click();

        assertThat(view.partnerId.isInvalid()).isTrue();
        assertThat(view.partnerId.getErrorMessage()).contains("A partner id looks like");
        assertThat(GridKt._findAll(view.grid)).isEmpty();
    }
}
