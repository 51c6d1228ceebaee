package io.tillbridge.connector.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.rest.FieldSampler;
import io.tillbridge.connector.rest.JsonHttpClient;
import io.tillbridge.connector.rest.RetryPolicy;
import io.tillbridge.connector.rest.Sleeper;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.ConnectorException.Category;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.RecordSink;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.StreamDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Reads any HTTP API that answers GET with pages of JSON records: bearer or header auth, cursor,
 * page-number or {@code Link} header pagination, incremental by an update timestamp. One stream,
 * named in the config.
 */
public final class HttpJsonSourceConnector implements SourceConnector<HttpJsonSourceConfig> {

    public static final ConnectorSpec<HttpJsonSourceConfig> SPEC = new ConnectorSpec<>("http-json", "HTTP JSON API",
            "1.0.0", Set.of(ConnectorSpec.Role.SOURCE), HttpJsonSourceConfig.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final RetryPolicy retries;
    private final Sleeper sleeper;
    private final Clock clock;
    private final DoubleSupplier random;

    /** For {@link java.util.ServiceLoader}. */
    public HttpJsonSourceConnector() {
        this(RetryPolicy.DEFAULT, Sleeper.REAL, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** With the waiting and randomness injected, for tests; the config's retry count still applies. */
    public HttpJsonSourceConnector(RetryPolicy retries, Sleeper sleeper, Clock clock, DoubleSupplier random) {
        this.retries = retries;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public ConnectorSpec<HttpJsonSourceConfig> spec() {
        return SPEC;
    }

    @Override
    public CheckResult check(HttpJsonSourceConfig config) {
        try {
            List<String> problems = config.problems();
            if (!problems.isEmpty()) {
                return CheckResult.failed(CheckResult.Status.CONFIG, String.join("; ", problems));
            }
            reader(config).firstPage();
            return CheckResult.ok();
        } catch (ConnectorException e) {
            return e.toCheckResult();
        } catch (RuntimeException e) {
            return CheckResult.failed(CheckResult.Status.SYSTEM, "unexpected error: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public Catalog discover(HttpJsonSourceConfig config) {
        requireUsable(config);
        List<JsonNode> samples = reader(config).firstPage();
        String keyField = config.idPointer();
        return new Catalog(List.of(new StreamDescriptor(config.stream(), FieldSampler.fields(samples), keyField,
                config.updatedAtPointer())));
    }

    @Override
    public void read(HttpJsonSourceConfig config, String stream, Checkpoint checkpoint, RecordSink sink) {
        requireUsable(config);
        if (!config.stream().equals(stream)) {
            throw new ConnectorException(Category.CONFIG, "no stream " + stream + "; this API has " + config.stream());
        }
        reader(config).read(stream, checkpoint, sink);
    }

    private static void requireUsable(HttpJsonSourceConfig config) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new ConnectorException(Category.CONFIG, String.join("; ", problems));
        }
    }

    private HttpJsonStreamReader reader(HttpJsonSourceConfig config) {
        JsonHttpClient client = new JsonHttpClient(CONNECT_TIMEOUT, Duration.ofSeconds(config.timeoutSeconds()),
                retries.withMaxRetries(config.maxRetries()), sleeper, clock, random);
        return new HttpJsonStreamReader(config, client);
    }
}
