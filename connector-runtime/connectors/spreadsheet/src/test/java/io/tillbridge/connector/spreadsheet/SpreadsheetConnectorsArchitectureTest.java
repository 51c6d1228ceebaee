package io.tillbridge.connector.spreadsheet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.tillbridge.connector.ConnectorRegistry;
import io.tillbridge.connector.spi.ConnectorSpec;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * The spreadsheet connectors open connections only through the egress mechanics (DD-017), read
 * workbooks only with POI's streaming reader, and are installed through ServiceLoader.
 */
class SpreadsheetConnectorsArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tillbridge.connector.spreadsheet");

    @Test
    void the_spreadsheet_connectors_open_no_sockets_or_http_clients_of_their_own() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.net.http.HttpClient")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.URLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.hc.client5.http.impl.classic.HttpClients")
                .orShould().callMethod(URL.class, "openConnection")
                .because("every connection a connector opens must go through the egress policy (DD-017)")
                .check(CLASSES);
    }

    @Test
    void workbooks_are_never_loaded_whole() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.apache.poi.xssf.usermodel.XSSFWorkbook")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.poi.ss.usermodel.WorkbookFactory")
                .because("a workbook's full model holds every cell in memory; the streaming reader holds a row")
                .check(CLASSES);
    }

    @Test
    void both_connectors_are_found_by_the_registry() {
        ConnectorRegistry registry = ConnectorRegistry.load();

        assertThat(registry.spec("spreadsheet-source")).get().extracting(ConnectorSpec::name)
                .isEqualTo("Spreadsheet files (CSV, XLSX)");
        assertThat(registry.spec("spreadsheet-target")).get().extracting(ConnectorSpec::name)
                .isEqualTo("Spreadsheet file output (CSV, XLSX)");
    }
}
