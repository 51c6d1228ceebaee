package io.tillbridge.connector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URL;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connectors open connections only through the egress mechanics ({@code io.tillbridge.connector.egress},
 * DD-017): no other connector package may make sockets, JDK HTTP clients, URL connections, JDBC
 * connections or Apache HTTP clients of its own, which would bypass the egress policy.
 */
class ConnectorEgressArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void import_the_connector_classes() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tillbridge.connector");
    }

    @Test
    void connectors_open_no_sockets_or_http_clients_outside_the_egress_mechanics() {
        noClasses().that().resideInAPackage("io.tillbridge.connector..")
                .and().resideOutsideOfPackage("io.tillbridge.connector.egress..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.net.http.HttpClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.nio.channels.SocketChannel")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.net.SocketFactory")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.DriverManager")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.hc.client5.http.impl.classic.HttpClients")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.hc.client5.http.impl.classic.HttpClientBuilder")
                .orShould().dependOnClassesThat().resideInAPackage("org.apache.hc.client5.http.impl.io..")
                .orShould().callMethod(URL.class, "openConnection")
                .orShould().callMethod("org.postgresql.Driver", "connect", String.class.getName(), Properties.class.getName())
                .because("every connection a connector opens must go through the egress policy (DD-017)")
                .check(classes);
    }
}
