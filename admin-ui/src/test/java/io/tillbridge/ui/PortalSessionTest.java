package io.tillbridge.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.access.TenantRole;
import io.tillbridge.tenants.TenantId;
import io.tillbridge.users.Membership;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A portal session forgets a tenant the user was removed from. */
class PortalSessionTest {

    private final Membership bakery = membership("bakery");
    private final Membership cafe = membership("cafe");
    private final PortalSession session = new PortalSession(UUID.randomUUID(), "dana@example.test", Optional.empty(),
            List.of(bakery, cafe), Optional.of(bakery.tenant()), Optional.empty(), "refresh");

    @Test
    void removal_from_the_current_tenant_drops_it_and_switches_to_one_that_remains() {
        PortalSession kept = session.keepingOnly(Set.of(cafe.tenant()));

        assertThat(kept.tenants()).containsExactly(cafe);
        assertThat(kept.currentTenant()).contains(cafe.tenant());
    }

    @Test
    void removal_from_the_last_tenant_leaves_no_tenant_to_show() {
        PortalSession kept = session.keepingOnly(Set.of());

        assertThat(kept.tenants()).isEmpty();
        assertThat(kept.tenant()).isEmpty();
    }

    @Test
    void an_unchanged_membership_keeps_the_very_same_session() {
        assertThat(session.keepingOnly(Set.of(bakery.tenant(), cafe.tenant()))).isSameAs(session);
    }

    private static Membership membership(String slug) {
        return new Membership(new TenantId(UUID.randomUUID()), slug, slug, TenantRole.ADMIN, false);
    }
}
