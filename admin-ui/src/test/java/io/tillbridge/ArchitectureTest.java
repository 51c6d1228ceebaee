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
import io.tillbridge.platform.Platform;
import io.tillbridge.platform.internal.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
                // The modules' test jars (shared fixtures) are tests too, once `verify` has packaged them.
                .withImportOption(location -> !location.contains("-tests.jar"))
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
     * JDBC statements and result sets belong to repositories. The SQL of the platform, of the
     * warehouse connector (on the merchant's database) and of the database setup lives in
     * {@code ..internal..} packages; there are no exceptions.
     */
    @Test
    void only_internal_packages_run_sql() {
        noClasses().that().resideOutsideOfPackage("..internal..")
                .should().dependOnClassesThat().haveFullyQualifiedName(PreparedStatement.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ResultSet.class.getName())
                .check(main);
    }

    /**
     * Controllers ({@code ..web..}) are adapters over the services: they turn versions into ETags and
     * problems into responses. Nothing else, services and views alike, depends on them.
     */
    @Test
    void only_web_packages_depend_on_web_packages() {
        noClasses().that().resideOutsideOfPackage("io.tillbridge..web..")
                .should().dependOnClassesThat().resideInAPackage("io.tillbridge..web..")
                .check(main);
    }

    @Test
    void no_class_is_a_util_or_a_helper() {
        noClasses().should().haveSimpleNameContaining("Util")
                .orShould().haveSimpleNameContaining("Helper")
                .check(main);
    }

    /**
     * A feature's {@code internal} package is its own, except {@link Sql}: the one JDBC binding
     * and reading class that every repository shares.
     */
    @Test
    void internal_packages_are_used_only_by_their_own_feature() {
        classes().that().resideInAPackage("io.tillbridge.*.internal..")
                .and().doNotHaveFullyQualifiedName(Sql.class.getName())
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
     * dependencies are not counted; nor are those of {@link Platform}, the process that starts the
     * database and the services (it reads key files through {@code access} and {@code credentials}).
     * The rest of {@code platform} is what every feature may use: {@code platform.Versions} and
     * {@code platform.internal.Sql}.
     */
    @Test
    void no_cycles_between_feature_packages() {
        slices().matching("io.tillbridge.(*)..").should().beFreeOfCycles()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage("..web.."), DescribedPredicate.alwaysTrue())
                .ignoreDependency(JavaClass.Predicates.belongToAnyOf(Platform.class), DescribedPredicate.alwaysTrue())
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
                internal.getAccessesToSelf().forEach(access -> {
                    String from = access.getOriginOwner().getPackageName();
                    if (!from.equals(ownFeature) && !from.startsWith(ownFeature + ".")) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                });
            }
        };
    }
}
