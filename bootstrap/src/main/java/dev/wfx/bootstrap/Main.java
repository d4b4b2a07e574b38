package dev.wfx.bootstrap;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import java.io.PrintStream;
import java.util.List;

/** Entry point of the launcher: serves the API, or manages API keys (see {@link CommandLine}). */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    LogConfig.configureRuntime();
    int status = run(List.of(args), WfxConfig.load(System.getenv()), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs one command; returns the process exit status (serving returns once started). */
  static int run(List<String> args, Config config, PrintStream out, PrintStream err) {
    CommandLine command = CommandLine.parse(args);
    return switch (command) {
      case CommandLine.Serve serve -> {
        WfxServer server = WfxServer.start(config, out);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "wfx-shutdown"));
        yield 0;
      }
      case CommandLine.Help help -> {
        out.println(CommandLine.USAGE);
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
    };
  }
}
