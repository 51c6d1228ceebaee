package io.tillbridge.faults;

import io.tillbridge.faults.WorkerProcesses.Worker;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.testing.WarehouseSandbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a fault test runs against, on one platform database: the fake orders API, a warehouse
 * schema, the API in this JVM and worker processes beside it (started while the API starts).
 * The database is the test's, or a PostgreSQL server of the stage's own ({@link #onOwnDatabase})
 * that the test stops and starts. {@link #close()} stops everything in reverse order.
 */
final class FaultStage implements AutoCloseable {

    final FaultyOrdersApi vendor = new FaultyOrdersApi();
    final WarehouseSandbox warehouse;
    final WorkerProcesses workers;
    /** The workers started with the stage. */
    final List<Worker> launched = new ArrayList<>();
    PlatformApi api;
    /** The stage's own PostgreSQL server, or null on the test's database. */
    OwnPostgres postgres;

    private FaultStage(JdbcTarget owner, JdbcTarget app, JdbcTarget warehouseAdmin, Map<String, String> workerSettings) {
        warehouse = new WarehouseSandbox(warehouseAdmin);
        workers = new WorkerProcesses(owner, app, workerSettings);
    }

    /**
     * Starts the stage on the database of these roles, with {@code workerCount} worker processes
     * configured with {@code workerSettings}; {@code warehouseAdmin} may create roles and schemas
     * in that database.
     */
    static FaultStage start(JdbcTarget owner, JdbcTarget app, JdbcTarget warehouseAdmin, Map<String, String> workerSettings,
            int workerCount) throws InterruptedException {
        FaultStage stage = new FaultStage(owner, app, warehouseAdmin, workerSettings);
        Thread starting = new Thread(() -> {
            try {
                stage.launched.addAll(stage.workers.start(workerCount));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            starting.start();
            stage.api = PlatformApi.start(owner, app);
            starting.join();
        } catch (RuntimeException | InterruptedException e) {
            stage.close();
            throw e;
        }
        return stage;
    }

    /** Starts the stage on a PostgreSQL server of its own; {@code name} names the server's files and threads. */
    static FaultStage onOwnDatabase(String name, Map<String, String> workerSettings, int workerCount) throws Exception {
        OwnPostgres postgres = OwnPostgres.start(name);
        try {
            FaultStage stage = start(postgres.owner(), postgres.app(), postgres.superuser(), workerSettings, workerCount);
            stage.postgres = postgres;
            return stage;
        } catch (Exception | Error e) {
            postgres.close();
            throw e;
        }
    }

    @Override
    public void close() {
        workers.close();
        if (api != null) {
            api.close();
        }
        vendor.close();
        warehouse.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
