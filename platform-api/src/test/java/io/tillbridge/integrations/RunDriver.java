package io.tillbridge.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.tillbridge.engine.RunWorker;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import io.tillbridge.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs integrations in tests that drive the worker themselves ({@link RunWorker#runOnce()}, worker
 * polling being off in tests): starts a manual run through the API and works the queue until the
 * run is final. Other test classes' queued runs may be claimed on the way and run too.
 */
public final class RunDriver {

    private static final List<String> FINAL = List.of("succeeded", "failed", "cancelled");
    /** How long a run driven here may take, other test classes' queued runs claimed on the way included. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);

    private final ApiClient api;
    private final RunWorker worker;
    private final User starter;
    private final User reader;
    private final String base;

    /** A driver for runs of more than one tenant: each call names the user and the tenant. */
    public RunDriver(ApiClient api, RunWorker worker) {
        this(api, worker, null, null, null);
    }

    /**
     * A driver bound to one tenant ({@code base} is {@code /api/v1/tenants/<id>}): {@code starter}
     * starts runs and {@code reader} reads them.
     */
    public RunDriver(ApiClient api, RunWorker worker, User starter, User reader, String base) {
        this.api = api;
        this.worker = worker;
        this.starter = starter;
        this.reader = reader;
        this.base = base;
    }

    /** Starts a manual run of the bound tenant's integration; answers its id. */
    public String start(String integration) {
        return start(starter, base, integration);
    }

    /** Works the queue until the bound tenant's run is final; answers the run's view. */
    public Map<String, Object> toTheEnd(String runId) {
        return toTheEnd(reader, base, runId);
    }

    /** Starts a manual run of the tenant's integration ({@code base} is {@code /api/v1/tenants/<id>}); answers its id. */
    public String start(User as, String base, String integration) {
        Response started = api.post(as, base + "/integrations/" + integration + "/runs", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return (String) started.json().get("runId");
    }

    /** Works the queue until the run is final, read as {@code reader}; answers the run's view. */
    public Map<String, Object> toTheEnd(User reader, String base, String runId) {
        return Await.until(RUN_TIMEOUT, "run " + runId + " to finish", () -> {
            Map<String, Object> run = api.get(reader, base + "/runs/" + runId).json();
            if (!FINAL.contains(run.get("status"))) {
                worker.runOnce();
            }
            return run;
        }, run -> FINAL.contains(run.get("status")));
    }

    /** The id of a created resource (201). */
    public static String created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return (String) response.json().get("id");
    }
}
