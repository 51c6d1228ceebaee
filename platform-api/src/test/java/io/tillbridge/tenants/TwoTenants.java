package io.tillbridge.tenants;

import io.tillbridge.access.TenantRole;
import io.tillbridge.tenants.TenantFixture.User;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two fresh tenants before each test, for tests of one tenant's API that also check that another
 * tenant's member gets nothing: the tenant under test ("Harbour Coffee" unless named) with one
 * member of each role the test names, and another tenant ("Other Shop") whose owner is the stranger. Register it
 * as a field: {@code @RegisterExtension final TwoTenants tenants = new TwoTenants(ADMIN, VIEWER);}.
 */
public final class TwoTenants implements BeforeEachCallback {

    private final String name;
    private final List<TenantRole> roles;
    private UUID id;
    private final Map<TenantRole, User> members = new EnumMap<>(TenantRole.class);
    private UUID otherId;
    private User stranger;

    public TwoTenants(TenantRole... roles) {
        this("Harbour Coffee", roles);
    }

    /** The tenant under test named {@code name}. */
    public TwoTenants(String name, TenantRole... roles) {
        this.name = name;
        this.roles = List.of(roles);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        id = TenantFixture.newTenant(name);
        members.clear();
        for (TenantRole role : roles) {
            members.put(role, TenantFixture.newMember(id, role));
        }
        otherId = TenantFixture.newTenant("Other Shop");
        stranger = TenantFixture.newMember(otherId, TenantRole.OWNER);
    }

    /** The tenant under test. */
    public UUID id() {
        return id;
    }

    /** The tenant's member with {@code role}. */
    public User member(TenantRole role) {
        User member = members.get(role);
        if (member == null) {
            throw new IllegalStateException("no " + role + " was asked for: " + roles);
        }
        return member;
    }

    public User owner() {
        return member(TenantRole.OWNER);
    }

    public User admin() {
        return member(TenantRole.ADMIN);
    }

    public User operator() {
        return member(TenantRole.OPERATOR);
    }

    public User viewer() {
        return member(TenantRole.VIEWER);
    }

    /** The other tenant. */
    public UUID otherId() {
        return otherId;
    }

    /** The other tenant's owner, a member of no tenant under test. */
    public User stranger() {
        return stranger;
    }
}
