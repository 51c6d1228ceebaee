/**
 * The connector runtime: finds connectors ({@link io.tillbridge.connector.ConnectorRegistry}) and
 * derives config schemas ({@link io.tillbridge.connector.ConfigSchema}) and redacted configs
 * ({@link io.tillbridge.connector.SecretRedactor}). The contract connectors implement is in
 * {@link io.tillbridge.connector.spi}; each built-in connector has a sub-package of its own.
 */
package io.tillbridge.connector;
