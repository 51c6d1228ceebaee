package io.tillbridge.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.engine.RunWorker;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import java.util.List;
import java.util.Map;

/**
 * Runs integrations in tests that drive the worker themselves ({@link RunWorker#runOnce()}, worker
 * polling being off in tests): starts a manual run through the API and works the queue until the
 * run is final. Other test classes' queued runs may be claimed on the way and run too.
 */
final class RunDriver {

    private static final List<String> FINAL = List.of("succeeded", "failed", "cancelled");

    private final ApiClient api;
    private final RunWorker worker;

    RunDriver(ApiClient api, RunWorker worker) {
        this.api = api;
        this.worker = worker;
    }

    /** Starts a manual run of the tenant's integration ({@code base} is {@code /api/v1/tenants/<id>}); answers its id. */
    String start(User as, String base, String integration) {
        Response started = api.post(as, base + "/integrations/" + integration + "/runs", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return (String) started.json().get("runId");
    }

    /** Works the queue until the run is final, read as {@code reader}; answers the run's view. */
    Map<String, Object> toTheEnd(User reader, String base, String runId) {
        for (int i = 0; i < 300; i++) {
            Map<String, Object> run = api.get(reader, base + "/runs/" + runId).json();
            if (FINAL.contains(run.get("status"))) {
                return run;
            }
            if (worker.runOnce() == 0) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for run " + runId, e);
                }
            }
        }
        throw new AssertionError("run " + runId + " did not finish");
    }

    /** The id of a created resource (201). */
    static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }
}
