/**
 * The server kit of the vendor sandboxes: local servers on loopback that imitate a vendor's API for
 * tests and demonstrations. It holds what every sandbox does the same way: listening on 127.0.0.1
 * ({@link io.tillbridge.connector.sandbox.LoopbackServer}), answering JSON
 * ({@link io.tillbridge.connector.sandbox.SandboxResponse}), reading query strings and forms
 * ({@link io.tillbridge.connector.sandbox.UrlEncoded}) and scripted faults
 * ({@link io.tillbridge.connector.sandbox.ScriptedFaults}). Webhook deliveries go through
 * {@link io.tillbridge.connector.egress.LoopbackWebhookPoster}, which reaches loopback addresses only.
 * What a vendor's wire looks like (paths, error bodies, signatures, limits) stays in its sandbox.
 */
package io.tillbridge.connector.sandbox;
