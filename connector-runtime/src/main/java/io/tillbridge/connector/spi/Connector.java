package io.tillbridge.connector.spi;

/**
 * A connector: the code that brings one system (a POS, a store, an accounting package, a database)
 * into Tillbridge. It implements four verbs after Airbyte's protocol, {@link #spec()},
 * {@link #check(Record)}, {@link #discover(Record)} and, by role, {@link SourceConnector#read
 * read} or {@link TargetConnector#write write}; a connector that receives pushed events also
 * implements {@link WebhookReceiver}.
 *
 * <h2>Call contract</h2>
 * <ul>
 *   <li><b>Discovery and instances.</b> Connectors are found with {@link java.util.ServiceLoader}
 *       ({@code META-INF/services/io.tillbridge.connector.spi.Connector}) and need a public
 *       no-argument constructor. The runtime creates a fresh instance for each operation (one
 *       check, one discover, one read of one stream, one write of one batch or a sequence of
 *       batches of one run) and never shares an instance between threads at the same time.</li>
 *   <li><b>Threads.</b> Every method of one instance is called from the same worker thread, one
 *       call at a time. A connector may use threads of its own inside a call but must have
 *       finished with them when the call returns. Calls block; a connector must put a timeout on
 *       every network call so that no call blocks forever.</li>
 *   <li><b>Config.</b> The config is passed to every call, already bound from JSON and validated
 *       against the annotations of {@link ConnectorSpec#configType()}. It is immutable; a connector
 *       must not log it except through the runtime's redaction (secret fields are masked).</li>
 *   <li><b>Failure.</b> {@link #check(Record)} never throws. The other verbs signal failure by
 *       throwing {@link ConnectorException} with a category; any other exception is treated as
 *       {@link ConnectorException.Category#SYSTEM}. After a failure the runtime does not call the
 *       same instance again except for {@link #close()}; it retries, if at all, with a new
 *       instance from the last committed checkpoint.</li>
 *   <li><b>Close.</b> {@link #close()} is always called exactly once, after the last call, whether
 *       the operation succeeded, failed or was cancelled. It must not throw.</li>
 * </ul>
 *
 * @param <C> the config record; see {@link ConfigProperty}
 */
public interface Connector<C extends Record> extends AutoCloseable {

    /**
     * Describes the connector: its id, name, roles and config type. Called any number of times,
     * also on an instance that is never used for anything else; must be cheap, must not do I/O
     * and must return an equal value every time.
     */
    ConnectorSpec<C> spec();

    /**
     * Checks that the config is usable: parameters first (without I/O), then connectivity and
     * credentials with the cheapest request the system allows. Called once per check; may take as
     * long as its network timeouts. Never throws: every failure, including a bug, is returned as a
     * typed {@link CheckResult} (CONFIG, AUTH, TRANSIENT or SYSTEM).
     */
    CheckResult check(C config);

    /**
     * Lists the streams (sources) or objects (targets) the config gives access to, with their
     * fields, types and a few sample values. Called once per discovery, typically when a merchant
     * sets up a mapping. May read a few records to derive fields; must not read everything.
     *
     * @throws ConnectorException when the system cannot be reached or refuses the credentials
     */
    Catalog discover(C config);

    /**
     * Releases what the instance holds (connections, clients, files). Called exactly once per
     * instance, after the last other call, also after a failure or a cancellation. Must not throw.
     */
    @Override
    default void close() {
    }
}
