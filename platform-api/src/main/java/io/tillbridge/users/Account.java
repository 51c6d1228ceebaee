package io.tillbridge.users;

import java.util.List;

/** A user with the tenants they belong to. */
public record Account(UserAccount user, List<Membership> tenants) {

    public Account {
        tenants = List.copyOf(tenants);
    }
}
