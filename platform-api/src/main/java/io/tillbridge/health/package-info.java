/**
 * Integration health (issue 13, first part): status, last success, freshness, error rates,
 * completion times and backlog, computed from runs and record errors when asked for
 * ({@link io.tillbridge.health.HealthService}), for the tenant overview and each integration.
 */
package io.tillbridge.health;
