/**
 * Runs as tenants and triggers see them (DD-010, DD-022): queueing and cancelling runs
 * ({@link io.tillbridge.runs.RunCommands}) and reading them ({@link io.tillbridge.runs.RunHistory}).
 * Workers claim and lease runs through {@link io.tillbridge.runs.queue}; they execute them in
 * {@link io.tillbridge.engine}.
 */
package io.tillbridge.runs;
