package io.tillbridge.members.web;

/** How requests name a tenant role. */
final class Roles {

    static final String PATTERN = "owner|admin|operator|viewer";
    static final String MESSAGE = "must be owner, admin, operator or viewer";

    private Roles() {
    }
}
