package org.hpo4j.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure ARCHITECTURE.md describes: no cycle between packages (a subpackage is a
 * package of its own) and no dependency against the layering, over the main classes of
 * hpo4j-runtime and hpo4j-tuner.
 */
class PackageLayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // hpo4j-runtime's test jar (annotated test classes) is on this class path too
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.hpo4j");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.hpo4j.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void packagesFollowTheLayering() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("space").definedBy("org.hpo4j.space..")
                .layer("trial").definedBy("org.hpo4j.trial..")
                .layer("inject").definedBy("org.hpo4j.inject..")
                .layer("hypergradient").definedBy("org.hpo4j.hypergradient..")
                .layer("optimizer").definedBy("org.hpo4j.optimizer")
                .layer("algorithms").definedBy("org.hpo4j.optimizer.async..", "org.hpo4j.optimizer.cmaes..",
                        "org.hpo4j.optimizer.gp..", "org.hpo4j.optimizer.grid..", "org.hpo4j.optimizer.local..",
                        "org.hpo4j.optimizer.multi..", "org.hpo4j.optimizer.tpe..")
                .layer("registry").definedBy("org.hpo4j.optimizer.registry..")
                .layer("curves").definedBy("org.hpo4j.curves..")
                .layer("store").definedBy("org.hpo4j.store..")
                .layer("objective").definedBy("org.hpo4j.objective..")
                .layer("warmstart").definedBy("org.hpo4j.warmstart..")
                .layer("execute").definedBy("org.hpo4j.execute..")
                .layer("study").definedBy("org.hpo4j.study..")
                .layer("distributed").definedBy("org.hpo4j.distributed..")
                .layer("report").definedBy("org.hpo4j.report..")
                .layer("dashboard").definedBy("org.hpo4j.dashboard..")
                .layer("tune").definedBy("org.hpo4j.tune..")
                .whereLayer("space").mayNotAccessAnyLayer()
                .whereLayer("trial").mayNotAccessAnyLayer()
                .whereLayer("hypergradient").mayNotAccessAnyLayer()
                .whereLayer("curves").mayNotAccessAnyLayer()
                .whereLayer("inject").mayOnlyAccessLayers("space", "trial")
                .whereLayer("optimizer").mayOnlyAccessLayers("space")
                .whereLayer("algorithms").mayOnlyAccessLayers("space", "optimizer")
                .whereLayer("registry").mayOnlyAccessLayers("space", "optimizer", "algorithms")
                .whereLayer("store").mayOnlyAccessLayers("space", "trial", "optimizer")
                .whereLayer("objective").mayOnlyAccessLayers("space", "trial", "optimizer")
                .whereLayer("warmstart").mayOnlyAccessLayers("space", "inject", "optimizer", "store")
                .whereLayer("execute").mayOnlyAccessLayers("space", "trial", "inject", "optimizer", "store",
                        "objective")
                .whereLayer("study").mayOnlyAccessLayers("space", "trial", "inject", "optimizer", "algorithms",
                        "registry", "curves", "store", "objective", "warmstart", "execute")
                .whereLayer("distributed").mayOnlyAccessLayers("space", "trial", "inject", "optimizer",
                        "registry", "curves", "store", "objective", "warmstart", "execute", "study")
                .whereLayer("report").mayOnlyAccessLayers("space", "trial", "inject", "optimizer", "store",
                        "objective", "study")
                .whereLayer("dashboard").mayOnlyAccessLayers("space", "trial", "inject", "optimizer", "store",
                        "objective", "study", "report")
                .whereLayer("tune").mayOnlyAccessLayers("space", "trial", "inject", "optimizer", "registry",
                        "curves", "store", "objective", "warmstart", "execute", "study", "distributed", "report",
                        "dashboard")
                .check(classes);
    }

    @Test
    void runtimeNeedsOnlyTheJdkAndTheAnnotations() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().resideInAnyPackage("org.hpo4j.space..", "org.hpo4j.trial..", "org.hpo4j.inject..",
                        "org.hpo4j.hypergradient..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.hpo4j.annotations..", "org.hpo4j.space..", "org.hpo4j.trial..",
                        "org.hpo4j.inject..", "org.hpo4j.hypergradient..")
                .check(classes);
    }
}
