/**
 * The tenant's event log: what happened (runs, record errors, alerts, connections, business days),
 * written in the transaction of the change, for outbound webhooks and the activity the portal shows.
 */
package io.tillbridge.events;
