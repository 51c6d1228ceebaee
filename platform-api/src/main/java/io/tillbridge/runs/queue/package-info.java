/**
 * The workers' side of the run queue (DD-010, DD-022): claims, leases and commits fenced by the
 * run's attempt ({@link io.tillbridge.runs.queue.RunLeases}). Tenants queue and cancel runs through
 * {@link io.tillbridge.runs.RunCommands}.
 */
package io.tillbridge.runs.queue;
