package io.tillbridge.access;

/** What a caller may do in a tenant. Roles, partner scopes and support access map to these. */
public enum Permission {
    /** Read configuration, runs, errors, audit log. */
    READ,
    /** Operate integrations: start and cancel runs, retry and resolve errors. */
    OPERATE,
    /** Change configuration: settings, locations, connections, integrations, partner access. */
    CONFIGURE,
    /** Invite, change roles of and remove members. */
    MANAGE_MEMBERS,
    /** Owner-only actions: make or remove owners. */
    OWN
}
