package io.tillbridge.connector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The egress rule for a connector in a module of its own: its classes open connections only through
 * the egress mechanics (DD-017), like every connector. Its sandbox ({@code <package>.sandbox}) is not a
 * connector but the vendor's stand-in: it serves on loopback and delivers webhooks to loopback
 * addresses only, and is the one exception. A connector module's test extends this and names its
 * package.
 */
public abstract class AbstractConnectorEgressArchitectureTest {

    /** The connector's package, e.g. {@code io.tillbridge.connector.square}. */
    protected abstract String connectorPackage();

    @Test
    void the_connector_opens_no_sockets_or_http_clients_outside_its_sandbox() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(connectorPackage());
        noClasses().that().resideInAPackage(connectorPackage() + "..")
                .and().resideOutsideOfPackage(connectorPackage() + ".sandbox..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.net.http.HttpClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.sun.net.httpserver.HttpServer")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.hc.client5.http.impl.classic.HttpClients")
                .orShould().callMethod(URL.class, "openConnection")
                .because("every connection a connector opens must go through the egress policy (DD-017)")
                .allowEmptyShould(true)
                .check(classes);
    }
}
