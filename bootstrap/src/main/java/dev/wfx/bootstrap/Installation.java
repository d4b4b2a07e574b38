package dev.wfx.bootstrap;

import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Where wfx is installed: relative paths in its configuration, such as the data directory, are
 * resolved against it, so every command finds the same data whatever directory it starts in.
 */
final class Installation {

  /** Where a checkout builds the jar (bootstrap/target/wfx.jar) and its classes. */
  private static final Path CHECKOUT_BUILD = Path.of("bootstrap", "target");

  private Installation() {}

  /**
   * The directory of the running wfx.jar, or the checkout it was built in; the working directory
   * when the classes come from somewhere that is not a file.
   */
  static Path directory() {
    CodeSource source = Installation.class.getProtectionDomain().getCodeSource();
    if (source != null && source.getLocation() != null) {
      try {
        return directoryOf(Path.of(source.getLocation().toURI()));
      } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
        // Not a plain file (a jar inside a jar, a custom class loader): nothing to anchor to.
      }
    }
    return Path.of("").toAbsolutePath();
  }

  /**
   * The installation holding this jar or classes directory: the jar's own directory, or for a
   * build in a checkout ({@code <checkout>/bootstrap/target/wfx.jar} or {@code …/classes}) the
   * checkout.
   */
  static Path directoryOf(Path codeLocation) {
    Path holder = codeLocation.toAbsolutePath().normalize().getParent();
    return holder.endsWith(CHECKOUT_BUILD) ? holder.getParent().getParent() : holder;
  }
}
