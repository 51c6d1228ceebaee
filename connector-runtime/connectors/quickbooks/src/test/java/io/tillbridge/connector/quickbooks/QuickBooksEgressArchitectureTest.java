package io.tillbridge.connector.quickbooks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The QuickBooks connector opens connections only through the egress mechanics (DD-017), like every
 * connector. The sandbox ({@code ..quickbooks.sandbox}) is not a connector but Intuit's stand-in: it
 * delivers webhooks with the JDK HTTP client, to loopback addresses only, and is the one exception.
 */
class QuickBooksEgressArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void import_the_quickbooks_classes() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tillbridge.connector.quickbooks");
    }

    @Test
    void the_quickbooks_connector_opens_no_sockets_or_http_clients_outside_the_sandbox() {
        noClasses().that().resideInAPackage("io.tillbridge.connector.quickbooks..")
                .and().resideOutsideOfPackage("io.tillbridge.connector.quickbooks.sandbox..")
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
