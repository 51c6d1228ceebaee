package io.tillbridge.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.connections.ConnectionService;
import io.tillbridge.connections.ConnectorConfigs;
import io.tillbridge.connections.ConnectorContexts;
import io.tillbridge.connector.square.sandbox.SquareSandbox;
import io.tillbridge.connector.square.sandbox.SquareSandboxOptions;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.templates.TemplateEndToEnd.Pos;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The journal preview's bounds: a source with more records than a preview may read answers 422 with
 * the setting that bounds it, never 500; a mapping that makes no journals answers 422 saying why.
 */
@MicronautTest(transactional = false)
@Property(name = "tillbridge.journals.preview.max-records", value = "5")
class JournalPreviewBoundsIT extends TestDatabaseProperties {

    @Inject
    ApiClient api;

    @Inject
    RunWorker worker;

    @Inject
    ConnectionService connections;

    @Inject
    ConnectorConfigs configs;

    @Inject
    ConnectorContexts contexts;

    private SquareSandbox square;
    private TemplateEndToEnd steps;

    @AfterEach
    void stop() throws Exception {
        if (steps != null) {
            steps.close();
        }
        if (square != null) {
            square.close();
        }
    }

    private Pos pos() {
        square = SquareSandbox.start(SquareSandboxOptions.defaults().withSeed(2102));
        steps = new TemplateEndToEnd(api, worker, new PosSandboxReads(connections, configs, contexts));
        return steps.connect("square", Map.of("baseUrl", square.baseUri().toString(), "accessToken",
                square.issueToken()), false);
    }

    @Test
    void a_source_with_more_records_than_a_preview_may_read_answers_422_naming_the_setting() {
        Pos pos = pos();
        String books = steps.target(pos, "quickbooks", Map.of("baseUrl", "http://127.0.0.1:9/", "realmId", "1",
                "accessToken", "not-a-token"));
        String sales = steps.install(pos, "pos-daily-sales-to-quickbooks", books).get("sales");

        Response answer = api.post(pos.owner(), pos.base() + "/integrations/" + sales + "/journal-preview",
                Map.of("day", "2026-11-03"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.body()).contains("more than 5 records").contains("tillbridge.journals.preview.max-records");
    }

    @Test
    void a_mapping_that_makes_no_journals_answers_422_saying_why() {
        Pos pos = pos();
        String warehouse = steps.target(pos, "postgres-warehouse", Map.of("jdbcUrl",
                "jdbc:postgresql://127.0.0.1:9/none", "user", "wh", "password", "pw-x", "schema", "wh"));
        String orders = steps.install(pos, "pos-orders-to-warehouse", warehouse).values().iterator().next();

        Response answer = api.post(pos.owner(), pos.base() + "/integrations/" + orders + "/journal-preview",
                Map.of("day", "2026-11-03"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.body()).contains("makes no journals");
    }
}
