package io.tillbridge.connector.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tillbridge.connector.spi.CheckResult;
import io.tillbridge.connector.spi.ConnectorContext;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.connector.spi.EgressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The warehouse target under the egress policy, against the test PostgreSQL, which here stands for
 * the platform's own database when the policy names it so.
 */
class PostgresWarehouseEgressIT {

    private WarehouseSchema warehouse;
    private URI database;

    @BeforeEach
    void create_the_schema() {
        warehouse = WarehouseSchema.create();
        database = URI.create(warehouse.config().jdbcUrl().substring("jdbc:".length()));
    }

    @AfterEach
    void drop_the_schema() {
        warehouse.close();
    }

    private static EgressPolicy.Resolver names(Map<String, String> names) {
        return host -> {
            String address = names.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
    }

    private static CheckResult check(EgressPolicy policy, PostgresWarehouseConfig config) {
        try (PostgresWarehouseConnector connector = new PostgresWarehouseConnector(ConnectorContext.standalone(policy))) {
            return connector.check(config);
        }
    }

    @Test
    void the_platform_database_is_refused_as_a_warehouse_even_with_loopback_allowed() {
        EgressPolicy policy = EgressPolicy.builder().allow("127.0.0.0/8")
                .platformDatabase(database.getHost(), database.getPort()).build();
        CheckResult result = check(policy, warehouse.config());
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).contains("the platform's own database");
    }

    @Test
    void discover_on_the_platform_database_is_refused_and_returns_no_rows() {
        EgressPolicy policy = EgressPolicy.builder().allow("127.0.0.0/8")
                .platformDatabase("localhost", database.getPort()).build();
        try (PostgresWarehouseConnector connector = new PostgresWarehouseConnector(ConnectorContext.standalone(policy))) {
            assertThatThrownBy(() -> connector.discover(warehouse.config()))
                    .isInstanceOfSatisfying(ConnectorException.class, e -> {
                        assertThat(e.category()).isEqualTo(ConnectorException.Category.CONFIG);
                        assertThat(e.getMessage()).contains("platform's own database");
                    });
        }
    }

    @Test
    void a_warehouse_host_resolving_to_the_metadata_address_is_refused() {
        EgressPolicy policy = EgressPolicy.builder().resolver(names(Map.of("metadata.test", "169.254.169.254")))
                .build();
        // Tests talk to loopback only: the policy must refuse the name by itself before a connector sees it.
        assertThatThrownBy(() -> policy.resolve("metadata.test", 5432)).isInstanceOf(ConnectorException.class);
        CheckResult result = check(policy, warehouse.config().withJdbcUrl("jdbc:postgresql://metadata.test:5432/x"));
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).contains("metadata.test resolves to 169.254.169.254, a link-local address");
    }

    @Test
    void every_host_of_a_multi_host_url_is_checked() {
        EgressPolicy policy = EgressPolicy.builder().allow("127.0.0.0/8")
                .resolver(names(Map.of("internal.test", "10.9.8.7"))).build();
        assertThatThrownBy(() -> policy.resolve("internal.test", 5432)).isInstanceOf(ConnectorException.class);
        String url = "jdbc:postgresql://" + database.getHost() + ":" + database.getPort() + ",internal.test:5432"
                + database.getPath();
        CheckResult result = check(policy, warehouse.config().withJdbcUrl(url));
        assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
        assertThat(result.message()).contains("internal.test resolves to 10.9.8.7, a private address");
    }

    @Test
    void the_strict_default_refuses_a_warehouse_on_loopback() {
        try (PostgresWarehouseConnector connector = new PostgresWarehouseConnector()) {
            CheckResult result = connector.check(warehouse.config());
            assertThat(result.status()).isEqualTo(CheckResult.Status.CONFIG);
            assertThat(result.message()).contains("a loopback address");
        }
    }

    @Test
    void an_allowed_warehouse_on_another_port_of_the_same_host_works() {
        EgressPolicy policy = EgressPolicy.builder().allow("127.0.0.0/8")
                .platformDatabase(database.getHost(), database.getPort() + 1).build();
        assertThat(check(policy, warehouse.config()).status()).isEqualTo(CheckResult.Status.OK);
    }
}
