package io.tillbridge.connector.xero;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Xero connector opens connections only through the egress mechanics (DD-017), like every
 * connector. The sandbox ({@code ..xero.sandbox}) is not a connector but Xero's stand-in: it serves
 * on loopback and delivers webhooks to loopback addresses only, and is the one exception.
 */
class XeroEgressArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void import_the_xero_classes() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tillbridge.connector.xero");
    }

    @Test
    void the_xero_connector_opens_no_sockets_or_http_clients_outside_the_sandbox() {
        noClasses().that().resideInAPackage("io.tillbridge.connector.xero..")
                .and().resideOutsideOfPackage("io.tillbridge.connector.xero.sandbox..")
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
