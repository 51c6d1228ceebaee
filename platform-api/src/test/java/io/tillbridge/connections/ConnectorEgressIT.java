package io.tillbridge.connections;

import static io.tillbridge.tenants.TenantFixture.newMember;
import static io.tillbridge.tenants.TenantFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tillbridge.connector.spi.ConnectorException;
import io.tillbridge.migrations.JdbcTarget;
import io.tillbridge.migrations.testing.TestDatabase;
import io.tillbridge.platform.TestDatabaseProperties;
import io.tillbridge.access.TenantRole;
import io.tillbridge.tenants.TenantFixture.User;
import io.tillbridge.testing.ApiClient;
import io.tillbridge.testing.ApiClient.Response;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections through the real API under the platform's egress policy (DD-017). The test context
 * allows loopback (as an operator may allow an internal range); the platform's database, which is
 * the test PostgreSQL, and the API's own port stay refused all the same.
 */
@MicronautTest(transactional = false)
class ConnectorEgressIT extends TestDatabaseProperties {

    @Inject
    EmbeddedServer server;

    @Inject
    PlatformEgress egress;

    @Inject
    ApiClient api;

    private UUID tenant;
    private User admin;

    @BeforeEach
    void a_tenant_with_an_admin() {
        tenant = newTenant("Egress Bakery");
        admin = newMember(tenant, TenantRole.ADMIN);
    }

    private String path() {
        return "/api/v1/tenants/" + tenant + "/connections";
    }

    private String create(String connectorId, Map<String, Object> config) {
        Response created = api.post(admin, path(), Map.of("connectorId", connectorId, "name", "Probe", "config", config));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return String.valueOf(created.json().get("id"));
    }

    /** The platform database's own server, named as the security review did: its host, its port, user postgres. */
    private String platformDatabaseWarehouse() {
        JdbcTarget platform = TestDatabase.shared().admin().withDatabase(TestDatabase.shared().databaseName());
        return create("postgres-warehouse", Map.of("jdbcUrl", platform.url(), "user", "postgres",
                "password", "anything", "schema", "public"));
    }

    @Test
    void a_warehouse_at_the_platform_database_answers_check_config_naming_it() {
        String id = platformDatabaseWarehouse();
        Response check = api.post(admin, path() + "/" + id + "/check", null);
        assertThat(check.status()).as(check.toString()).isEqualTo(200);
        assertThat(check.json()).containsEntry("status", "CONFIG");
        assertThat((String) check.json().get("message")).contains("the platform's own database");
    }

    @Test
    void discover_on_the_platform_database_answers_422_config_and_leaks_no_table() {
        String id = platformDatabaseWarehouse();
        Response discover = api.post(admin, path() + "/" + id + "/discover", null);
        assertThat(discover.status()).as(discover.toString()).isEqualTo(422);
        assertThat(discover.body()).contains("/problems/connector-failed", "CONFIG", "the platform's own database");
        assertThat(discover.body()).doesNotContain("signing", "streams", "flyway", "samples");
    }

    @Test
    void an_http_source_at_the_platforms_own_api_port_answers_check_config() {
        String id = create("http-json", Map.of("url", "http://127.0.0.1:" + server.getPort() + "/health",
                "stream", "health", "recordsPointer", "", "idPointer", "/status"));
        Response check = api.post(admin, path() + "/" + id + "/check", null);
        assertThat(check.json()).as(check.toString()).containsEntry("status", "CONFIG");
        assertThat((String) check.json().get("message")).contains("one of the platform's own ports");
    }

    @Test
    void an_http_source_at_the_cloud_metadata_address_answers_check_config() {
        // Tests talk to loopback only: the platform's policy must refuse the address by itself, and a
        // check must go through that policy (a refused loopback port whose answer is CONFIG), before
        // the address is handed to a connector.
        assertThatThrownBy(() -> egress.policy().resolve("169.254.169.254", 80))
                .isInstanceOf(ConnectorException.class);
        an_http_source_at_the_platforms_own_api_port_answers_check_config();
        String id = create("http-json", Map.of("url", "http://169.254.169.254/latest/meta-data/", "stream", "meta",
                "idPointer", "/id"));
        Response check = api.post(admin, path() + "/" + id + "/check", null);
        assertThat(check.json()).as(check.toString()).containsEntry("status", "CONFIG");
        assertThat((String) check.json().get("message")).contains("169.254.169.254 is a link-local address");
    }
}
