/**
 * KPIs and return on investment (issue 13, fifth part): records synced, hours and money saved,
 * errors caught before they reached a target, cost per 1,000 records, completion times, uptime and
 * error rate, by day, week or month in UTC, per integration and per vendor location, computed from
 * runs, record errors and source activity each time they are asked for
 * ({@link io.tillbridge.kpis.KpiService}) and compared with the tenant's KPI targets.
 */
package io.tillbridge.kpis;
