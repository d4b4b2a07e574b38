package dev.wfx.bootstrap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of {@link ArchitectureRules}, checked against wfx's production classes. */
class ArchitectureTest {

  private static JavaClasses wfx;
  private final ArchitectureRules rules = new ArchitectureRules("dev.wfx");

  @BeforeAll
  static void importProductionClasses() {
    wfx =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.wfx");
  }

  @Test
  void the_modules_form_an_onion() {
    rules.onion_shape().check(wfx);
  }

  @Test
  void domain_depends_only_on_the_jdk() {
    rules.domain_depends_only_on_the_jdk().check(wfx);
  }

  @Test
  void core_knows_no_framework() {
    rules.core_knows_no_framework().check(wfx);
  }

  @Test
  void rest_adapter_does_not_know_persistence() {
    rules.adapters_do_not_know_each_other().check(wfx);
  }

  @Test
  void persistence_adapter_does_not_know_rest() {
    rules.persistence_does_not_know_rest().check(wfx);
  }

  @Test
  void packages_are_free_of_cycles() {
    rules.packages_are_free_of_cycles().check(wfx);
  }

  @Test
  void only_bootstrap_wires() {
    rules.only_bootstrap_wires().check(wfx);
  }

  @Test
  void every_layer_has_classes_to_check() {
    for (String layer :
        new String[] {
          "dev.wfx.domain",
          "dev.wfx.application",
          "dev.wfx.adapter.rest",
          "dev.wfx.adapter.persistence",
          "dev.wfx.bootstrap"
        }) {
      if (wfx.stream().noneMatch(c -> c.getPackageName().startsWith(layer))) {
        throw new AssertionError("no production class found in " + layer);
      }
    }
  }
}
