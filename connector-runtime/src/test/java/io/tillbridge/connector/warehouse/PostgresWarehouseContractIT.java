package io.tillbridge.connector.warehouse;

import io.tillbridge.connector.TestEgress;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.AbstractConnectorContractTest;
import io.tillbridge.connector.spi.CheckResult.Status;
import io.tillbridge.connector.spi.Checkpoint;
import io.tillbridge.connector.spi.Connector;
import io.tillbridge.connector.spi.WriteRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresWarehouseContractIT extends AbstractConnectorContractTest<PostgresWarehouseConfig> {

    private static WarehouseSchema warehouse;

    @BeforeAll
    static void create_the_schema() {
        warehouse = WarehouseSchema.create();
    }

    @AfterAll
    static void drop_the_schema() {
        warehouse.close();
    }

    @Override
    protected Connector<PostgresWarehouseConfig> newConnector() {
        return new PostgresWarehouseConnector(ConnectorContext.standalone(TestEgress.LOOPBACK));
    }

    @Override
    protected PostgresWarehouseConfig goodConfig() {
        return warehouse.config();
    }

    @Override
    protected Map<Status, PostgresWarehouseConfig> badConfigs() {
        Map<Status, PostgresWarehouseConfig> bad = new LinkedHashMap<>();
        // The test server trusts the loopback interface, so a wrong password would be accepted; an
        // unknown role is refused with the same SQLSTATE class (28) as a wrong password.
        bad.put(Status.AUTH, goodConfig().withCredentials("tb_no_such_role", "wrong"));
        bad.put(Status.CONFIG, goodConfig().withJdbcUrl("jdbc:mysql://127.0.0.1:3306/warehouse"));
        // Nothing listens on port 9 (discard) of the loopback interface: connection refused.
        bad.put(Status.TRANSIENT, goodConfig().withJdbcUrl("jdbc:postgresql://127.0.0.1:9/warehouse"));
        return bad;
    }

    /** For a target, "records in the system" are rows of a table that is already in the schema. */
    @Override
    protected void givenSourceHasRecords(int count) {
        warehouse.executeAsWriter("DROP TABLE IF EXISTS " + warehouse.name() + ".existing_sales");
        warehouse.executeAsWriter("CREATE TABLE " + warehouse.name() + ".existing_sales (_key text PRIMARY KEY, "
                + "total numeric(12,2), paid boolean, note text, lines jsonb)");
        warehouse.executeAsWriter("INSERT INTO " + warehouse.name() + ".existing_sales SELECT 'sale-' || i, i * 1.5, "
                + "i % 2 = 0, 'note ' || i, jsonb_build_array(i) FROM generate_series(1, " + count + ") i");
    }

    @Override
    protected Checkpoint farFutureCheckpoint() {
        return new Checkpoint("a target is not read");
    }

    @Override
    protected String targetObject() {
        return "orders";
    }

    @Override
    protected List<WriteRecord> targetBatch() {
        List<WriteRecord> batch = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("number", "ORD-" + i);
            data.put("total", new BigDecimal("10.50").multiply(BigDecimal.valueOf(i)));
            data.put("paid", i % 2 == 0);
            data.put("lines", List.of(Map.of("sku", "SKU-" + i, "qty", BigDecimal.ONE)));
            batch.add(new WriteRecord("tenant-1/integration-1/order-" + i, "", data));
        }
        return batch;
    }
}
