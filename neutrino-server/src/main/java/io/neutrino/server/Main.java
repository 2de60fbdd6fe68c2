package io.neutrino.server;

import io.neutrino.lib.spi.InvalidConfiguration;
import io.neutrino.config.Config;
import io.neutrino.config.ConfigException;
import io.neutrino.server.db.Database;
import io.neutrino.server.pipeline.PipelineException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.flywaydb.core.api.MigrationInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code neutrino server | db-manage}: the launcher's entry point. */
@Command(name = "neutrino", mixinStandardHelpOptions = true,
    subcommands = {Main.ServerCommand.class, Main.DbManageCommand.class},
    description = "OpenStack Neutron's networking API, in Java.")
public final class Main implements Runnable {

  /** Options shared by every command, named as oslo.config names them. */
  static class ConfigOptions {
    @Option(names = "--config-file", description = "Configuration file (repeatable; later files win).")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = "--config-dir", description = "Directory of *.conf files read after the files.")
    List<Path> configDirs = new ArrayList<>();

    Config load() {
      return Config.load(configFiles, configDirs);
    }
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  @Command(name = "server", description = "Run the API server (like neutron-server).")
  static final class ServerCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ConfigOptions options = new ConfigOptions();

    @Override
    public Integer call() {
      NeutrinoServer server = NeutrinoServer.start(options.load(), Main.class.getClassLoader());
      CountDownLatch stopped = new CountDownLatch(1);
      Runnable stop = () -> {
        server.close();
        stopped.countDown();
      };
      // SIGTERM and SIGINT drain in-flight requests and exit 0, as a service manager expects.
      for (String sig : List.of("TERM", "INT")) {
        sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> new Thread(stop, "neutrino-stop").start());
      }
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
  }

  @Command(name = "db-manage", description = "Manage the database schema (like neutron-db-manage).")
  static final class DbManageCommand implements Callable<Integer> {
    @CommandLine.Mixin
    ConfigOptions options = new ConfigOptions();

    @Parameters(arity = "1..2", description = "upgrade heads | current | history | check_migration")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
      try (Database db = NeutrinoServer.openDatabase(options.load(), 2)) {
        switch (command.get(0)) {
          case "upgrade" -> {
            if (command.size() > 1 && !command.get(1).equals("heads") && !command.get(1).equals("head")) {
              throw new ConfigException("only 'upgrade heads' is supported, not " + command.get(1));
            }
            int n = db.upgrade();
            System.out.println("Applied " + n + " migration(s); schema at version " + db.currentVersion());
          }
          case "current" -> System.out.println(db.currentVersion() == null ? "(empty database)"
              : db.currentVersion() + (db.pendingMigrations() == 0 ? " (head)" : ""));
          case "history" -> {
            for (MigrationInfo m : db.history()) {
              System.out.println(m.getVersion() + "  " + m.getState().getDisplayName() + "  " + m.getDescription());
            }
          }
          case "check_migration" -> {
            int pending = db.pendingMigrations();
            System.out.println(pending == 0 ? "OK: schema is at head" : pending + " migration(s) pending");
            return pending == 0 ? 0 : 1;
          }
          default -> throw new ConfigException("unknown db-manage command " + command.get(0));
        }
      }
      return 0;
    }
  }

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigException || e instanceof InvalidConfiguration || e instanceof PipelineException) {
        System.err.println("neutrino: " + e.getMessage());
        return 1;
      }
      throw e;
    });
    System.exit(cli.execute(args));
  }
}
