package io.tillbridge.migrations;

import java.util.regex.Pattern;

/** A PostgreSQL role or database name that is safe to put into DDL without quoting. */
final class RoleName {

    private static final Pattern SAFE = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    private RoleName() {
    }

    static String checked(String name) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new DatabaseSetupException("'" + name + "' is not a usable role or database name:"
                    + " use lower-case letters, digits and underscores (at most 63 characters)");
        }
        return name;
    }
}
