package dev.wfx.bootstrap;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.logging.LogManager;

/**
 * Entry point of the launcher, once {@link JavaVersionGuard} has found the Java new enough: serves
 * the API, manages API keys, or rebuilds projections (see {@link CommandLine}).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    configureLogging(CommandLine.parse(List.of(args)));
    int status;
    try {
      status = run(List.of(args), WfxConfig.load(System.getenv()), System.out, System.err);
    } catch (RuntimeException e) {
      // A database that cannot be reached or migrated: say why in one line, not a stack trace.
      System.err.println("wfx: cannot start: " + causes(e));
      status = 1;
    }
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * The service logs at INFO (logging.properties); a one-shot command prints only its own output,
   * and warnings and errors (logging-command.properties), unless a logging configuration is named
   * with -Djava.util.logging.config.file.
   */
  private static void configureLogging(CommandLine command) {
    if (command instanceof CommandLine.Serve) {
      LogConfig.configureRuntime();
      return;
    }
    if (System.getProperty("java.util.logging.config.file") != null) {
      return;
    }
    try (InputStream settings = Main.class.getResourceAsStream("/logging-command.properties")) {
      LogManager.getLogManager().readConfiguration(settings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read logging-command.properties", e);
    }
  }

  private static String causes(Throwable error) {
    StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
    for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(": ").append(cause.getMessage());
      }
    }
    return text.toString();
  }

  /** Runs one command; returns the process exit status (serving returns once started). */
  static int run(List<String> args, Config config, PrintStream out, PrintStream err) {
    try {
      return runCommand(CommandLine.parse(args), config, out, err);
    } catch (IllegalArgumentException e) {
      err.println("wfx: bad configuration: " + e.getMessage());
      return 2;
    }
  }

  private static int runCommand(
      CommandLine command, Config config, PrintStream out, PrintStream err) {
    return switch (command) {
      case CommandLine.Serve serve -> {
        WfxServer server = WfxServer.start(config, out);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wfx-shutdown"));
        yield 0;
      }
      case CommandLine.Help help -> {
        out.println(help.text());
        yield 0;
      }
      case CommandLine.Version version -> {
        out.println("wfx " + version());
        yield 0;
      }
      case CommandLine.Invalid invalid -> {
        err.println("wfx: " + invalid.message());
        err.println(CommandLine.USAGE);
        yield 2;
      }
      case CommandLine.CreateKey create -> KeyCommands.create(config, create, out);
      case CommandLine.ListKeys list -> KeyCommands.list(config, out);
      case CommandLine.RevokeKey revoke -> KeyCommands.revoke(config, revoke, out, err);
      case CommandLine.RebuildProjections rebuild -> ProjectionCommands.rebuild(config, out);
    };
  }

  /** The version the build wrote into version.properties. */
  static String version() {
    Properties build = new Properties();
    try (InputStream file = Main.class.getResourceAsStream("version.properties")) {
      build.load(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read version.properties", e);
    }
    return build.getProperty("version");
  }
}
