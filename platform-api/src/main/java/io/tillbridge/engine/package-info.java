/**
 * The run engine's worker role (DD-022), in the order a run meets its parts:
 * {@link io.tillbridge.engine.RunPoller} claims runs and keeps their leases alive,
 * {@link io.tillbridge.engine.RunPreparation} loads what a run needs,
 * {@link io.tillbridge.engine.RunExecution} reads and writes it page by page
 * ({@link io.tillbridge.engine.RunSink}, {@link io.tillbridge.engine.PageWriter}), and
 * {@link io.tillbridge.engine.RunOutcome} ends it. {@link io.tillbridge.engine.RunWorker} ties them
 * together. Queueing runs is {@link io.tillbridge.runs}; the workers' queue protocol is
 * {@link io.tillbridge.runs.queue}.
 */
package io.tillbridge.engine;
