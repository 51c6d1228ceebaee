package io.tillbridge.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.engine.RunWorker;
import io.tillbridge.runs.RunCommands;
import io.tillbridge.runs.queue.RunLeases;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A process without the worker role has no run worker, and still queues runs. */
@MicronautTest(transactional = false)
class RunWorkerRoleIT extends TestDatabaseProperties {

    @Inject
    ApplicationContext context;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tillbridge.roles.worker", "false");
    }

    @Test
    void without_the_worker_role_there_is_no_run_worker() {
        assertThat(context.findBean(RunWorker.class)).isEmpty();
        assertThat(context.findBean(RunCommands.class)).isPresent();
        assertThat(context.findBean(RunLeases.class)).isPresent();
    }
}
