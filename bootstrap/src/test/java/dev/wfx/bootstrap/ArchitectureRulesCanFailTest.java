package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** Each architecture rule finds the violation planted for it in {@code dev.wfx.archfixture}. */
class ArchitectureRulesCanFailTest {

  private static final JavaClasses BROKEN =
      new ClassFileImporter().importPackages("dev.wfx.archfixture");
  private static final ArchitectureRules RULES = new ArchitectureRules("dev.wfx.archfixture");

  static Stream<Arguments> rules() {
    return Stream.of(
        rule("onion", ArchitectureRules::onion_shape, "DependsOnApplication"),
        rule("jdk only", ArchitectureRules::domain_depends_only_on_the_jdk, "UsesLibrary"),
        rule("no framework", ArchitectureRules::core_knows_no_framework, "UsesJdbc"),
        rule("rest isolated", ArchitectureRules::adapters_do_not_know_each_other, "CallsPersistence"),
        rule("persistence isolated", ArchitectureRules::persistence_does_not_know_rest, "Store"),
        rule("bootstrap outermost", ArchitectureRules::only_bootstrap_wires, "Store"),
        rule("no cycles", ArchitectureRules::packages_are_free_of_cycles, "NamesExecution"));
  }

  private static Arguments rule(
      String name, Function<ArchitectureRules, ArchRule> rule, String offender) {
    return Arguments.of(name, rule, offender);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void givenABrokenClassSet_whenTheRuleIsEvaluated_thenItNamesTheOffender(
      String name, Function<ArchitectureRules, ArchRule> rule, String offender) {
    EvaluationResult result = rule.apply(RULES).evaluate(BROKEN);

    assertTrue(result.hasViolation(), name + " found no violation");
    String report = result.getFailureReport().toString();
    assertTrue(report.contains(offender), name + " did not name " + offender + ":\n" + report);
  }
}
