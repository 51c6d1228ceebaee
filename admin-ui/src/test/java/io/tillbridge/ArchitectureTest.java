package io.tillbridge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of the architecture and the house style, checked on the compiled
 * classes of every module (this module's test classpath holds them all).
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void import_the_production_classes_of_every_module() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.tillbridge");
    }

    @Test
    void the_connector_spi_depends_on_no_framework() {
        classes().that().resideInAPackage("io.tillbridge.connector.spi..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.tillbridge.connector.spi..", "java..", "com.fasterxml.jackson.annotation..",
                        "jakarta.validation..")
                .check(main);
    }

    @Test
    void the_connector_runtime_depends_on_no_other_module() {
        noClasses().that().resideInAPackage("io.tillbridge.connector..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.tillbridge.ui..", "io.tillbridge.platform..", "io.tillbridge.tenants..",
                        "io.tillbridge.problems..", "io.tillbridge.migrations..", "io.micronaut.http..",
                        "com.vaadin..")
                .check(main);
    }

    @Test
    void tenant_migrations_depend_on_nothing_internal() {
        noClasses().that().resideInAPackage("io.tillbridge.migrations..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.tillbridge..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage("io.tillbridge.migrations..")))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "com.vaadin..")
                .check(main);
    }

    @Test
    void the_platform_api_never_depends_on_the_portal() {
        noClasses().that().resideOutsideOfPackage("io.tillbridge.ui..")
                .and().doNotHaveFullyQualifiedName(Tillbridge.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("io.tillbridge.ui..", "com.vaadin..",
                        "org.eclipse.jetty..")
                .check(main);
    }

    @Test
    void views_never_use_repositories() {
        noClasses().that().resideInAPackage("io.tillbridge.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("..internal..", "io.micronaut.data..",
                        "java.sql..", "javax.sql..")
                .check(main);
    }

    /**
     * The one exception is {@code platform.internal.Sql}, the JDBC binding and reading every
     * feature's repositories share: it may be used from any {@code ..internal..} package.
     */
    @Test
    void internal_packages_are_used_only_by_their_own_feature() {
        classes().that().resideInAPackage("io.tillbridge.*.internal..")
                .should(onlyBeAccessedFromTheirOwnFeature())
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void controllers_live_in_web_packages() {
        classes().that().areAnnotatedWith("io.micronaut.http.annotation.Controller")
                .should().resideInAPackage("..web..")
                .check(main);
    }

    /**
     * Features may not depend on each other in a circle. Controllers ({@code ..web..}) are the
     * outermost layer, adapters over every feature (they all use {@code access}), so their
     * dependencies are not counted.
     */
    @Test
    void no_cycles_between_feature_packages() {
        slices().matching("io.tillbridge.(*)..").should().beFreeOfCycles()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage("..web.."), DescribedPredicate.alwaysTrue())
                .check(main);
    }

    @Test
    void no_package_is_a_dumping_ground() {
        noClasses().should().resideInAnyPackage("..util..", "..utils..", "..helper..", "..helpers..",
                "..common..", "..misc..", "..manager..")
                .check(main);
    }

    @Test
    void no_field_injection() {
        fields().should().notBeAnnotatedWith("jakarta.inject.Inject")
                .andShould().notBeAnnotatedWith("io.micronaut.context.annotation.Value")
                .check(main);
    }

    private static ArchCondition<JavaClass> onlyBeAccessedFromTheirOwnFeature() {
        Pattern feature = Pattern.compile("^io\\.tillbridge\\.([a-z]+)\\.");
        return new ArchCondition<>("only be accessed from their own feature") {
            @Override
            public void check(JavaClass internal, ConditionEvents events) {
                Matcher own = feature.matcher(internal.getPackageName() + ".");
                own.find();
                String ownFeature = "io.tillbridge." + own.group(1);
                boolean sharedSql = internal.getName().equals("io.tillbridge.platform.internal.Sql")
                        || internal.getName().startsWith("io.tillbridge.platform.internal.Sql$");
                internal.getAccessesToSelf().forEach(access -> {
                    String from = access.getOriginOwner().getPackageName();
                    if (sharedSql && from.matches("io\\.tillbridge\\.[a-z]+\\.internal(\\..*)?")) {
                        return;
                    }
                    if (!from.equals(ownFeature) && !from.startsWith(ownFeature + ".")) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                });
            }
        };
    }
}
