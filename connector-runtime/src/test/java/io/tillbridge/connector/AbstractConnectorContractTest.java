package io.tillbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tillbridge.connector.spi.Catalog;
import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.ConnectorSpec;
import io.tillbridge.connector.spi.FieldDescriptor;
import io.tillbridge.connector.spi.SourceConnector;
import io.tillbridge.connector.spi.SourceRecord;
import io.tillbridge.connector.spi.TargetConnector;
import io.tillbridge.connector.spi.WriteRecord;
import io.tillbridge.connector.spi.WriteResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The acceptance suite every connector passes (after Airbyte's {@code SourceAcceptanceTest}). A
 * connector's test extends it and supplies a connector, good and bad configs, and a way to put data
 * in the (fake) system. Source tests are skipped for a pure target and the other way round.
 *
 * @param <C> the connector's config record
 */
public abstract class AbstractConnectorContractTest<C extends Record> {

    /** A new instance, as the runtime would create for one operation. */
    protected abstract Connector<C> newConnector();

    /** A config that works against the system the test set up. */
    protected abstract C goodConfig();

    /** Configs that must fail, each with the check status it must give; at least one. */
    protected abstract Map<CheckResult.Status, C> badConfigs();

    /** Makes the source hold at least {@code count} records, spread over more than one page. */
    protected abstract void givenSourceHasRecords(int count);

    /** A checkpoint far in the future: a read from it finds nothing. */
    protected abstract Checkpoint farFutureCheckpoint();

    /** For targets: the object to write to and a batch of valid records. */
    protected String targetObject() {
        throw new UnsupportedOperationException("a target's contract test names its object");
    }

    protected List<WriteRecord> targetBatch() {
        throw new UnsupportedOperationException("a target's contract test supplies a batch");
    }

    /** How many records the read tests put in the source; more than two pages. */
    protected int recordCount() {
        return 25;
    }

    // --- spec -------------------------------------------------------------------------------

    @Test
    void spec_is_valid_and_its_schema_is_derived_from_the_config() {
        try (Connector<C> connector = newConnector()) {
            ConnectorSpec<C> spec = connector.spec();
            assertThat(spec).isEqualTo(connector.spec());
            JsonNode schema = ConfigSchema.of(spec.configType());
            assertThat(schema.get("type").asText()).isEqualTo("object");
            assertThat(schema.get("properties").size()).isPositive();
            assertThat(spec.configType()).isEqualTo(goodConfig().getClass());
            if (spec.roles().contains(ConnectorSpec.Role.SOURCE)) {
                assertThat(connector).isInstanceOf(SourceConnector.class);
            }
            if (spec.roles().contains(ConnectorSpec.Role.TARGET)) {
                assertThat(connector).isInstanceOf(TargetConnector.class);
            }
        }
    }

    @Test
    void credential_fields_are_marked_secret() {
        JsonNode properties = ConfigSchema.of(goodConfig().getClass()).get("properties");
        properties.fields().forEachRemaining(property -> {
            if (property.getKey().matches("(?i).*(token|password|secret|apikey|authheadervalue).*")) {
                assertThat(property.getValue().path(ConfigSchema.SECRET).asBoolean())
                        .as("%s must be a secret", property.getKey()).isTrue();
                assertThat(property.getValue().path("writeOnly").asBoolean()).isTrue();
            }
        });
    }

    @Test
    void a_config_with_secrets_marks_where_it_sends_them_as_a_target() {
        JsonNode properties = ConfigSchema.of(goodConfig().getClass()).get("properties");
        boolean secrets = false;
        boolean target = false;
        for (Iterator<JsonNode> it = properties.elements(); it.hasNext(); ) {
            JsonNode property = it.next();
            secrets |= property.path(ConfigSchema.SECRET).asBoolean();
            target |= property.path(ConfigSchema.TARGET).asBoolean();
            assertThat(property.path(ConfigSchema.SECRET).asBoolean() && property.path(ConfigSchema.TARGET).asBoolean())
                    .as("a secret is never a target").isFalse();
        }
        if (secrets) {
            assertThat(target).as("a connector with secrets must mark the field(s) naming where it connects"
                    + " (@ConfigProperty(target = true))").isTrue();
        }
    }

    @Test
    void the_config_can_be_logged_without_its_secrets() {
        C config = goodConfig();
        Map<String, Object> values = SecretRedactor.redact(config);
        for (String path : SecretRedactor.secretPaths(config.getClass())) {
            Object secret = secretValue(config, path);
            if (secret != null && !secret.toString().isEmpty()) {
                assertThat(SecretRedactor.describe(config)).doesNotContain(secret.toString());
                assertThat(config.toString()).as("toString() of the config").doesNotContain(secret.toString());
            }
        }
        assertThat(values).isNotEmpty();
    }

    // --- check ------------------------------------------------------------------------------

    @Test
    void check_passes_with_a_good_config() {
        givenSourceHasRecords(1);
        try (Connector<C> connector = newConnector()) {
            assertThat(connector.check(goodConfig())).isEqualTo(CheckResult.ok());
        }
    }

    @Test
    void check_fails_typed_and_without_throwing_with_bad_configs() {
        givenSourceHasRecords(1);
        assertThat(badConfigs()).isNotEmpty();
        badConfigs().forEach((status, config) -> {
            try (Connector<C> connector = newConnector()) {
                CheckResult[] result = new CheckResult[1];
                assertThatCode(() -> result[0] = connector.check(config)).doesNotThrowAnyException();
                assertThat(result[0].status()).as("check of a config that should give %s", status).isEqualTo(status);
                assertThat(result[0].message()).isNotBlank();
            }
        });
    }

    // --- discover ---------------------------------------------------------------------------

    @Test
    void discover_finds_streams_with_typed_fields_and_samples() {
        givenSourceHasRecords(recordCount());
        try (Connector<C> connector = newConnector()) {
            Catalog catalog = connector.discover(goodConfig());
            assertThat(catalog.streams()).isNotEmpty();
            catalog.streams().forEach(stream -> {
                assertThat(stream.fields()).as("fields of %s", stream.name()).isNotEmpty();
                assertThat(stream.fields()).extracting(FieldDescriptor::type)
                        .anyMatch(type -> type != FieldDescriptor.FieldType.UNKNOWN);
                assertThat(stream.fields()).anyMatch(field -> !field.samples().isEmpty());
            });
        }
    }

    // --- read -------------------------------------------------------------------------------

    @Test
    void a_full_read_yields_records_then_a_checkpoint() {
        CollectingSink sink = fullRead();
        assertThat(sink.committed()).hasSizeGreaterThanOrEqualTo(recordCount());
        assertThat(sink.events().get(sink.events().size() - 1)).isInstanceOf(Checkpoint.class);
        assertThat(sink.uncommitted()).isEmpty();
        assertThat(keys(sink.committed())).doesNotHaveDuplicates();
    }

    @Test
    void a_read_from_the_final_checkpoint_yields_nothing_new() {
        CollectingSink first = fullRead();
        CollectingSink second = read(first.lastCheckpoint(), Integer.MAX_VALUE);
        assertThat(second.received()).isZero();
        assertThat(second.lastCheckpoint()).as("a read emits a checkpoint even when nothing is new").isNotNull();
    }

    @Test
    void a_read_from_a_far_future_checkpoint_yields_nothing() {
        givenSourceHasRecords(recordCount());
        CollectingSink sink = read(farFutureCheckpoint(), Integer.MAX_VALUE);
        assertThat(sink.received()).isZero();
        assertThat(sink.lastCheckpoint()).isNotNull();
    }

    @Test
    void an_interrupted_read_resumes_from_its_last_checkpoint_without_loss_or_duplicates() {
        List<String> everything = versions(fullRead().committed());
        int stopAfter = Math.max(1, everything.size() / 2 + 1);
        List<SourceRecord> committed = new ArrayList<>();
        Checkpoint checkpoint = null;
        for (int attempt = 0; attempt < everything.size() + 1; attempt++) {
            CollectingSink sink = read(checkpoint, stopAfter);
            committed.addAll(sink.committed());
            boolean finished = sink.received() < stopAfter && sink.uncommitted().isEmpty();
            checkpoint = sink.lastCheckpoint() == null ? checkpoint : sink.lastCheckpoint();
            if (finished) {
                break;
            }
        }
        assertThat(versions(committed)).containsExactlyInAnyOrderElementsOf(everything);
    }

    // --- write ------------------------------------------------------------------------------

    @Test
    void writing_the_same_batch_twice_changes_nothing_the_second_time() {
        try (Connector<C> connector = newConnector()) {
            assumeTrue(connector instanceof TargetConnector, "not a target");
            TargetConnector<C> target = (TargetConnector<C>) connector;
            List<WriteRecord> batch = targetBatch();
            List<WriteResult> first = target.write(goodConfig(), targetObject(), batch);
            List<WriteResult> second = target.write(goodConfig(), targetObject(), batch);
            assertThat(first).hasSameSizeAs(batch);
            assertThat(second).hasSameSizeAs(batch).allMatch(r -> r.outcome() != WriteResult.Outcome.WRITTEN);
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    protected CollectingSink fullRead() {
        givenSourceHasRecords(recordCount());
        return read(null, Integer.MAX_VALUE);
    }

    protected CollectingSink read(Checkpoint checkpoint, int stopAfter) {
        try (Connector<C> connector = newConnector()) {
            assumeTrue(connector instanceof SourceConnector, "not a source");
            SourceConnector<C> source = (SourceConnector<C>) connector;
            String stream = source.discover(goodConfig()).streams().get(0).name();
            CollectingSink sink = new CollectingSink(stopAfter);
            source.read(goodConfig(), stream, checkpoint, sink);
            return sink;
        }
    }

    private static List<String> keys(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::key).toList();
    }

    private static List<String> versions(List<SourceRecord> records) {
        Function<SourceRecord, String> version = r -> r.stream() + "/" + r.key() + "@" + r.version();
        return records.stream().map(version).toList();
    }

    private static Object secretValue(Record config, String path) {
        Object value = config;
        for (String name : path.split("\\.")) {
            value = value == null ? null : SecretRedactor.valueOf((Record) value, name);
        }
        return value;
    }
}
