package io.tillbridge.migrations;

/**
 * The two roles of the platform's database: the owner (runs migrations, owns the schema) and the
 * application role (what the running platform connects as; owns nothing).
 */
public record DatabaseRoles(String owner, String ownerPassword, String app, String appPassword) {

    public static final String DEFAULT_OWNER = "tillbridge_owner";
    public static final String DEFAULT_APP = "tillbridge_app";

    public DatabaseRoles {
        RoleName.checked(owner);
        RoleName.checked(app);
        if (owner.equals(app)) {
            throw new DatabaseSetupException("owner and application role must differ");
        }
    }

    /** Default role names with the given passwords. */
    public static DatabaseRoles defaults(String ownerPassword, String appPassword) {
        return new DatabaseRoles(DEFAULT_OWNER, ownerPassword, DEFAULT_APP, appPassword);
    }
}
