package dev.wfx.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InstallationTest {

  @Test
  void givenAJarBuiltInACheckout_thenTheInstallationIsTheCheckout() {
    assertEquals(
        Path.of("/src/wfx"), Installation.directoryOf(Path.of("/src/wfx/bootstrap/target/wfx.jar")));
  }

  @Test
  void givenTheClassesOfACheckout_thenTheInstallationIsTheCheckout() {
    assertEquals(
        Path.of("/src/wfx"), Installation.directoryOf(Path.of("/src/wfx/bootstrap/target/classes")));
  }

  @Test
  void givenAJarInstalledOnItsOwn_thenTheInstallationIsItsDirectory() {
    assertEquals(Path.of("/opt/wfx"), Installation.directoryOf(Path.of("/opt/wfx/wfx.jar")));
  }

  @Test
  void givenTheseTestsClasses_thenTheInstallationIsThisCheckout() {
    // Surefire runs in the module directory, bootstrap/.
    assertEquals(Path.of("").toAbsolutePath().getParent(), Installation.directory());
  }
}
