/**
 * The connector contract: what a third party implements to bring a system into Tillbridge.
 *
 * <p>This package depends on the JDK, Jackson annotations and jakarta.validation only, so that a
 * connector can be written without Micronaut or any other framework. An architecture test
 * enforces it.
 */
package io.tillbridge.connector.spi;
