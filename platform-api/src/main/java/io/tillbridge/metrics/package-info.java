/**
 * Per-integration metrics on the Prometheus endpoint with bounded label cardinality: run and record
 * counters from the workers, error, backlog, failure and freshness gauges from the database.
 */
package io.tillbridge.metrics;
