package io.tillbridge.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A user's role in one tenant. Roles are ordered: each has the permissions of those below it. */
public enum TenantRole {
    /** Everything, including owner changes and removing the tenant. There is always at least one. */
    OWNER(EnumSet.allOf(Permission.class)),
    /** Configuration, members (except owners) and partner access. */
    ADMIN(EnumSet.of(Permission.READ, Permission.OPERATE, Permission.CONFIGURE, Permission.MANAGE_MEMBERS)),
    /** Runs and errors: start, retry, resolve; reads everything else. */
    OPERATOR(EnumSet.of(Permission.READ, Permission.OPERATE)),
    /** Read only. */
    VIEWER(EnumSet.of(Permission.READ));

    private final Set<Permission> permissions;

    TenantRole(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** The role's name on the wire and in the database: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TenantRole fromWire(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Unknown role '" + value + "': use owner, admin, operator or viewer");
        }
    }
}
