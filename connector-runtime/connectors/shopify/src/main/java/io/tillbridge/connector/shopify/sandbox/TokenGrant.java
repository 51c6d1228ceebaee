package io.tillbridge.connector.shopify.sandbox;

import java.util.Set;

/** What an access token allows: one shop, these scopes ({@code read_orders}, {@code write_inventory}). */
record TokenGrant(String shop, Set<String> scopes) {

    /** Shopify: a {@code write_} scope implies its {@code read_} scope. */
    boolean allows(String scope) {
        return scopes.contains(scope) || scope.startsWith("read_") && scopes.contains("write_" + scope.substring(5));
    }
}
