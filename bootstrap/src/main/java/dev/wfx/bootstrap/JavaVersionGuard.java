package dev.wfx.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The Main-Class of wfx.jar: on a Java older than 21 it says in one line which Java wfx needs,
 * where the JVM would otherwise fail with {@code UnsupportedClassVersionError}; on 21 or newer it
 * hands over to {@link Main}.
 *
 * <p>Compiled for Java 8 on its own (see bootstrap/pom.xml) so that any JVM can load it, it uses
 * nothing newer and touches the rest of wfx only once the version is known to be enough.
 */
public final class JavaVersionGuard {

  static final int REQUIRED_MAJOR = 21;

  /** The exit status when the Java is too old. */
  static final int TOO_OLD = 1;

  private JavaVersionGuard() {}

  public static void main(String[] args) throws Throwable {
    String refusal =
        refusal(System.getProperty("java.specification.version"), System.getProperty("java.home"));
    if (refusal != null) {
      System.err.println(refusal);
      System.exit(TOO_OLD);
    }
    MethodHandle main =
        MethodHandles.publicLookup()
            .findStatic(
                Class.forName("dev.wfx.bootstrap.Main"),
                "main",
                MethodType.methodType(void.class, String[].class));
    main.invokeExact(args);
  }

  /**
   * The line to print for a Java of this specification version ("1.8", "17", "21"), or null when
   * it can run wfx.
   */
  static String refusal(String specificationVersion, String javaHome) {
    int major = major(specificationVersion);
    if (major < 0 || major >= REQUIRED_MAJOR) {
      return null;
    }
    return "wfx needs Java "
        + REQUIRED_MAJOR
        + " or newer, but runs on Java "
        + specificationVersion
        + " ("
        + javaHome
        + "): set JAVA_HOME to a JDK "
        + REQUIRED_MAJOR
        + "+ and start bin/wfx, or run wfx.jar with $JAVA_HOME/bin/java -jar";
  }

  /**
   * 8 for "1.8", 17 for "17"; -1 for anything unreadable, which is let through: the JVM then says
   * itself what it lacks.
   */
  private static int major(String specificationVersion) {
    if (specificationVersion == null) {
      return -1;
    }
    String version =
        specificationVersion.startsWith("1.")
            ? specificationVersion.substring(2)
            : specificationVersion;
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 ? -1 : Integer.parseInt(version.substring(0, end));
  }
}
