package io.neutrino.agent.linux;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only class that runs host commands (neutron/agent/linux/utils.execute). Every call is logged
 * and every failure raised with the command, its exit code and its stderr.
 *
 * <p>An executor may be bound to a network namespace: then every command runs inside it through
 * {@code ip netns exec}. Tests use that to give two agents on one machine a "host" each.
 */
public final class HostExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(HostExecutor.class);
  private static final long TIMEOUT_SECONDS = 60;

  private final Optional<String> namespace;

  private HostExecutor(Optional<String> namespace) {
    this.namespace = namespace;
  }

  /** Runs commands in the namespace the agent process itself is in. */
  public static HostExecutor root() {
    return new HostExecutor(Optional.empty());
  }

  /** Runs every command inside the named network namespace (which must exist). */
  public static HostExecutor inNamespace(String namespace) {
    return new HostExecutor(Optional.of(namespace));
  }

  public Optional<String> namespace() {
    return namespace;
  }

  /** What a finished command printed. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs the command; a non-zero exit is a {@link HostCommandException}. */
  public String run(String... command) {
    return run(List.of(command), null);
  }

  /** Runs the command with {@code stdin} fed to it (e.g. {@code iptables-restore}). */
  public String run(List<String> command, String stdin) {
    Result r = tryRun(command, stdin);
    if (!r.ok()) {
      throw new HostCommandException(r);
    }
    return r.stdout();
  }

  /** Runs the command and returns its result whatever the exit code (for probes). */
  public Result tryRun(List<String> command, String stdin) {
    List<String> full = new ArrayList<>();
    namespace.ifPresent(ns -> full.addAll(List.of("ip", "netns", "exec", ns)));
    full.addAll(command);
    LOG.debug("Running {}", full);
    try {
      Process p = new ProcessBuilder(full).start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(full, -1, out.getNow(""), "timed out after " + TIMEOUT_SECONDS + " s");
      }
      Result r = new Result(full, p.exitValue(), out.join(), err.join());
      if (!r.ok()) {
        LOG.debug("Exit code {} from {}: {}", r.exitCode(), full, r.stderr().strip());
      }
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + full, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + full, e);
    }
  }

  private static CompletableFuture<String> drain(InputStream s) {
    return CompletableFuture.supplyAsync(() -> {
      try (s) {
        return new String(s.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "";
      }
    });
  }
}
