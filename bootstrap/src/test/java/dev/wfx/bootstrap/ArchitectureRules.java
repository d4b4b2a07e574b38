package dev.wfx.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture as rules over a base package, so the same rules check wfx itself and, in the
 * tests that prove they can fail, a deliberately broken class set.
 */
final class ArchitectureRules {

  private final String base;

  ArchitectureRules(String base) {
    this.base = base;
  }

  /** domain ← application ← adapters; adapters never depend on each other. */
  ArchRule onion_shape() {
    return onionArchitecture()
        .domainModels(base + ".domain..")
        .applicationServices(base + ".application..")
        .adapter("rest", base + ".adapter.rest..")
        .adapter("persistence", base + ".adapter.persistence..")
        .withOptionalLayers(true)
        // The composition root sits outside the onion and may wire every ring.
        .ignoreDependency(resideInAPackage(base + ".bootstrap.."), alwaysTrue())
        .because("the Maven module graph is the architecture: domain ← application ← adapters");
  }

  ArchRule domain_depends_only_on_the_jdk() {
    return classes()
        .that()
        .resideInAPackage(base + ".domain..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(base + ".domain..", "java..")
        .because("the domain is pure Java");
  }

  ArchRule core_knows_no_framework() {
    return noClasses()
        .that()
        .resideInAnyPackage(base + ".domain..", base + ".application..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.helidon..", "jakarta..", "javax..", "java.sql..", "org.postgresql..",
            "com.zaxxer..", "org.flywaydb..", "com.fasterxml..")
        .because("Helidon, Jakarta, JSON and JDBC belong to the adapters");
  }

  ArchRule adapters_do_not_know_each_other() {
    return noClasses()
        .that()
        .resideInAPackage(base + ".adapter.rest..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(base + ".adapter.persistence..")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage(base + ".bootstrap..")
        .because("adapters meet only through the ports; bootstrap wires them");
  }

  ArchRule persistence_does_not_know_rest() {
    return noClasses()
        .that()
        .resideInAPackage(base + ".adapter.persistence..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(base + ".adapter.rest..", base + ".bootstrap..")
        .because("adapters meet only through the ports; bootstrap wires them");
  }

  /** Every package is a slice of its own, so a cycle between any two of them is found. */
  ArchRule packages_are_free_of_cycles() {
    return slices()
        .matching(base + ".(**)")
        .should()
        .beFreeOfCycles()
        .because("dependencies between packages run one way, so each can be read and changed"
            + " knowing only those below it");
  }

  ArchRule only_bootstrap_wires() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(base + ".bootstrap..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(base + ".bootstrap..")
        .because("the composition root is the outermost ring");
  }
}
